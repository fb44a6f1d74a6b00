// Backups (db/backup.ts) and the backup channels: rotation (pure), SQLite online backups that are
// self-contained and verified, automatic backups on open and after edits, 另存备份 that never silently
// overwrites, and 从备份恢复 which first saves the current state and then really brings the data back.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupSchedulerFor } from '../api/domains/backup';
import { backupFileName, backupsToKeep, createBackup, KEEP_DAYS, KEEP_LAST, listBackups, localDay, parseBackupFileName, rotateBackups } from '../db/backup';
import { LATEST_VERSION, MIGRATIONS } from '../db/migrations';
import { APPLICATION_ID, migrate } from '../db/open';
import { dumpDatabase } from './helpers/db';
import { useTestEngine } from './helpers/engine';

// ------------------------------------------------------------------------------------------ rotation

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const entry = (d: Date, i = 0) => ({ file: backupFileName(d, 'auto', i), createdAt: d });

describe('rotation (pure)', () => {
  it('keeps everything while there are at most 10', () => {
    const now = at('2026-03-10T12:00:00');
    const list = Array.from({ length: KEEP_LAST }, (_, i) => entry(new Date(now.getTime() - i * 400 * 24 * HOUR)));
    expect(backupsToKeep(list, now).size).toBe(KEEP_LAST);
  });

  it('hourly backups over 4 days: the last 10 plus the newest of each earlier day', () => {
    const now = at('2026-03-10T23:30:00');
    const list = Array.from({ length: 96 }, (_, i) => entry(new Date(now.getTime() - i * HOUR)));
    const keep = backupsToKeep(list, now);
    const newest10 = list.slice(0, 10).map((e) => e.file);
    for (const f of newest10) expect(keep.has(f)).toBe(true);
    const days = [...new Set(list.map((e) => localDay(e.createdAt)))];
    for (const day of days) {
      const newestOfDay = list.find((e) => localDay(e.createdAt) === day)!; // list is newest first
      expect(keep.has(newestOfDay.file)).toBe(true);
    }
    expect(keep.size).toBe(10 + days.filter((d) => d !== localDay(now)).length);
  });

  it('one backup a day for 60 days: the last 30 days are kept, older ones go', () => {
    const now = at('2026-06-30T18:00:00');
    const list = Array.from({ length: 60 }, (_, i) => {
      const d = new Date(now);
      d.setDate(d.getDate() - i);
      d.setHours(9);
      return entry(d);
    });
    const keep = backupsToKeep(list, now);
    expect(keep.size).toBe(KEEP_DAYS);
    expect([...keep].sort()).toEqual(
      list
        .slice(0, KEEP_DAYS)
        .map((e) => e.file)
        .sort(),
    );
  });

  it('property: newest 10 kept, the newest of every day in the window kept, nothing else, and idempotent', () => {
    const now = at('2026-01-15T10:00:00');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 * 24 * 60 }), { maxLength: 200 }), (minutesAgo) => {
        const list = minutesAgo.map((m, i) => entry(new Date(now.getTime() - m * 60_000), i));
        const keep = backupsToKeep(list, now);
        const sorted = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.file < b.file ? 1 : -1));
        const window = new Set(
          Array.from({ length: KEEP_DAYS }, (_, i) => {
            const d = new Date(now);
            d.setDate(d.getDate() - i);
            return localDay(d);
          }),
        );
        const expected = new Set(sorted.slice(0, KEEP_LAST).map((e) => e.file));
        const seen = new Set<string>();
        for (const e of sorted) {
          const day = localDay(e.createdAt);
          if (window.has(day) && !seen.has(day)) {
            seen.add(day);
            expected.add(e.file);
          }
        }
        expect([...keep].sort()).toEqual([...expected].sort());
        const again = backupsToKeep(
          list.filter((e) => keep.has(e.file)),
          now,
        );
        expect([...again].sort()).toEqual([...keep].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('file names carry time and reason, and parse back', () => {
    const d = at('2026-11-25T16:14:19.123Z');
    expect(backupFileName(d, 'before-restore')).toBe('backup-20261125T161419123Z-before-restore.sqlite');
    expect(parseBackupFileName(backupFileName(d, 'open', 2))).toEqual({ createdAt: d, reason: 'open' });
    expect(parseBackupFileName('budget.sqlite')).toBeNull();
  });
});

// ------------------------------------------------------------------------------------------ engine

const fx = useTestEngine({ defaultDb: 'data/default.sqlite' });
const { call, value } = fx;
const budget = { dept: '901', year: 2025 };
const line = (amount: string, memo: string) => ({ unit: '901001', function: '2012901', economic: '30201', kind: 'basic', source: 'general', amount, memo });
const scheduler = () => backupSchedulerFor(fx.engine.api.ctx);

async function freshDb(): Promise<string> {
  const path = fx.tmp.file('budget.sqlite');
  await value('db.create', { path });
  await scheduler().idle();
  await value('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 });
  await value('units.add', { budget, unit: { code: '901001', name: '本级' } });
  return path;
}
const memos = async () => (await value('lines.list', { budget })).map((l) => `${l.memo}:${l.amount}`);

describe('backups of the open database', () => {
  it('a backup is taken on open; it is one self-contained, verified file with the data', async () => {
    const path = await freshDb();
    await value('lines.add', { budget, lines: [line('41650.50', '办公费')] });
    fx.engine.close();
    await value('db.open', { path });
    await scheduler().idle();
    const list = await value('backup.list', {});
    const opens = list.backups.filter((b) => b.reason === 'open');
    expect(opens.length).toBe(2); // create, then reopen
    const newest = opens[0]!;
    expect(newest.reasonName).toBe('打开时');
    expect(existsSync(`${newest.path}-wal`)).toBe(false);
    expect(readFileSync(newest.path)[18]).toBe(1); // rollback journal: the file alone is the whole backup
    const b = new Database(newest.path, { readonly: true });
    expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(b.prepare('SELECT memo, amount_fen FROM lines').all()).toEqual([{ memo: '办公费', amount_fen: 4165050 }]);
    b.close();
  });

  it('automatic backups follow edits: none without changes, one after changes', async () => {
    await freshDb();
    const count = async () => (await value('backup.list', {})).backups.length;
    const n0 = await count();
    await scheduler().runDue(); // budgets.create and units.add since the open backup
    const n1 = await count();
    expect(n1).toBe(n0 + 1);
    await scheduler().runDue();
    expect(await count()).toBe(n1); // nothing changed
    await value('lines.add', { budget, lines: [line('1.00', 'x')] });
    await scheduler().runDue();
    const list = await value('backup.list', {});
    expect(list.backups.length).toBe(n1 + 1);
    expect(list.backups[0]!.reason).toBe('auto');
  });

  it('the engine timer takes the automatic backups by itself (interval from the handler context)', async () => {
    fx.engine.close();
    // A 60 ms interval instead of 10 minutes; we wait for the backup to appear, we assert nothing about time.
    fx.engine = fx.newEngine({ backupIntervalMinutes: 0.001 });
    await freshDb();
    await value('lines.add', { budget, lines: [line('7.00', '定时')] });
    let autos: string[] = [];
    for (let i = 0; i < 500 && autos.length === 0; i++) {
      await new Promise((ok) => setTimeout(ok, 20));
      autos = (await value('backup.list', {})).backups.filter((b) => b.reason === 'auto').map((b) => b.path);
    }
    expect(autos.length).toBeGreaterThan(0);
    const b = new Database(autos[0]!, { readonly: true });
    expect(b.prepare('SELECT memo FROM lines').pluck().all()).toContain('定时');
    b.close();
  });

  it('rotation on disk keeps at most the last 10 plus one a day', async () => {
    await freshDb();
    const d = fx.engine.api.db();
    const dir = scheduler().dirFor(d);
    const start = at('2026-05-01T08:00:00');
    for (let i = 0; i < 25; i++) await createBackup(d, dir, 'auto', new Date(start.getTime() + i * 6 * HOUR));
    const now = new Date(start.getTime() + 24 * 6 * HOUR);
    rotateBackups(dir, now);
    const left = listBackups(dir).filter((e) => e.createdAt >= start);
    const days = new Set(left.map((e) => localDay(e.createdAt)));
    expect(left.length).toBe(10 + [...days].filter((day) => !left.slice(0, 10).some((e) => localDay(e.createdAt) === day)).length);
    expect(left.length).toBeLessThan(25);
  });

  it('另存备份 writes to the chosen file, and never overwrites one without being told', async () => {
    await freshDb();
    await value('lines.add', { budget, lines: [line('10.00', '甲')] });
    const target = fx.tmp.file('usb/部门预算-备份.sqlite');
    expect((await value('db.backup', { path: target })).path).toBe(target);
    const other = fx.tmp.file('notes.txt');
    writeFileSync(other, '别的文件');
    const r = await call('db.backup', { path: other });
    expect(r.ok === false && r.error.code).toBe('conflict');
    expect(readFileSync(other, 'utf8')).toBe('别的文件');
    // Confirmed or not, a file that is not a BudgetDesk database or backup is never replaced (issue 11);
    // a backup made earlier is.
    const notBackup = await call('db.backup', { path: other, overwrite: true });
    expect(notBackup.ok === false && notBackup.error.message).toMatch(/不是 BudgetDesk 数据库或备份/);
    expect(readFileSync(other, 'utf8')).toBe('别的文件');
    await value('db.backup', { path: target, overwrite: true });
    const b = new Database(target, { readonly: true });
    expect(b.prepare('SELECT memo FROM lines').pluck().all()).toEqual(['甲']);
    b.close();
    const self = await call('db.backup', { path: fx.engine.api.db().path, overwrite: true });
    expect(self.ok).toBe(false);
  });
});

describe('从备份恢复', () => {
  it('restores the data of a backup, after saving the current state, and the undo history is cleared', async () => {
    await freshDb();
    await value('lines.add', { budget, lines: [line('100.00', '原来的'), line('200.00', '原来的2')] });
    const saved = await value('backup.now', {});
    expect(saved.reason).toBe('manual');
    const atBackup = await memos();

    await value('lines.add', { budget, lines: [line('300.00', '之后加的')] });
    const first = (await value('lines.list', { budget }))[0]!;
    await value('lines.update', { budget, id: first.id, changes: { amount: '999.99' } });
    const afterwards = await memos();
    expect(afterwards).not.toEqual(atBackup);
    expect((await value('edit.state', { budget })).canUndo).toBe(true);

    const r = await value('backup.restore', { path: saved.path });
    expect(await memos()).toEqual(atBackup);
    expect((await value('edit.state', { budget })).canUndo).toBe(false);
    expect(fx.engine.api.db().sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(r.safetyBackup.reason).toBe('before-restore');

    // The state before the restore is itself restorable.
    await value('backup.restore', { path: r.safetyBackup.path });
    expect(await memos()).toEqual(afterwards);

    // And the restored content persists across reopening.
    const path = fx.engine.api.db().path;
    fx.engine.close();
    await value('db.open', { path });
    expect(await memos()).toEqual(afterwards);
  });

  it('an older-version backup is upgraded after restoring', async () => {
    await freshDb();
    const old = fx.tmp.file('v1.sqlite');
    const raw = new Database(old);
    migrate(raw, 0, MIGRATIONS.slice(0, 1));
    raw.exec(`INSERT INTO departments (id, code, name) VALUES (1, '711', '工会部门');
      INSERT INTO budgets (id, department_id, year) VALUES (1, 1, 2025);
      INSERT INTO units (budget_id, seq, code, name) VALUES (1, 0, '711001', '本级');
      INSERT INTO lines (budget_id, unit_code, function_code, economic_code, kind, source, amount_fen)
        VALUES (1, '711001', '2012901', '30228', 'basic', 'general', 640000);`);
    raw.close();
    await value('backup.restore', { path: old });
    expect(fx.engine.api.db().sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect((await value('budgets.list', {})).map((b) => `${b.dept}:${b.total}`)).toEqual(['711:6400.00']);
  });

  it('refuses files that are not restorable, with the database unchanged', async () => {
    const path = await freshDb();
    await value('lines.add', { budget, lines: [line('5.00', '保留')] });
    await scheduler().idle();
    const text = fx.tmp.file('a.sqlite');
    writeFileSync(text, 'not a database at all');
    const foreign = fx.tmp.file('foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    f.close();
    const newer = fx.tmp.file('newer.sqlite');
    await value('db.backup', { path: newer });
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    const corrupt = fx.tmp.file('corrupt.sqlite');
    const big = Array.from({ length: 400 }, (_, i) => line(`${i + 1}.00`, '填充'.repeat(50)));
    await value('lines.add', { budget, lines: big });
    await value('db.backup', { path: corrupt });
    const buf = readFileSync(corrupt);
    const ps = buf.readUInt16BE(16);
    for (let p = 3; p * ps < buf.length; p += 2) buf.fill(0x33, p * ps + 8, p * ps + 200);
    writeFileSync(corrupt, buf);
    await value('lines.delete', { budget, ids: (await value('lines.list', { budget })).filter((l) => l.memo !== '保留').map((l) => l.id) });

    const before = dumpDatabase(path);
    const cases: [string, RegExp][] = [
      [text, /不是 BudgetDesk 备份文件/],
      [foreign, /不是 BudgetDesk 数据库/],
      [newer, /更新版本/],
      [corrupt, /损坏/],
      [fx.tmp.file('missing.sqlite'), /不存在/],
      [path, /当前数据库本身/],
    ];
    for (const [file, msg] of cases) {
      const r = await call('backup.restore', { path: file });
      expect(r.ok, file).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(msg);
      expect(dumpDatabase(path)).toBe(before);
    }
    expect(APPLICATION_ID).toBeGreaterThan(0);
  });

  it('the desktop-only dialog channels are refused by the engine', async () => {
    await freshDb();
    for (const ch of ['dialog.saveBackup', 'dialog.restoreBackup'] as const) {
      const r = await call(ch, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('桌面版');
    }
  });
});
