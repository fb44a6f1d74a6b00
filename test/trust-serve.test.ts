// issue 11, through browser mode as a real process (HTTP API with its token) and real files: the token never
// on a command line, db.backup never over the database's own files, one writer per database file whatever
// its name, stale locks of reused pids, a newer database with a pending -wal left byte-identical, and
// unknown narrative keys refused.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockPathFor } from '../db/instance-lock';
import { processStartTime } from '../db/process-start';
import { tempDir } from './helpers/db';
import { newerDbWithPendingWal } from './helpers/newer-db';
import { fixtureText } from './helpers/fixture';
import { isServed, serve, stopAll, type Served } from './helpers/serve';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
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
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A server on a new database holding the reference budget. */
async function servedDb(name: string): Promise<{ s: Served; db: string }> {
  const db = tmp.file(name);
  const s = await serve(['--db', db], env());
  if (!isServed(s)) throw new Error(s.err);
  const imp = await s.call('import.budgetFile', { fileName: '711.budget.json', text: fixtureText() });
  expect(imp.ok).toBe(true);
  return { s, db };
}

async function waitForFile(p: string): Promise<string> {
  while (!existsSync(p) || readFileSync(p, 'utf8') === '') await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 100)); // the recorder writes in one go; let it finish
  return readFileSync(p, 'utf8');
}

describe('hole 1: the browser-mode token', () => {
  it('is on no command line and in no environment of the browser opener; a 0600 launcher page carries it', async () => {
    mkdirSync(tmp.file('run'), { recursive: true, mode: 0o700 });
    const shim = tmp.file('shim');
    mkdirSync(shim);
    const record = tmp.file('opener-record.txt');
    const script = `#!/bin/sh\n{ for a in "$0" "$@"; do printf 'ARG %s\\n' "$a"; done; env; } > "${record}.part"\nmv "${record}.part" "${record}"\n`;
    for (const name of ['xdg-open', 'open']) {
      writeFileSync(`${shim}/${name}`, script);
      chmodSync(`${shim}/${name}`, 0o755);
    }
    const e = env({ PATH: `${shim}:${process.env.PATH}` });
    delete e.BUDGETDESK_NO_OPEN;
    const s = await serve(['--db', tmp.file('token.sqlite')], e);
    if (!isServed(s)) throw new Error(s.err);
    expect(s.out).toContain(s.url); // the clerk still reads the address on stdout
    const rec = await waitForFile(record);
    expect(rec).not.toContain(s.token);
    const args = rec
      .split('\n')
      .filter((l) => l.startsWith('ARG '))
      .map((l) => l.slice(4));
    expect(args).toHaveLength(2);
    const launcher = args[1]!;
    expect(launcher.startsWith(tmp.file('run'))).toBe(true);
    expect(statSync(launcher).mode & 0o777).toBe(0o600);
    expect(readFileSync(launcher, 'utf8')).toContain(s.url);
  });
});

describe('hole 2: db.backup never writes over the database, its journals, its lock, folders or devices', () => {
  it('refuses each in Chinese and leaves every file as it was; replaces only a confirmed BudgetDesk backup', async () => {
    const { s, db } = await servedDb('guard.sqlite');
    await s.call('lines.add', { budget: { dept: '711', year: 2025 }, lines: [] });
    const other = tmp.file('notes.txt');
    writeFileSync(other, '别的文件');
    linkSync(db, tmp.file('guard-hardlink.sqlite'));
    symlinkSync(db, tmp.file('guard-symlink.sqlite'));
    const before = new Map([db, `${db}-wal`, lockPathFor(db), other].filter(existsSync).map((p) => [p, sha(p)]));
    const targets: [string, RegExp][] = [
      [`${db}-wal`, /日志或锁文件/],
      [`${db}-shm`, /日志或锁文件/],
      [`${db}-journal`, /日志或锁文件/],
      [`${db}.lock`, /日志或锁文件/],
      [tmp.file('guard-hardlink.sqlite'), /当前打开的数据库文件本身/],
      [tmp.file('guard-symlink.sqlite'), /当前打开的数据库文件本身/],
      [tmp.dir, /文件夹/],
      ['/dev/null', /不是普通文件/],
      [other, /不是 BudgetDesk 数据库或备份/],
    ];
    for (const [path, why] of targets) {
      const r = await s.call('db.backup', { path, overwrite: true });
      expect(r.ok, path).toBe(false);
      expect(r.error.message, path).toMatch(why);
      expect(r.error.message.replaceAll(tmp.dir, '…'), path).not.toMatch(/[A-Z]{4,}|Error/);
    }
    for (const [p, h] of before) expect(sha(p), p).toBe(h);
    expect((await s.call('budget.totals', { budget: { dept: '711', year: 2025 } })).ok).toBe(true);
    // A backup the clerk made earlier may be replaced when confirmed.
    const copy = tmp.file('copy.sqlite');
    expect((await s.call('db.backup', { path: copy })).ok).toBe(true);
    expect((await s.call('db.backup', { path: copy })).error.code).toBe('conflict');
    expect((await s.call('db.backup', { path: copy, overwrite: true })).ok).toBe(true);
    // …unless its owner made it read-only (mode bits, even for an administrator).
    chmodSync(copy, 0o444);
    const ro = await s.call('db.backup', { path: copy, overwrite: true });
    expect(ro.ok === false && ro.error.message).toMatch(/该文件是只读的/);
    chmodSync(copy, 0o644);
  });
});

describe('hole 4: one writer per database file, whatever its name', () => {
  it('a second server through a symlink or a hard link is refused while the first has it open', async () => {
    const { s, db } = await servedDb('one.sqlite');
    symlinkSync(db, tmp.file('one-symlink.sqlite'));
    linkSync(db, tmp.file('one-hardlink.sqlite'));
    for (const name of ['one.sqlite', 'one-symlink.sqlite', 'one-hardlink.sqlite']) {
      const second = await serve(['--db', tmp.file(name)], env());
      expect(isServed(second), name).toBe(false);
      if (!isServed(second)) expect(second.err, name).toMatch(new RegExp(`已被另一个 BudgetDesk 打开.*进程号 ${s.child.pid}`));
    }
  });

  it('a stale lock is taken over even when its pid now belongs to another, newer process', async () => {
    const db = tmp.file('stale.sqlite');
    const first = await serve(['--db', db], env());
    if (!isServed(first)) throw new Error(first.err);
    await stopAll();
    // A live process that is not BudgetDesk, started after the lock below was written.
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((r) => other.once('spawn', r));
    try {
      for (const owner of [{ start: '1' }, {}]) {
        writeFileSync(lockPathFor(db), JSON.stringify({ pid: other.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', ...owner }));
        const old = (Date.now() - 3_600_000) / 1000;
        utimesSync(lockPathFor(db), old, old);
        const s = await serve(['--db', db], env());
        expect(isServed(s), JSON.stringify(owner)).toBe(true);
        if (isServed(s)) expect(JSON.parse(readFileSync(lockPathFor(db), 'utf8')).pid).toBe(s.child.pid);
        await stopAll();
      }
      // The same pid recorded with its own start time is a live owner: refused.
      writeFileSync(
        lockPathFor(db),
        JSON.stringify({ pid: other.pid, host: hostname(), since: new Date().toISOString(), start: processStartTime(other.pid!) }),
      );
      const refused = await serve(['--db', db], env());
      expect(isServed(refused)).toBe(false);
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('hole 5: a newer-version database with a pending -wal', () => {
  it('is refused without replaying the -wal: both files stay byte-identical', async () => {
    const db = tmp.file('newer.sqlite');
    await newerDbWithPendingWal(tmp.file('newer-src.sqlite'), db, env());
    const before = [sha(db), sha(`${db}-wal`)];
    const s = await serve(['--db', db], env());
    expect(isServed(s)).toBe(false);
    if (!isServed(s)) expect(s.err).toMatch(/更新版本的 BudgetDesk.*未打开也未作任何修改/);
    expect([sha(db), sha(`${db}-wal`)]).toEqual(before);
  });
});

describe('hole 5: narrative.set', () => {
  it('refuses unknown keys and over-long text; the exported budget file carries no unknown key', async () => {
    const { s } = await servedDb('narr.sqlite');
    const budget = { dept: '711', year: 2025 };
    const n = (await s.call('narrative.get', { budget })).value;
    const unknown = await s.call('narrative.set', { budget, narrative: { ...n, payload: 'x'.repeat(10_000_000) } });
    expect(unknown.ok).toBe(false);
    expect(unknown.error.message).toMatch(/^情况说明未保存：其中有本程序不认识的内容“payload”/);
    const long = await s.call('narrative.set', { budget, narrative: { ...n, glossary: ['名'.repeat(5_001)] } });
    expect(long.ok).toBe(false);
    const ok = await s.call('narrative.set', { budget, narrative: { ...n, glossary: ['部门预算：……'] } });
    expect(ok.ok).toBe(true);
    const file = await s.call('export.budgetFile', { budget });
    const doc = JSON.parse(Buffer.from(file.value.data, 'base64').toString('utf8'));
    expect(Object.keys(doc.narrative)).not.toContain('payload');
    expect(doc.narrative.glossary).toEqual(['部门预算：……']);
  });
});

describe('hole 6: costly refusals', () => {
  it('a catalog workbook of 600,000 rows is refused by its row count before the workbook is parsed', async () => {
    const { zip } = await import('./helpers/xlsx-bytes');
    const rows: string[] = [];
    for (let r = 1; r <= 600_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const sheet =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${rows.join('')}</sheetData></worksheet>`;
    const enc = (t: string) => new Uint8Array(Buffer.from(t, 'utf8'));
    const bytes = zip([
      {
        name: '[Content_Types].xml',
        data: enc(
          [
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
            '<Default Extension="xml" ContentType="application/xml"/>',
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
            '</Types>',
          ].join(''),
        ),
      },
      {
        name: '_rels/.rels',
        data: enc(
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
            '</Relationships>',
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: enc(
          '<?xml version="1.0" encoding="UTF-8"?>' +
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
            '<sheets><sheet name="功能分类" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: enc(
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
            '</Relationships>',
        ),
      },
      { name: 'xl/worksheets/sheet1.xml', data: enc(sheet) },
    ]);
    expect(bytes.byteLength).toBeLessThan(5 * 1024 * 1024); // within the file-size limit: the row count must refuse it
    const { s } = await servedDb('rows.sqlite');
    const r = await s.call('catalog.import', { year: 2025, kind: 'function', fileName: 'big.xlsx', data: Buffer.from(bytes).toString('base64') });
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/工作表行数过多（超过 20010 行），科目表最多 20000 行，已停止读取/);
  });
});
