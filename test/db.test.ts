// The database layer against real SQLite files in a temp dir: migrations, opening and its refusals (the
// file left unchanged), transactions. Catalogs and whole budgets: test/db-budgets.test.ts.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadBudget, saveBudget } from '../db/budgets';
import { catalogYears, getCatalogs } from '../db/catalogs';
import { LATEST_VERSION, MIGRATIONS } from '../db/migrations';
import { APPLICATION_ID, inTransaction, migrate, openDatabase } from '../db/open';
import { createBudget } from '../db/edits';
import { builtinCatalogYears } from '../core/catalogs/builtin';
import { bigBudgetDoc, fixtureText } from './helpers/fixture';
import { dumpDatabase, tempDir } from './helpers/db';
import { dbError, parseWith } from './helpers/db-refusal';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

describe('migrations and opening', () => {
  test('a fresh file gets the latest user_version, our application_id, WAL and foreign keys', () => {
    const path = tmp.file('new.db');
    const db = openDatabase(path);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  test('a closed file is back in rollback-journal mode (self-contained), WAL only while open', () => {
    const path = tmp.file('rest.db');
    const db = openDatabase(path);
    const other = openDatabase(path);
    other.close(); // db still open: stays WAL
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const head = readFileSync(path);
    expect([head[18], head[19]]).toEqual([1, 1]);
  });

  test('reopening is idempotent', () => {
    const path = tmp.file('again.db');
    openDatabase(path).close();
    const before = dumpDatabase(path);
    openDatabase(path).close();
    openDatabase(path).close();
    expect(dumpDatabase(path)).toBe(before);
  });

  test('each migration runs in its own transaction: a failing step leaves the earlier ones and nothing of itself', () => {
    const path = tmp.file('steps.db');
    const raw = new Database(path);
    const steps = [
      { version: 1, name: 'one', up: 'CREATE TABLE a (x INTEGER);' },
      {
        version: 2,
        name: 'two',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE b (y INTEGER);');
          throw new Error('step two fails');
        },
      },
    ];
    expect(() => migrate(raw, 0, steps)).toThrow('step two fails');
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['a']);
    raw.close();
  });

  test('a file of the first schema version is upgraded on open, its data kept', () => {
    const path = tmp.file('v1.db');
    const raw = new Database(path);
    migrate(raw, 0, MIGRATIONS.slice(0, 1));
    raw.close();
    // Data as a version-1 build wrote it (raw SQL), then openDatabase upgrades the file.
    const v1 = new Database(path);
    v1.pragma('foreign_keys = ON');
    v1.exec(`INSERT INTO departments (id, code, name) VALUES (1, '711', '工会部门');
      INSERT INTO budgets (id, department_id, year) VALUES (1, 1, 2025);
      INSERT INTO units (budget_id, seq, code, name) VALUES (1, 0, '711001', '本级');
      INSERT INTO lines (budget_id, unit_code, function_code, economic_code, kind, source, amount_fen)
        VALUES (1, '711001', '2012901', '30228', 'basic', 'general', 640000);`);
    v1.close();
    const db = openDatabase(path);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const b = loadBudget(db, '711', 2025);
    expect(b.lines.map((l) => l.amount)).toEqual([640000n]);
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  test('version 7 rewrites the lines CHECKs without IN lists: same values accepted, line ids, totals and triggers kept', () => {
    const path = tmp.file('v6.db');
    const raw = new Database(path);
    migrate(
      raw,
      0,
      MIGRATIONS.filter((m) => m.version <= 6),
    );
    raw.pragma('foreign_keys = ON');
    raw.exec(`INSERT INTO departments (id, code, name) VALUES (1, '711', '工会部门');
      INSERT INTO budgets (id, department_id, year) VALUES (1, 1, 2025);
      INSERT INTO units (budget_id, seq, code, name) VALUES (1, 0, '711001', '本级');
      INSERT INTO lines (id, budget_id, unit_code, function_code, economic_code, kind, source, amount_fen)
        VALUES (41, 1, '711001', '2012901', '30228', 'basic', 'general', 640000);
      INSERT INTO lines (id, budget_id, unit_code, function_code, economic_code, kind, source, carryover, amount_fen)
        VALUES (57, 1, '711001', '2012901', '30201', 'basic', 'fund', 1, 100);`);
    raw.close();
    const db = openDatabase(path);
    const s = db.sqlite;
    expect(s.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(s.prepare('SELECT id, amount_fen, carryover FROM lines ORDER BY id').raw().all()).toEqual([
      [41, 640000, 0],
      [57, 100, 1],
    ]);
    const ddl = s.prepare(`SELECT sql FROM sqlite_master WHERE name = 'lines'`).pluck().get() as string;
    expect(ddl).not.toMatch(/\bIN\s*\(/);
    const names = (type: string) => s.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = 'lines' ORDER BY name`).pluck().all(type);
    expect(names('index')).toEqual(['lines_budget', 'lines_project', 'lines_unit']);
    expect(names('trigger')).toEqual([
      'line_grains_delete',
      'line_grains_insert',
      'line_grains_update',
      'lines_totals_delete',
      'lines_totals_insert',
      'lines_totals_update',
    ]);
    // The triggers still keep the aggregate: a new line is added to it.
    s.prepare(
      'INSERT INTO lines (budget_id, unit_code, function_code, economic_code, kind, source, amount_fen) ' +
        "VALUES (1, '711001', '2012901', '30228', 'basic', 'general', 5)",
    ).run();
    expect(s.prepare(`SELECT amount_fen, n FROM line_totals WHERE economic_code = '30228'`).raw().get()).toEqual([640005, 2]);
    // Every value the old CHECKs refused is still refused; every value they took is still taken.
    const insert =
      (kind: string, source: string, carryover: number, project: string | null = null) =>
      () =>
        s
          .prepare(
            'INSERT INTO lines (budget_id, unit_code, function_code, economic_code, kind, source, carryover, amount_fen, project_code) ' +
              "VALUES (1, '711001', '2012901', '30228', ?, ?, ?, 1, ?)",
          )
          .run(kind, source, carryover, project);
    for (const bad of [
      insert('Basic', 'general', 0),
      insert('basic', 'generalx', 0),
      insert('basic', 'general', 2),
      insert('', 'general', 0),
      insert('project', 'general', 0),
    ])
      expect(bad).toThrow(/CHECK constraint failed/);
    for (const kind of ['basic', 'operating', 'remit', 'subsidy'])
      for (const source of ['general', 'fund', 'soe', 'special', 'business', 'operating', 'superior', 'affiliate', 'other']) insert(kind, source, 1)();
    db.close();
  });

  test('built-in catalogs of every bundled year are seeded', () => {
    const db = openDatabase(tmp.file('cat.db'));
    expect(catalogYears(db)).toEqual(builtinCatalogYears());
    const c = getCatalogs(db, 2025);
    expect(c.borrowedFrom).toBeUndefined();
    expect(c.function.get('2012901')).toMatchObject({ origin: 'builtin' });
    expect(c.economic.isLeaf('30228')).toBe(true);
    db.close();
  });

  test('a year without a catalog borrows the nearest one', () => {
    const db = openDatabase(tmp.file('borrow.db'));
    const c = getCatalogs(db, 2031);
    expect(c.year).toBe(2031);
    expect(c.borrowedFrom).toBe(Math.max(...builtinCatalogYears()));
    expect(c.function.has('2012901')).toBe(true);
    db.close();
  });

  test('a file from a newer BudgetDesk is refused and left byte-for-byte unchanged', () => {
    const path = tmp.file('newer.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const bytes = readFileSync(path);
    const e = dbError(() => openDatabase(path));
    expect(e.code).toBe('io');
    expect(e.file).toBe('too-new');
    expect(e.message).toContain('更新版本的 BudgetDesk');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  test('a text file is refused as not SQLite, unchanged', () => {
    const path = tmp.file('notes.db');
    writeFileSync(path, '这不是数据库 '.repeat(100));
    const bytes = readFileSync(path);
    const e = dbError(() => openDatabase(path));
    expect(e.code).toBe('io');
    expect(e.file).toBe('not-sqlite');
    expect(e.message).toContain('不是 BudgetDesk 数据库文件');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  test("another program's SQLite database is refused, unchanged", () => {
    const path = tmp.file('other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    raw.close();
    const bytes = readFileSync(path);
    expect(dbError(() => openDatabase(path)).code).toBe('io');
    expect(dbError(() => openDatabase(path)).file).toBe('not-budgetdesk');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  test('a corrupt file is refused', () => {
    const path = tmp.file('corrupt.db');
    const db = openDatabase(path);
    saveBudget(db, parseWith(db, JSON.stringify(bigBudgetDoc(2000))).budget);
    db.close();
    const buf = readFileSync(path);
    const pageSize = buf.readUInt16BE(16);
    // Scribble over a few b-tree pages after the schema page.
    for (let p = 2; p < 8; p++) buf.fill(0x5a, p * pageSize, p * pageSize + 200);
    writeFileSync(path, buf);
    const e = dbError(() => openDatabase(path));
    expect(e.code).toBe('io');
    expect(e.file).toBe('corrupt');
    expect(e.message).toContain('已损坏');
  });

  test('a missing file is not created when create is false', () => {
    expect(dbError(() => openDatabase(tmp.file('none.db'), { create: false })).code).toBe('not_found');
  });

  test('read-only: a file needing migration cannot be opened read-only, and writes are refused', () => {
    const path = tmp.file('ro.db');
    writeFileSync(path, '');
    expect(dbError(() => openDatabase(path, { readonly: true })).code).toBe('io');
    expect(dbError(() => openDatabase(path, { readonly: true })).file).toBe('readonly');
    openDatabase(path).close();
    const db = openDatabase(path, { readonly: true });
    expect(dbError(() => createBudget(db, '901', '某部门', 2025)).code).toBe('io');
    expect(dbError(() => createBudget(db, '901', '某部门', 2025)).file).toBe('readonly');
    db.close();
  });

  test('a database locked by another program reports locked, at open or at the write', () => {
    const path = tmp.file('locked.db');
    openDatabase(path).close();
    // Another program holds a write lock on the file at rest: opening cannot switch it to WAL.
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const atOpen = dbError(() => openDatabase(path, { busyTimeoutMs: 50 }));
    expect(atOpen.code).toBe('io');
    expect(atOpen.file).toBe('locked');
    expect(atOpen.message).toContain('已锁定');
    other.exec('ROLLBACK');
    other.close();
    // Two BudgetDesk connections in WAL: the second writer waits, then reports locked.
    const first = openDatabase(path);
    first.sqlite.exec('BEGIN IMMEDIATE');
    const second = openDatabase(path, { busyTimeoutMs: 50 });
    const atWrite = dbError(() => saveBudget(second, parseWith(second, fixtureText()).budget));
    expect(atWrite.code).toBe('io');
    expect(atWrite.file).toBe('locked');
    first.sqlite.exec('ROLLBACK');
    second.close();
    first.close();
  });

  test('inTransaction rolls back on any error', () => {
    const db = openDatabase(tmp.file('tx.db'));
    expect(() =>
      inTransaction(db, () => {
        db.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('a', '1')`).run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    const setting = (key: string) => db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key);
    const put = (key: string) => db.sqlite.prepare(`INSERT INTO settings (key, value) VALUES (?, '1')`).run(key);
    expect(setting('a')).toBeUndefined();
    // Nested: the inner failure rolls back the whole outer transaction when it propagates.
    expect(() =>
      inTransaction(db, () => {
        put('b');
        inTransaction(db, () => {
          put('c');
          throw new Error('inner');
        });
      }),
    ).toThrow('inner');
    expect(setting('b')).toBeUndefined();
    expect(setting('c')).toBeUndefined();
    db.close();
  });
});
