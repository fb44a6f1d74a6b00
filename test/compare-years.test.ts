// Prior years against a real SQLite file: two years of one department, 往年对比, 比上年增减 in the
// narrative, 定稿, 新建年度 (amounts kept / zeroed, remap of codes the new catalog lacks).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { runChecks } from '../core/checks';
import { buildNarrative } from '../core/narrative';
import { loadBudgetById } from '../db/budgets';
import { getCatalogs, importCatalogEntries } from '../db/catalogs';
import { assertWritable, compareBudgetYears, createYearFrom, listYears, priorFiguresFor } from '../db/years';
import { finalizeBudget, unfinalizeBudget } from '../db/finalize';
import { findBudgetId } from '../db/budgets';
import { FIXTURE_2024, fixture2025WithoutPrior, importText } from './helpers/compare-years';
import { useTempDb } from './helpers/db';

const fx = useTempDb('years.sqlite');

function row(rows: { key: string }[], key: string) {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r as (typeof rows)[number] & { prior: string | null; current: string | null; change: string | null; word: string | null; rate: string | null };
}

describe('two years of one department', () => {
  let id2025: number;
  beforeEach(() => {
    importText(fx.db, readFileSync(FIXTURE_2024, 'utf8'));
    id2025 = importText(fx.db, fixture2025WithoutPrior());
  });

  test('往年对比 shows 减少 21.28, 9.68 and 11.60 万元', () => {
    const { comparison, borrowed, totals } = compareBudgetYears(fx.db, '711', 2025);
    expect(comparison.prior).toEqual({ year: 2024, origin: 'lines' });
    expect(row(comparison.summary, 'total')).toMatchObject({ prior: '76.61', current: '55.33', change: '-21.28', word: '减少' });
    expect(row(comparison.summary, 'basic')).toMatchObject({ prior: '56.91', current: '47.23', change: '-9.68', word: '减少' });
    expect(row(comparison.summary, 'project')).toMatchObject({ prior: '19.70', current: '8.10', change: '-11.60', word: '减少' });
    // 增减率 from the printed figures: -21.28 / 76.61.
    expect(row(comparison.summary, 'total').rate).toBe('-27.78%');
    // The function hierarchy: 合计 then 类 › 款 › 项 in code order, 2012902 carries the project.
    expect(comparison.functions.map((r) => r.key).slice(0, 5)).toEqual(['合计', '201', '20129', '2012901', '2012902']);
    expect(row(comparison.functions, '2012902')).toMatchObject({ level: 3, prior: '19.70', current: '8.10', change: '-11.60' });
    expect(row(comparison.functions, '合计')).toMatchObject({ prior: '76.61', current: '55.33' });
    // 2024 has no catalog of its own: it uses 2025's and says so.
    expect(borrowed).toEqual([{ year: 2024, from: 2025, note: '2024 年没有自己的科目表，使用 2025 年科目表' }]);
    expect(comparison.notes.join('')).toContain('2024 年没有自己的科目表，使用 2025 年科目表');
    expect(totals.map((t) => t.year)).toEqual([2024, 2025]);
  });

  test('the narrative reads 比上年增减 from the database', () => {
    const prior = priorFiguresFor(fx.db, id2025);
    expect(prior?.year).toBe(2024);
    const budget = loadBudgetById(fx.db, id2025);
    expect(budget.priorYear).toBeNull();
    const doc = buildNarrative(budget, getCatalogs(fx.db, 2025), { prior });
    const text = JSON.stringify(doc.sections);
    expect(text).toContain('较2024年预算减少21.28万元');
    expect(doc.figures['change.basic']).toMatchObject({ label: '基本支出减少', wan: '9.68' });
    expect(doc.figures['change.project']).toMatchObject({ label: '项目支出减少', wan: '11.60' });
  });

  test('listYears lists both years with their catalog borrowing', () => {
    const years = listYears(fx.db, '711');
    expect(years.map((y) => [y.year, y.origin, y.catalogBorrowedFrom])).toEqual([
      [2024, 'lines', 2025],
      [2025, 'lines', null],
    ]);
    expect(years.map((y) => y.total)).toEqual([76_610_000n, 55_332_550n]);
  });

  test('定稿: writes refused with a Chinese message until 解除定稿 is confirmed', () => {
    finalizeBudget(fx.db, id2025, { despiteErrors: true });
    expect(() => assertWritable(fx.db, id2025)).toThrow(expect.objectContaining({ name: 'Refusal', code: 'finalized' }));
    expect(() => assertWritable(fx.db, id2025)).toThrow('已定稿，不能修改（定稿的年度只读）；如需修改，请先解除定稿');
    expect(() => unfinalizeBudget(fx.db, id2025, { confirmed: false })).toThrow('解除定稿需要确认');
    expect(() => assertWritable(fx.db, id2025)).toThrow(expect.objectContaining({ name: 'Refusal', code: 'finalized' }));
    unfinalizeBudget(fx.db, id2025, { confirmed: true });
    expect(() => assertWritable(fx.db, id2025)).not.toThrow();
  });
});

describe('新建年度', () => {
  let id2025: number;
  beforeEach(() => {
    id2025 = importText(fx.db, fixture2025WithoutPrior());
  });

  test('2026 from 2025 with amounts kept: units, lines, projects with indicators, narrative; one comparison of equal years', async () => {
    const r = await createYearFrom(fx.db, { deptCode: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false });
    expect(r).toMatchObject({ status: 'created', lines: 10, units: 1, projects: 1, zeroed: false, catalogBorrowedFrom: 2025 });
    if (r.status !== 'created') return;
    const b = loadBudgetById(fx.db, r.budgetId);
    const a = loadBudgetById(fx.db, id2025);
    expect(b.year).toBe(2026);
    expect(b.units).toEqual(a.units);
    expect(b.lines.map(({ id: _i, ...l }) => l)).toEqual(a.lines.map(({ id: _i, ...l }) => l));
    expect(b.projects).toEqual(a.projects);
    expect(b.narrative.duties).toEqual(a.narrative.duties);
    expect(b.narrative.changeReasons).toEqual({ basic: '', project: '' });
    const { comparison } = compareBudgetYears(fx.db, '711', 2026);
    expect(row(comparison.summary, 'total')).toMatchObject({ prior: '55.33', current: '55.33', change: '0.00', word: '持平' });
  });

  test('zeroed: every line kept as a 0 draft line that the checks flag', async () => {
    const r = await createYearFrom(fx.db, { deptCode: '711', fromYear: 2025, toYear: 2026, zeroAmounts: true });
    if (r.status !== 'created') throw new Error('not created');
    const b = loadBudgetById(fx.db, r.budgetId);
    expect(b.lines).toHaveLength(10);
    expect(b.lines.every((l) => l.amount === 0n)).toBe(true);
    const findings = runChecks(b, getCatalogs(fx.db, 2026), null).filter((f) => f.ruleId === 'line.amount-not-positive');
    expect(findings).toHaveLength(10);
    const { comparison } = compareBudgetYears(fx.db, '711', 2026);
    expect(row(comparison.summary, 'total')).toMatchObject({ prior: '55.33', current: '0.00', change: '-55.33', word: '减少', rate: '-100.00%' });
  });

  test('codes the new catalog lacks are listed for remapping, nothing is written until they are mapped', async () => {
    // 2026 gets a catalog of its own (as if imported from the finance bureau) without 2012902 (一般行政管理事务).
    const c2025 = getCatalogs(fx.db, 2025);
    importCatalogEntries(
      fx.db,
      2026,
      'function',
      c2025.function.entries().filter((e) => e.code !== '2012902'),
    );
    importCatalogEntries(fx.db, 2026, 'economic', c2025.economic.entries());
    expect(getCatalogs(fx.db, 2026).function.isLeaf('2012999')).toBe(true);
    const first = await createYearFrom(fx.db, { deptCode: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false });
    expect(first).toEqual({
      status: 'needs-remap',
      catalogYear: 2026,
      catalogBorrowedFrom: null,
      catalogNote: null,
      codes: [{ kind: 'function', code: '2012902', name: '一般行政管理事务', lineCount: 1 }],
    });
    expect(findBudgetId(fx.db, '711', 2026)).toBeNull();
    await expect(
      createYearFrom(fx.db, { deptCode: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false, remap: { function: { '2012902': '2999999' } } }),
    ).rejects.toThrow('2999999 不在 2026 年科目表中');
    const done = await createYearFrom(fx.db, {
      deptCode: '711',
      fromYear: 2025,
      toYear: 2026,
      zeroAmounts: false,
      remap: { function: { '2012902': '2012999' } },
    });
    if (done.status !== 'created') throw new Error('not created');
    const b = loadBudgetById(fx.db, done.budgetId);
    expect(b.lines.filter((l) => l.function === '2012999')).toHaveLength(1);
    expect(b.lines.some((l) => l.function === '2012902')).toBe(false);
  });

  test('an existing year is not overwritten', async () => {
    await createYearFrom(fx.db, { deptCode: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false });
    await expect(createYearFrom(fx.db, { deptCode: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false })).rejects.toThrow('已有部门 711 2026 年的预算');
  });
});
