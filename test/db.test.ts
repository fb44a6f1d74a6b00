// The database layer against real SQLite files in a temp dir: migrations, file checks, catalogs,
// whole-budget save/load and their refusals (the file left unchanged).
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseBudgetFile, serializeBudgetFile, parseBudgetValue } from '../core/budget-file';
import { deleteBudget, findBudgetId, lineContextFor, listBudgets, loadBudget, saveBudget } from '../db/budgets';
import { addCatalogCode, catalogYears, getCatalogs, importCatalogEntries } from '../db/catalogs';
import { Refusal } from '../db/errors';
import { LATEST_VERSION, MIGRATIONS } from '../db/migrations';
import { APPLICATION_ID, inTransaction, migrate, openDatabase, type BudgetDb } from '../db/open';
import { createBudget } from '../db/edits';
import { finalizeBudget } from '../db/years';
import { importBudgetFile } from '../db/import';
import { BAD_FILE_CASES } from './helpers/bad-files';
import { builtinCatalogYears } from '../core/catalogs/builtin';
import { validateLine } from '../core/validate-line';
import { bigBudgetDoc, fixtureDoc, fixtureText } from './helpers/fixture';
import { dumpDatabase, tempDir, withoutIds } from './helpers/db';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => { tmp = tempDir(); });
afterEach(() => { tmp.cleanup(); });

function dbError(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    return e as Refusal;
  }
  throw new Error('expected a Refusal');
}

function parseWith(db: BudgetDb, text: string) {
  const r = parseBudgetFile(text, (y) => getCatalogs(db, y));
  if (!r.ok) throw new Error(r.message);
  return r;
}

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
      { version: 2, name: 'two', up: (d: Database.Database) => { d.exec('CREATE TABLE b (y INTEGER);'); throw new Error('step two fails'); } },
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
      INSERT INTO lines (budget_id, unit_code, function_code, economic_code, kind, source, amount_fen) VALUES (1, '711001', '2012901', '30228', 'basic', 'general', 640000);`);
    v1.close();
    const db = openDatabase(path);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const b = loadBudget(db, '711', 2025);
    expect(b.lines.map((l) => l.amount)).toEqual([640000n]);
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
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
    expect(() => inTransaction(db, () => {
      db.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('a', '1')`).run();
      throw new Error('boom');
    })).toThrow('boom');
    const setting = (key: string) => db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key);
    const put = (key: string) => db.sqlite.prepare(`INSERT INTO settings (key, value) VALUES (?, '1')`).run(key);
    expect(setting('a')).toBeUndefined();
    // Nested: the inner failure rolls back the whole outer transaction when it propagates.
    expect(() => inTransaction(db, () => {
      put('b');
      inTransaction(db, () => { put('c'); throw new Error('inner'); });
    })).toThrow('inner');
    expect(setting('b')).toBeUndefined();
    expect(setting('c')).toBeUndefined();
    db.close();
  });
});

describe('catalogs', () => {
  test('addCatalogCode validates and adds', () => {
    const db = openDatabase(tmp.file('c.db'));
    expect(dbError(() => addCatalogCode(db, 2025, 'function', '20129x1', '某')).message).toContain('只能由数字组成');
    expect(dbError(() => addCatalogCode(db, 2025, 'function', '201290', '某')).message).toContain('应为 3、5、7 位');
    expect(dbError(() => addCatalogCode(db, 2025, 'function', '2012998', ' ')).message).toContain('名称不能为空');
    expect(dbError(() => addCatalogCode(db, 2025, 'function', '2018801', '新项')).message).toContain('上级科目 20188 不在 2025 年科目表中');
    const dup = dbError(() => addCatalogCode(db, 2025, 'function', '2012901', '重复'));
    expect(dup.code).toBe('conflict');
    expect(addCatalogCode(db, 2025, 'function', '2012998', '其他工会事务')).toEqual({ code: '2012998', name: '其他工会事务', origin: 'manual' });
    expect(getCatalogs(db, 2025).function.get('2012998')?.origin).toBe('manual');
    db.close();
  });

  test('adding a code to a borrowing year first copies the borrowed catalog', () => {
    const db = openDatabase(tmp.file('c2.db'));
    addCatalogCode(db, 2031, 'function', '2012998', '其他工会事务');
    const c = getCatalogs(db, 2031);
    expect(c.function.has('2012901')).toBe(true);
    expect(c.function.has('2012998')).toBe(true);
    expect(getCatalogs(db, 2025).function.has('2012998')).toBe(false);
    db.close();
  });

  test('importCatalogEntries is all or nothing', () => {
    const path = tmp.file('c3.db');
    const db = openDatabase(path);
    const before = dumpDatabase(path);
    const e = dbError(() => importCatalogEntries(db, 2026, 'economic', [{ code: '302', name: '商品和服务支出' }, { code: '30201', name: '办公费' }, { code: '30999', name: '无上级' }, { code: '3x', name: '坏' }]));
    expect(e.message).toContain('第 4 条：编码“3x”只能由数字组成');
    expect(e.message).toContain('上级科目 309');
    expect(dumpDatabase(path)).toBe(before);
    expect(importCatalogEntries(db, 2026, 'economic', [{ code: '302', name: '商品和服务支出' }, { code: '30201', name: '办公费' }])).toEqual({ added: 2, updated: 0 });
    expect(getCatalogs(db, 2026).economic.entries().map((x) => x.code)).toEqual(['302', '30201']);
    db.close();
  });
});

describe('budgets', () => {
  test('save then load gives back the parsed fixture exactly', () => {
    const db = openDatabase(tmp.file('b.db'));
    const { budget } = parseWith(db, fixtureText());
    const { budgetId, replaced } = saveBudget(db, budget);
    expect(replaced).toBe(false);
    expect(findBudgetId(db, '711', 2025)).toBe(budgetId);
    const loaded = loadBudget(db, '711', 2025);
    expect(loaded.lines.every((l) => typeof l.id === 'number')).toBe(true);
    expect(withoutIds(loaded)).toStrictEqual(budget);
    expect(serializeBudgetFile(loaded)).toBe(serializeBudgetFile(budget));
    db.close();
  });

  test('extra keys, names, free narrative keys, procurement and assets survive the database', () => {
    const db = openDatabase(tmp.file('x.db'));
    const doc = fixtureDoc();
    doc.sourceSystem = { v: [1, 'a'] };
    doc.narrative.orgSetup = '机构';
    doc.lines[0].function = '2012998';
    doc.lines[0].memo = '说明';
    doc.lines[1].carryover = true;
    doc.names = { function: { '2012998': '其他工会事务' } };
    doc.procurement = [{ project: doc.projects[0].code, item: '台式计算机', catalog: 'A02010104', measure: '台', quantity: '2', unitPrice: '5000.00', source: 'general', amount: '10000.00', sme: '10000.00' }];
    doc.assets = [{ item: '车辆', quantity: '1', value: '150000.00' }];
    doc.assetsAsOf = '2024-12-31';
    const r = parseWith(db, JSON.stringify(doc));
    saveBudget(db, r.budget, { addedCodes: r.addedCodes });
    expect(withoutIds(loadBudget(db, '711', 2025))).toStrictEqual(r.budget);
    expect(getCatalogs(db, 2025).function.get('2012998')).toEqual({ code: '2012998', name: '其他工会事务', origin: 'file' });
    db.close();
  });

  test('30,000 lines save and load back identically', () => {
    const db = openDatabase(tmp.file('big.db'));
    const { budget } = parseWith(db, JSON.stringify(bigBudgetDoc(30_000)));
    saveBudget(db, budget);
    const loaded = loadBudget(db, '711', 2025);
    expect(loaded.lines).toHaveLength(30_000);
    expect(withoutIds(loaded)).toStrictEqual(budget);
    const [s] = listBudgets(db);
    expect(s!.lineCount).toBe(30_000);
    expect(BigInt(s!.totalFen)).toBe(budget.lines.reduce((t, l) => t + l.amount, 0n));
    db.close();
  });

  test('a duplicate department-year is refused without replace, the database unchanged; replace overwrites', () => {
    const path = tmp.file('dup.db');
    const db = openDatabase(path);
    const first = parseWith(db, fixtureText()).budget;
    const { budgetId } = saveBudget(db, first);
    db.sqlite.prepare(`INSERT INTO prior_figures (budget_id, key, amount_fen) VALUES (?, 'total', 100)`).run(budgetId);
    const before = dumpDatabase(path);
    const doc = fixtureDoc();
    doc.lines[0].amount = '1.00';
    const second = parseWith(db, JSON.stringify(doc)).budget;
    const e = dbError(() => saveBudget(db, second));
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('数据库中已有部门 711 工会部门 2025 年的预算，未导入；如需覆盖请选择替换（命令行加 --replace）');
    expect(dumpDatabase(path)).toBe(before);
    const res = saveBudget(db, second, { replace: true });
    expect(res).toEqual({ budgetId, replaced: true });
    expect(withoutIds(loadBudget(db, '711', 2025))).toStrictEqual(second);
    // Figures stored for the department-year outlive a re-import.
    expect(db.sqlite.prepare('SELECT count(*) FROM prior_figures WHERE budget_id = ?').pluck().get(budgetId)).toBe(1);
    db.close();
  });

  test('every kind of bad file is refused with its place and reason, even with replace, and the database is unchanged', () => {
    const path = tmp.file('refuse.db');
    const db = openDatabase(path);
    expect(importBudgetFile(db, fixtureText()).ok).toBe(true);
    const before = dumpDatabase(path);
    for (const [what, mutate, problemPath, reason] of BAD_FILE_CASES) {
      const doc = fixtureDoc();
      mutate(doc);
      const r = importBudgetFile(db, JSON.stringify(doc), { replace: true });
      expect(r.ok, what).toBe(false);
      if (r.ok) continue;
      const p = r.problems.find((x) => x.path === problemPath);
      expect(p, `${what}: ${r.message}`).toBeDefined();
      expect(r.message).toContain(`${p!.place}：`);
      expect(r.message).toContain(reason);
    }
    expect(importBudgetFile(db, Buffer.from([0x7b, 0xb9, 0xa4, 0x7d])).ok).toBe(false);
    db.close();
    expect(dumpDatabase(path)).toBe(before);
  });

  test('a finalized budget is neither replaced nor deleted', () => {
    const path = tmp.file('fin.db');
    const db = openDatabase(path);
    const b = parseWith(db, fixtureText()).budget;
    saveBudget(db, b);
    finalizeBudget(db, findBudgetId(db, '711', 2025)!);
    expect(listBudgets(db)[0]!.finalized).toBe(true);
    const before = dumpDatabase(path);
    expect(dbError(() => saveBudget(db, b, { replace: true })).message).toContain('已定稿');
    expect(dbError(() => deleteBudget(db, '711', 2025)).message).toContain('已定稿');
    expect(dumpDatabase(path)).toBe(before);
    db.close();
  });

  test('one file holds several departments and years; delete removes one', () => {
    const db = openDatabase(tmp.file('many.db'));
    const doc = fixtureDoc();
    saveBudget(db, parseWith(db, JSON.stringify(doc)).budget);
    doc.year = 2026;
    doc.priorYear.year = 2025;
    saveBudget(db, parseWith(db, JSON.stringify(doc)).budget);
    doc.department = { code: '712', name: '妇联' };
    saveBudget(db, parseWith(db, JSON.stringify(doc)).budget);
    expect(listBudgets(db).map((b) => `${b.deptCode}/${b.year}/${b.lineCount}/${b.totalFen}`)).toEqual(['711/2025/10/55332550', '711/2026/10/55332550', '712/2026/10/55332550']);
    deleteBudget(db, '712', 2026);
    expect(listBudgets(db)).toHaveLength(2);
    expect(db.sqlite.prepare('SELECT count(*) FROM departments').pluck().get()).toBe(1);
    expect(db.sqlite.prepare('SELECT count(*) FROM lines').pluck().get()).toBe(20);
    expect(dbError(() => loadBudget(db, '712', 2026)).code).toBe('not_found');
    db.close();
  });

  test('amounts are stored as INTEGER 分, never REAL', () => {
    const db = openDatabase(tmp.file('int.db'));
    saveBudget(db, parseWith(db, fixtureText()).budget);
    expect(db.sqlite.prepare(`SELECT DISTINCT typeof(amount_fen) FROM lines`).pluck().all()).toEqual(['integer']);
    expect(() => db.sqlite.prepare(`UPDATE lines SET amount_fen = 1.5`).run()).toThrow(/CHECK/);
    db.close();
  });

  test('lineContextFor gives validateLine the same rules as import', () => {
    const db = openDatabase(tmp.file('ctx.db'));
    const { budgetId } = saveBudget(db, parseWith(db, fixtureText()).budget);
    const ctx = lineContextFor(db, budgetId);
    const r = validateLine({ unit: '711001', function: '2012901', economic: '30228', kind: 'project', source: 'general', amount: '5.00', project: '13030325P00496310001X' }, ctx);
    expect(r.ok).toBe(true);
    const bad = validateLine({ unit: '711009', function: '2012901', economic: '30228', kind: 'basic', source: 'general', amount: '5.00' }, ctx);
    expect(bad.ok).toBe(false);
    db.close();
  });

  test('parseBudgetValue accepts an already-parsed document', () => {
    const db = openDatabase(tmp.file('v.db'));
    const r = parseBudgetValue(fixtureDoc(), (y) => getCatalogs(db, y));
    expect(r.ok).toBe(true);
    db.close();
  });
});

