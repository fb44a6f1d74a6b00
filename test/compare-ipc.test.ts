// The prior-years channels through the real handler map over a real SQLite file.
import { describe, expect, it } from 'vitest';
import { getCatalogs } from '../db/catalogs';
import { openDatabase } from '../db/open';
import { fixture2025WithoutPrior, workbook2024 } from './helpers/compare-years';
import { importedBudgetFile, useTestEngine } from './helpers/engine';

const fx = useTestEngine({ setup: importedBudgetFile(fixture2025WithoutPrior) });
const { call, value } = fx;
const budget = { dept: '711', year: 2025 };

const workbook2024Base64 = async () => (await workbook2024(fx.tmp.file('src.sqlite'))).toString('base64');

describe('prior-years channels', () => {
  it('compare.importPrior then compare.get: 减少 21.28 / 9.68 / 11.60, JSON-safe, with the chart', async () => {
    const before = await value('compare.get', { budget });
    expect(before.comparison.prior.origin).toBeNull();
    const imp = await value('compare.importPrior', { budget, fileName: '711-2024.xlsx', data: await workbook2024Base64() });
    expect(imp).toEqual({ year: 2024, fileName: '711-2024.xlsx', total: '766100.00', totalWan: '76.61', functionRows: 15 });
    const c = await value('compare.get', { budget });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    const byKey = Object.fromEntries(c.comparison.summary.map((r) => [r.key, r]));
    expect([byKey.total!.change, byKey.basic!.change, byKey.project!.change]).toEqual(['-21.28', '-9.68', '-11.60']);
    expect(c.priorFileName).toBe('711-2024.xlsx');
    expect(c.chart.bars.map((b) => [b.year, b.label, b.origin])).toEqual([
      [2024, '76.61', 'workbook'],
      [2025, '55.33', 'lines'],
    ]);
    const years = await value('years.list', { dept: '711' });
    expect(years.years.map((y) => [y.year, y.held, y.totalWan])).toEqual([
      [2024, false, '76.61'],
      [2025, true, '55.33'],
    ]);
    await value('compare.deletePrior', { budget });
    expect((await value('compare.get', { budget })).comparison.prior.origin).toBeNull();
  });

  it('a misfit workbook is refused as a validation error with the reason', async () => {
    const r = await call('compare.importPrior', { budget, fileName: 'x.xlsx', data: Buffer.from('nope').toString('base64') });
    expect(r).toEqual({ ok: false, error: { code: 'validation', message: '“x.xlsx”不是有效的 Excel 工作簿（.xlsx），无法读取', field: 'data' } });
  });

  it('定稿 refuses writes with code finalized; 解除定稿 needs confirmed: true', async () => {
    await value('years.finalize', { budget });
    expect((await value('budgets.list', {}))[0]!.finalized).toBe(true);
    const imp = await call('compare.importPrior', { budget, fileName: '711-2024.xlsx', data: await workbook2024Base64() });
    expect(imp.ok ? null : imp.error.code).toBe('finalized');
    const narr = await call('narrative.set', { budget, narrative: { duties: [], performanceGoals: [], changeReasons: { basic: '', project: '' }, other: '' } });
    expect(narr.ok ? null : narr.error.code).toBe('finalized');
    const no = await call('years.unfinalize', { budget, confirmed: false });
    expect(no.ok ? null : no.error.message).toContain('解除定稿需要确认');
    await value('years.unfinalize', { budget, confirmed: true });
    expect((await value('budgets.list', {}))[0]!.finalized).toBe(false);
  });

  it('years.create answers needs-remap without writing, then creates with the remap', async () => {
    // Give 2026 its own catalog without 2012902.
    const db = openDatabase(fx.tmp.file('b.sqlite'));
    try {
      const { importCatalogEntries } = await import('../db/catalogs');
      const c = getCatalogs(db, 2025);
      importCatalogEntries(
        db,
        2026,
        'function',
        c.function.entries().filter((e) => e.code !== '2012902'),
      );
      importCatalogEntries(db, 2026, 'economic', c.economic.entries());
    } finally {
      db.close();
    }
    const first = await value('years.create', { dept: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false });
    expect(first).toEqual({
      status: 'needs-remap',
      catalogYear: 2026,
      catalogBorrowedFrom: null,
      catalogNote: null,
      codes: [{ kind: 'function', code: '2012902', name: '一般行政管理事务', lineCount: 1 }],
    });
    expect((await value('budgets.list', {})).map((b) => b.year)).toEqual([2025]);
    const done = await value('years.create', { dept: '711', fromYear: 2025, toYear: 2026, zeroAmounts: true, remap: { function: { '2012902': '2012999' } } });
    expect(done).toEqual({
      status: 'created',
      budget: { dept: '711', year: 2026 },
      lines: 10,
      units: 1,
      projects: 1,
      zeroed: true,
      catalogBorrowedFrom: null,
      catalogNote: null,
      backup: null,
    });
    const lines = await value('lines.list', { budget: { dept: '711', year: 2026 } });
    expect(lines.map((l) => l.amount)).toEqual(Array(10).fill('0.00'));
    const file = await call('export.budgetFile', { budget: { dept: '711', year: 2026 } });
    expect(file.ok === false && [file.error.code, file.error.message]).toEqual(['validation', expect.stringContaining('还有 10 条明细金额为 0')]);
  });
});
