// issue 19 (holes 1, 2, 3, 9, 11) and issue 22 part 0, through the real `budget` CLI process, browser mode as
// a real server and real files: every command of the CLI's table opens the database as it declares —
// writing ones through the one gate (the lock on the real file, whatever its name or the environment;
// read-only files refused even as an administrator), reading ones read-only without changing a byte.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../cli/commands/index';
import { nodeBundle } from './helpers/build';
import { runCli } from './helpers/cli';
import { newerDbWithPendingWal } from './helpers/newer-db';
import { tempDir } from './helpers/db';
import { FIXTURE_PATH, fixtureDoc, fixtureText } from './helpers/fixture';
import { lineSheet, type SheetDoc } from './helpers/line-sheets';
import { isServed, serve, stopAll, type Served } from './helpers/serve';

let tmp: ReturnType<typeof tempDir>;
let cli = '';
beforeAll(async () => {
  tmp = tempDir();
  cli = await nodeBundle('cli/budget.ts');
  const sheet = await lineSheet(fixtureDoc() as SheetDoc, 'yitihua-csv-utf8');
  writeFileSync(tmp.file('lines.csv'), sheet.bytes);
  // A department-level 控制数 sheet (no unit column: the department's own ceilings).
  writeFileSync(tmp.file('control.csv'), ['资金来源,支出类型,金额', '一般公共预算拨款,基本支出,100', '一般公共预算拨款,项目支出,50'].join('\n'));
});
afterEach(stopAll);
afterAll(() => tmp.cleanup());

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  BUDGETDESK_NO_OPEN: '1',
  BUDGETDESK_DATA_DIR: tmp.file('data'),
  XDG_RUNTIME_DIR: tmp.file('run'),
  ...extra,
});
const budget = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCli(cli, args, { cwd: tmp.dir, env: env(extraEnv) });
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const budgetRef = { dept: '711', year: 2025 };

async function importedDb(name: string): Promise<string> {
  const db = tmp.file(name);
  const r = await budget(['import', FIXTURE_PATH, '--db', db]);
  expect(r.code, r.err).toBe(0);
  return db;
}

/** One invocation of every command of the CLI's table against `db` (outputs into the temp dir). */
function invocations(db: string): Record<string, string[]> {
  return {
    import: ['import', FIXTURE_PATH, '--db', db, '--replace'],
    'import-sheet': ['import-sheet', tmp.file('lines.csv'), '--db', db, '--year', '2025', '--dept', '711', '--replace-lines'],
    'prior-import': ['prior-import', db, tmp.file('prior.xlsx'), '--year', '2026'],
    'new-year': ['new-year', db, '--from', '2025', '--to', '2026'],
    finalize: ['finalize', db, '--year', '2025'],
    export: ['export', db, '--year', '2025', '--json', tmp.file('out.budget.json')],
    check: ['check', db, '--year', '2025'],
    summary: ['summary', db, '--year', '2025', '--xlsx', tmp.file('out-summary.xlsx')],
    list: ['list', db],
    compare: ['compare', db, '--year', '2025'],
    control: ['control', db, '--year', '2025'],
    'control-import': ['control-import', tmp.file('control.csv'), '--db', db, '--year', '2025', '--dept', '711', '--replace'],
    handout: ['handout', db, '--year', '2025', '--dept', '711', '--out-dir', tmp.file('handout')],
  };
}

function refused(r: { code: number | null; err: string }, why: RegExp, what: string): void {
  expect(r.code, `${what}: ${r.err}`).not.toBe(0);
  expect(r.err, what).toMatch(why);
  // The temp folder's random name may hold capitals: only the message's own words are checked.
  expect(r.err.replaceAll(tmp.dir, '…'), what).not.toMatch(/Error|\bat \w|E[A-Z]{3,}/);
}

describe('issue 22 part 0: every CLI command opens the database as the command table declares', () => {
  it('the table names every command; writing ones are exactly those that change a database', () => {
    expect(Object.keys(invocations('x')).sort()).toEqual(Object.keys(COMMANDS).sort());
    expect(
      Object.keys(COMMANDS)
        .filter((c) => COMMANDS[c]!.writes)
        .sort(),
    ).toEqual(['control-import', 'finalize', 'import', 'import-sheet', 'new-year', 'prior-import']);
  });

  it(
    'holes 1 and 3: while a server holds the file, every writing command is refused through a hard link, ' +
      'whatever XDG_RUNTIME_DIR; the server keeps its edits',
    async () => {
      const db = await importedDb('held.sqlite');
      expect((await budget(['export', db, '--year', '2025', '--xlsx', tmp.file('prior.xlsx')])).code).toBe(0);
      const s = await serve(['--db', db], env());
      if (!isServed(s)) throw new Error(s.err);
      const alias = tmp.file('held-alias.sqlite');
      linkSync(db, alias);
      const lock = new RegExp(`已被另一个 BudgetDesk 打开.*进程号 ${s.child.pid}`);
      for (const [name, args] of Object.entries(invocations(alias))) {
        for (const extra of [{}, { XDG_RUNTIME_DIR: undefined }, { XDG_RUNTIME_DIR: tmp.file('elsewhere'), TMPDIR: tmp.file('elsewhere') }]) {
          const r = await budget(args, extra);
          if (COMMANDS[name]!.writes) refused(r, lock, `${name} ${JSON.stringify(extra)}`);
          else expect(r.code, `${name}: ${r.err}`).toBeLessThanOrEqual(1); // check exits 1 when it finds errors
        }
      }
      // The server's edits are confirmed and survive its restart: nothing else wrote the file meanwhile.
      const lines = (await s.call('lines.list', { budget: budgetRef })).value as { id: number; amount: string }[];
      const edit = await s.call('lines.update', { budget: budgetRef, id: lines[0]!.id, changes: { memo: '服务器的修改' } });
      expect(edit.ok, JSON.stringify(edit)).toBe(true);
      await stopAll();
      const again = await serve(['--db', db], env());
      if (!isServed(again)) throw new Error(again.err);
      const after = (await again.call('lines.list', { budget: budgetRef })).value as { id: number; memo?: string | null }[];
      expect(after.length).toBe(lines.length);
      expect(after.find((l) => l.id === lines[0]!.id)?.memo).toBe('服务器的修改');
    },
    600_000, // thirty CLI processes: generous on a loaded machine, not a timing assertion
  );

  it('hole 11: a chmod 444 database is refused by every writing command and left byte-identical by every command', async () => {
    const db = await importedDb('ro.sqlite');
    expect((await budget(['export', db, '--year', '2025', '--xlsx', tmp.file('prior.xlsx')])).code).toBe(0);
    chmodSync(db, 0o444);
    try {
      const before = sha(db);
      for (const [name, args] of Object.entries(invocations(db))) {
        const r = await budget(args);
        if (COMMANDS[name]!.writes) refused(r, /只读/, name);
        else expect(r.code, `${name}: ${r.err}`).toBeLessThanOrEqual(1);
        expect(sha(db), name).toBe(before);
        expect(existsSync(`${db}-wal`) && readFileSync(`${db}-wal`).length > 0, name).toBe(false);
      }
    } finally {
      chmodSync(db, 0o644);
    }
  }, 600_000);
});

describe('hole 2: db.backup never targets a database another instance has open', () => {
  it("server A cannot back up over server B's file, by its name or a hard link; B keeps its edits", async () => {
    const a = await servedDb('a.sqlite');
    const b = await servedDb('b.sqlite');
    linkSync(b.db, tmp.file('b-alias.sqlite'));
    const before = sha(b.db);
    for (const target of [b.db, tmp.file('b-alias.sqlite')]) {
      const r = await a.s.call('db.backup', { path: target, overwrite: true });
      expect(r.ok, target).toBe(false);
      expect(r.error.message).toMatch(/另一个 BudgetDesk 正在打开的数据库/);
    }
    expect(sha(b.db)).toBe(before);
    const lines = (await b.s.call('lines.list', { budget: budgetRef })).value as { id: number }[];
    expect((await b.s.call('lines.update', { budget: budgetRef, id: lines[0]!.id, changes: { memo: 'B 的修改' } })).ok).toBe(true);
    await stopAll();
    // Once B is closed, its file is an ordinary backup target again.
    const a2 = await serve(['--db', a.db], env());
    if (!isServed(a2)) throw new Error(a2.err);
    expect((await a2.call('db.backup', { path: b.db, overwrite: true })).ok).toBe(true);
  });
});

describe('hole 9: a newer-version database reached through a symlink', () => {
  it('is refused without replaying its -wal (beside the real file): both files stay byte-identical', async () => {
    const db = tmp.file('newer.sqlite');
    await newerDbWithPendingWal(tmp.file('newer-src.sqlite'), db, env());
    const link = tmp.file('newer-link.sqlite');
    symlinkSync(db, link);
    const before = [sha(db), sha(`${db}-wal`)];
    const s = await serve(['--db', link], env());
    expect(isServed(s)).toBe(false);
    if (!isServed(s)) expect(s.err).toMatch(/更新版本的 BudgetDesk.*未打开也未作任何修改/);
    for (const args of [
      ['list', link],
      ['finalize', link, '--year', '2025'],
    ])
      refused(await budget(args), /更新版本的 BudgetDesk/, args[0]!);
    expect([sha(db), sha(`${db}-wal`)]).toEqual(before);
  });
});

async function servedDb(name: string): Promise<{ s: Served; db: string }> {
  const db = tmp.file(name);
  const s = await serve(['--db', db], env());
  if (!isServed(s)) throw new Error(s.err);
  expect((await s.call('import.budgetFile', { fileName: '711.budget.json', text: fixtureText() })).ok).toBe(true);
  return { s, db };
}
