// The database layer against real SQLite files in a temp dir: catalogs, whole-budget save/load and their
// refusals (the file left unchanged). Migrations and opening: test/db.test.ts.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { serializeBudgetFile, parseBudgetValue } from '../core/budget-file';
import { deleteBudget, findBudgetId, lineContextFor, listBudgets, loadBudget, saveBudget } from '../db/budgets';
import { addCatalogCode, getCatalogs, importCatalogEntries } from '../db/catalogs';
import { openDatabase } from '../db/open';
import { finalizeBudget } from '../db/finalize';
import { importBudgetFile } from '../db/import';
import { BAD_FILE_CASES } from './helpers/bad-files';
import { validateLine } from '../core/validate-line';
import { bigBudgetDoc, fixtureDoc, fixtureText } from './helpers/fixture';
import { dumpDatabase, tempDir, withoutIds } from './helpers/db';
import { dbError, parseWith } from './helpers/db-refusal';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
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
    const e = dbError(() =>
      importCatalogEntries(db, 2026, 'economic', [
        { code: '302', name: '商品和服务支出' },
        { code: '30201', name: '办公费' },
        { code: '30999', name: '无上级' },
        { code: '3x', name: '坏' },
      ]),
    );
    expect(e.message).toContain('第 4 条：编码“3x”只能由数字组成');
    expect(e.message).toContain('上级科目 309');
    expect(dumpDatabase(path)).toBe(before);
    expect(
      importCatalogEntries(db, 2026, 'economic', [
        { code: '302', name: '商品和服务支出' },
        { code: '30201', name: '办公费' },
      ]),
    ).toEqual({ added: 2, updated: 0 });
    expect(
      getCatalogs(db, 2026)
        .economic.entries()
        .map((x) => x.code),
    ).toEqual(['302', '30201']);
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
    doc.procurement = [
      {
        project: doc.projects[0].code,
        item: '台式计算机',
        catalog: 'A02010104',
        measure: '台',
        quantity: '2',
        unitPrice: '5000.00',
        source: 'general',
        amount: '10000.00',
        sme: '10000.00',
      },
    ];
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

  test('every kind of bad file is refused with its place and reason, even with replace, and the database is unchanged', async () => {
    const path = tmp.file('refuse.db');
    const db = openDatabase(path);
    expect((await importBudgetFile(db, fixtureText())).ok).toBe(true);
    const before = dumpDatabase(path);
    for (const [what, mutate, problemPath, reason] of BAD_FILE_CASES) {
      const doc = fixtureDoc();
      mutate(doc);
      const r = await importBudgetFile(db, JSON.stringify(doc), { replace: true });
      expect(r.ok, what).toBe(false);
      if (r.ok) continue;
      const p = r.problems.find((x) => x.path === problemPath);
      expect(p, `${what}: ${r.message}`).toBeDefined();
      expect(r.message).toContain(`${p!.place}：`);
      expect(r.message).toContain(reason);
    }
    expect((await importBudgetFile(db, Buffer.from([0x7b, 0xb9, 0xa4, 0x7d]))).ok).toBe(false);
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
    expect(listBudgets(db).map((b) => `${b.deptCode}/${b.year}/${b.lineCount}/${b.totalFen}`)).toEqual([
      '711/2025/10/55332550',
      '711/2026/10/55332550',
      '712/2026/10/55332550',
    ]);
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
    const r = validateLine(
      { unit: '711001', function: '2012901', economic: '30228', kind: 'project', source: 'general', amount: '5.00', project: '13030325P00496310001X' },
      ctx,
    );
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
