// Opening files through the app's path (the engine's db.open / db.create): damaged, foreign, newer,
// read-only, locked by another BudgetDesk, and a full disk while editing. Each refusal has a clear Chinese
// message, and the file is left exactly as it was (bytes and mtime; no lock or journal files left over).
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock, inodeLockPathFor, lockPathFor, openLockedDatabase, realDbPath } from '../db/instance-lock';
import { processStartTime } from '../db/process-start';
import { hostname } from 'node:os';
import { LATEST_VERSION } from '../db/migrations';
import { openDatabase } from '../db/open';
import { Refusal } from '../db/errors';
import { dumpDatabase } from './helpers/db';
import { channelCalls, useTestEngine } from './helpers/engine';
import { nodeBundle } from './helpers/build';

const fx = useTestEngine({ defaultDb: 'data/default.sqlite' });
const { call } = fx;

interface Snapshot {
  bytes: Buffer;
  mtimeMs: number;
  dir: string[];
}
function snapshot(path: string): Snapshot {
  // An mtime in the past, so that any write would show even on a coarse-clock file system.
  utimesSync(path, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs, dir: readdirSync(fx.tmp.dir).sort() };
}
function expectUnchanged(path: string, s: Snapshot): void {
  expect(readFileSync(path).equals(s.bytes), 'file bytes changed').toBe(true);
  expect(statSync(path).mtimeMs, 'file mtime changed').toBe(s.mtimeMs);
  expect(readdirSync(fx.tmp.dir).sort(), 'files left next to it (lock, -wal, -journal)').toEqual(s.dir);
}

/** A real BudgetDesk file with a budget in it, closed, in WAL mode as the app leaves it. */
async function realDb(name: string): Promise<string> {
  const path = fx.tmp.file(name);
  const e = fx.newEngine();
  const { value: c } = channelCalls(() => e);
  await c('db.create', { path });
  await c('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 });
  await c('units.add', { budget: { dept: '901', year: 2025 }, unit: { code: '901001', name: '本级' } });
  const lines = Array.from({ length: 800 }, (_, i) => ({
    unit: '901001',
    function: '2012901',
    economic: '30201',
    kind: 'basic',
    source: 'general',
    amount: `${i + 1}.00`,
    memo: `第 ${i} 行 ${'备注'.repeat(20)}`,
  }));
  await c('lines.add', { budget: { dept: '901', year: 2025 }, lines });
  e.close();
  return path;
}

async function refused(path: string, pattern: RegExp): Promise<string> {
  const r = await call('db.open', { path });
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.error.message).toMatch(pattern);
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect((await call('db.status', {})).ok && ((await call('db.status', {})) as { ok: true; value: { open: boolean } }).value.open).toBe(false);
  return r.error.message;
}

describe('opening damaged or foreign files', () => {
  it('a corrupt database (scribbled b-tree pages) is refused by quick_check, unchanged', async () => {
    const path = await realDb('corrupt.sqlite');
    const buf = readFileSync(path);
    const pageSize = buf.readUInt16BE(16);
    const pages = buf.length / pageSize;
    for (let p = Math.floor(pages / 2); p < pages; p += 3) buf.fill(0x5a, p * pageSize + 8, p * pageSize + 300);
    writeFileSync(path, buf);
    const s = snapshot(path);
    await refused(path, /已损坏|损坏/);
    expectUnchanged(path, s);
  });

  it('a truncated database is refused, unchanged', async () => {
    const path = await realDb('cut.sqlite');
    const buf = readFileSync(path);
    writeFileSync(path, buf.subarray(0, Math.floor(buf.length / 3)));
    const s = snapshot(path);
    await refused(path, /损坏|无法读写/);
    expectUnchanged(path, s);
  });

  it('a non-SQLite file (a workbook renamed .sqlite, text, random bytes) is refused, unchanged', async () => {
    const inputs: [string, Buffer][] = [
      ['renamed.sqlite', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4000, 7)])],
      ['text.sqlite', Buffer.from('部门预算\n'.repeat(500))],
      ['random.sqlite', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256))],
      ['short.sqlite', Buffer.from('SQLite')],
    ];
    for (const [name, bytes] of inputs) {
      writeFileSync(fx.tmp.file(name), bytes);
      const s = snapshot(fx.tmp.file(name));
      await refused(fx.tmp.file(name), /不是 BudgetDesk 数据库文件/);
      expectUnchanged(fx.tmp.file(name), s);
    }
  });

  it('a database from a newer BudgetDesk (WAL mode, as that version would leave it) is refused, unchanged', async () => {
    const path = await realDb('newer.sqlite');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(readFileSync(path)[18]).toBe(2); // still WAL in the header
    const s = snapshot(path);
    const msg = await refused(path, /更新版本的 BudgetDesk/);
    expect(msg).toContain('升级');
    expectUnchanged(path, s);
  });

  it('a read-only file is refused before SQLite opens it (even for an administrator), unchanged', async () => {
    const path = await realDb('ro.sqlite');
    chmodSync(path, 0o444);
    const s = snapshot(path);
    const msg = await refused(path, /只读/);
    expect(msg).toContain('ro.sqlite');
    expectUnchanged(path, s);
    chmodSync(path, 0o644);
  });
});

describe('a second BudgetDesk on the same file', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  async function holdInChild(path: string): Promise<ChildProcess> {
    const bundle = await nodeBundle('test/helpers/reliability-child.ts');
    const c = spawn(process.execPath, [bundle, 'hold', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    c.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    await new Promise<void>((ok, fail) => {
      c.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) ok();
      });
      c.on('exit', () => fail(new Error(`holder exited: ${err}`)));
    });
    return c;
  }

  it('is refused with a message naming the other process; the file is untouched; a crashed holder does not lock it forever', async () => {
    const path = await realDb('shared.sqlite');
    child = await holdInChild(path);
    const lockBefore = readFileSync(lockPathFor(path), 'utf8');
    const s = { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
    const r = await call('db.open', { path });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('已被另一个 BudgetDesk 打开');
      expect(r.error.message).toContain(String(child.pid));
    }
    expect(readFileSync(path).equals(s.bytes)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(s.mtimeMs);
    expect(readFileSync(lockPathFor(path), 'utf8')).toBe(lockBefore); // their lock is not ours to touch

    // The holder dies without cleaning up (power cut, kill): its lock is stale and is taken over.
    const dead = child;
    child = null;
    await new Promise<void>((ok) => {
      dead.on('exit', () => ok());
      dead.kill('SIGKILL');
    });
    const again = await call('db.open', { path });
    expect(again.ok).toBe(true);
    expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8')).pid).toBe(process.pid);
    fx.engine.close();
    expect(() => statSync(lockPathFor(path))).toThrow(); // released on close
  });

  it('the CLI-style read-only open is not blocked by the lock', async () => {
    const path = await realDb('cli.sqlite');
    const held = openLockedDatabase(path);
    const ro = openDatabase(path, { readonly: true });
    expect(ro.sqlite.prepare('SELECT count(*) FROM lines').pluck().get() as number).toBe(800);
    ro.close();
    held.close();
  });

  it('reopening the same file in one engine is allowed (the lock is re-entrant), and a garbage lock file is replaced', async () => {
    const path = await realDb('same.sqlite');
    expect((await call('db.open', { path })).ok).toBe(true);
    expect((await call('db.open', { path })).ok).toBe(true);
    fx.engine.close();
    // A crash between creating the lock file and writing the pid leaves it empty or cut: taken over.
    for (const content of ['', '{half a lock']) {
      writeFileSync(lockPathFor(path), content);
      const l = acquireInstanceLock(path);
      expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8')).pid).toBe(process.pid);
      l.release();
      expect(() => statSync(lockPathFor(path))).toThrow();
    }
  });

  it('the lock refusal is an io Refusal whose file problem is "locked"', async () => {
    const path = await realDb('code.sqlite');
    child = await holdInChild(path);
    try {
      openLockedDatabase(path);
      throw new Error('expected refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(Refusal);
      expect((e as Refusal).code).toBe('io');
      expect((e as Refusal).file).toBe('locked');
    }
  });
});

describe('the inode lock of a file deleted while its holder runs', () => {
  // A file deleted while a BudgetDesk still has it open keeps that process's inode lock; a new file may get
  // the same inode number. The lock names the owner's file, so it locks only while that name leads to it.
  it('does not lock a new file that reuses the inode number; it still locks the file it names', () => {
    const path = fx.tmp.file('new.sqlite');
    openDatabase(path, { create: true }).close();
    const lock = inodeLockPathFor(path)!;
    const start = processStartTime(process.ppid);
    const forge = (file: string) =>
      writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), since: new Date().toISOString(), ...(start !== null ? { start } : {}), file }));
    forge(fx.tmp.file('deleted-long-ago.sqlite'));
    const db = openLockedDatabase(path);
    db.close();
    forge(realDbPath(path));
    expect(() => openLockedDatabase(path)).toThrow(/已被另一个 BudgetDesk 打开（通过另一个文件名或链接）/);
    unlinkSync(lock);
  });
});

describe('a full disk while editing', () => {
  it('the edit is refused with 磁盘空间不足, nothing of it is stored, and editing works again once there is room', async () => {
    const path = await realDb('full.sqlite');
    expect((await call('db.open', { path })).ok).toBe(true);
    const sqlite = fx.engine.api.db().sqlite;
    // SQLITE_FULL exactly as a full disk reports it: no page may be added to the file.
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    const before = dumpDatabase(path);
    const mainBytes = readFileSync(path);
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      unit: '901001',
      function: '2012901',
      economic: '30201',
      kind: 'basic',
      source: 'general',
      amount: `${i + 1}.00`,
      memo: '满'.repeat(200),
    }));
    const r = await call('lines.add', { budget: { dept: '901', year: 2025 }, lines });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('io');
      expect(r.error.message).toContain('磁盘空间不足');
    }
    expect(dumpDatabase(path)).toBe(before);
    expect(readFileSync(path).equals(mainBytes)).toBe(true);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await call('edit.state', { budget: { dept: '901', year: 2025 } })).ok).toBe(true);

    sqlite.pragma('max_page_count = 1073741823');
    const ok = await call('lines.add', { budget: { dept: '901', year: 2025 }, lines: lines.slice(0, 10) });
    expect(ok.ok).toBe(true);
  });
});
