// issue 11 through the real `budget` CLI process and real files: exports never over the database; the writing
// commands take the app's lock (read-only ones keep working); duplicate keys, over-long files and read-only
// databases refused whole; English detail replaced by a Chinese sentence with the detail in the error log.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUDGET_FILE_CHARS } from '../core/limits';
import { guardExportTarget } from '../electron/export-files';
import { nodeBundle } from './helpers/build';
import { dumpDatabase, tempDir } from './helpers/db';
import { FIXTURE_PATH, fixtureText } from './helpers/fixture';
import { isServed, serve, stopAll } from './helpers/serve';

let tmp: ReturnType<typeof tempDir>;
let cli = '';
beforeAll(async () => {
  tmp = tempDir();
  cli = await nodeBundle('cli/budget.ts');
});
afterEach(stopAll);
afterAll(() => tmp.cleanup());

const env = (): NodeJS.ProcessEnv => ({ ...process.env, BUDGETDESK_NO_OPEN: '1', BUDGETDESK_DATA_DIR: tmp.file('data'), XDG_RUNTIME_DIR: tmp.file('run') });
function budget(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp.dir, encoding: 'utf8', env: env() });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** One Chinese line on stderr, non-zero exit, no English detail. */
function refused(r: ReturnType<typeof budget>, fragment: RegExp): void {
  expect(r.code, r.err).not.toBe(0);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(fragment);
  // The temp folder's random name may hold capitals (…-EPEGuN): only the message's own words are checked.
  expect(r.err.replaceAll(tmp.dir, '…')).not.toMatch(/Error|\bat \w|E[A-Z]{3,}/);
}

function importedDb(name: string): string {
  const db = tmp.file(name);
  const r = budget('import', FIXTURE_PATH, '--db', db);
  expect(r.code, r.err).toBe(0);
  return db;
}

describe('hole 2: CLI exports are guarded', () => {
  it('budget export DB --json DB is refused and the database stays as it was; other targets follow the same rules', () => {
    const db = importedDb('exp.sqlite');
    const before = dumpDatabase(db);
    refused(budget('export', db, '--year', '2025', '--json', db), /预算文件不能保存到.*当前打开的数据库文件本身/);
    expect(dumpDatabase(db)).toBe(before);
    expect(budget('list', db).code).toBe(0);
    const notes = tmp.file('notes.json.txt');
    writeFileSync(notes, '别的文件');
    refused(budget('export', db, '--year', '2025', '--json', notes), /不是 JSON 文件/);
    expect(readFileSync(notes, 'utf8')).toBe('别的文件');
    mkdirSync(tmp.file('folder.xlsx'));
    refused(budget('export', db, '--year', '2025', '--xlsx', tmp.file('folder.xlsx')), /这是一个文件夹/);
    // Another database's journal is refused too.
    const other = importedDb('other.sqlite');
    refused(budget('export', db, '--year', '2025', '--json', `${other}-journal`), /数据库“other\.sqlite”的日志或锁文件/);
    expect(existsSync(`${other}-journal`)).toBe(false);
    // The desktop app's save-dialog target goes through the same guard.
    const desktop = guardExportTarget(`${db}-wal`, 'json', db);
    expect(desktop.ok === false && desktop.error.message).toMatch(/日志或锁文件/);
    // An earlier export of the same kind is replaced, as before.
    const json = tmp.file('711.budget.json');
    expect(budget('export', db, '--year', '2025', '--json', json).code).toBe(0);
    expect(budget('export', db, '--year', '2025', '--json', json).code).toBe(0);
  });
});

describe("hole 4: the CLI's writing commands take the app's lock", () => {
  it('import --replace, new-year, finalize and prior-import are refused while browser mode has the file open; list and export work', async () => {
    const db = importedDb('locked.sqlite');
    const s = await serve(['--db', db], env());
    if (!isServed(s)) throw new Error(s.err);
    const before = (await s.call('lines.list', { budget: { dept: '711', year: 2025 } })).value;
    const xlsx = tmp.file('locked.xlsx');
    expect(budget('export', db, '--year', '2025', '--xlsx', xlsx).code).toBe(0);
    expect(budget('list', db).out).toContain('711');
    writeFileSync(tmp.file('prior.xlsx'), readFileSync(xlsx));
    const lockMessage = new RegExp(`已被另一个 BudgetDesk 打开（进程号 ${s.child.pid}`);
    refused(budget('import', FIXTURE_PATH, '--db', db, '--replace'), lockMessage);
    refused(budget('new-year', db, '--from', '2025', '--to', '2026'), lockMessage);
    refused(budget('finalize', db, '--year', '2025'), lockMessage);
    refused(budget('prior-import', db, tmp.file('prior.xlsx'), '--year', '2026'), lockMessage);
    expect((await s.call('lines.list', { budget: { dept: '711', year: 2025 } })).value).toEqual(before);
    expect((await s.call('edit.state', { budget: { dept: '711', year: 2025 } })).ok).toBe(true);
  });

  it('a chmod 444 database is not written by import, even by an administrator', () => {
    const db = importedDb('ro.sqlite');
    chmodSync(db, 0o444);
    const before = sha(db);
    refused(budget('import', FIXTURE_PATH, '--db', db, '--replace'), /只读/);
    expect(sha(db)).toBe(before);
    chmodSync(db, 0o644);
  });
});

describe('hole 5: bad budget files are refused whole, in Chinese', () => {
  it('a duplicate key is refused, naming the key and its line', () => {
    const text = fixtureText().replace('"amount": "6400.00"', '"amount": "6400.00", "amount": "99999999999.99"');
    expect(text).toContain('"amount": "99999999999.99"');
    writeFileSync(tmp.file('dup.budget.json'), text);
    const line = text.slice(0, text.indexOf('"amount": "99999999999.99"')).split('\n').length;
    refused(budget('import', tmp.file('dup.budget.json'), '--db', tmp.file('dup.sqlite')), new RegExp(`第 ${line} 行的字段“amount”重复`));
    expect(existsSync(tmp.file('dup.sqlite'))).toBe(false);
  });

  it('a file over 6000 万 characters is refused before it is read whole', () => {
    const big = tmp.file('big.budget.json');
    const fd = openSync(big, 'w');
    const chunk = Buffer.alloc(1 << 20, 0x20);
    for (let n = 0; n <= MAX_BUDGET_FILE_CHARS; n += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    refused(budget('import', big, '--db', tmp.file('big.sqlite')), /超过 6000 万字符的上限/);
    // Far larger (sparse) files are refused by their size alone.
    const huge = tmp.file('huge.budget.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_BUDGET_FILE_CHARS * 4);
    refused(budget('import', huge, '--db', tmp.file('huge.sqlite')), /超过 6000 万字符的上限/);
    expect(existsSync(tmp.file('big.sqlite')) || existsSync(tmp.file('huge.sqlite'))).toBe(false);
  });

  it('an English failure ("Maximum call stack size exceeded") reads as Chinese; the detail is in the error log', () => {
    const doc = fixtureText().trimEnd();
    const deep = `${doc.slice(0, -1)}, "x": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    writeFileSync(tmp.file('deep.budget.json'), deep);
    const r = budget('import', tmp.file('deep.budget.json'), '--db', tmp.file('deep.sqlite'));
    const log = tmp.file('data/logs/errors.log');
    refused(r, /未完成.*详细信息已记入日志文件/);
    expect(r.err).toContain(log);
    expect(readFileSync(log, 'utf8')).toContain('Maximum call stack size exceeded');
  });
});
