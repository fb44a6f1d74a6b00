// 往年对比 and 导入上年公开表 (the compare.* channels): db/years.ts finds the years, core/compare computes.
import { z } from 'zod';
import { totalsChart } from '../../core/compare/chart';
import { readPublishedWorkbook } from '../../core/compare/workbook';
import { formatWanGrouped, formatYuan } from '../../core/money';
import { Refusal } from '../../db/errors';
import { compareBudgetYears, compareYearSeries, deletePriorFigures, storePriorFigures } from '../../db/years';
import { safeName } from '../file-names';
import { method } from '../method';
import { budgetRefSchema as budgetRef, yearSchema as year } from '../schemas';

export const compare = {
  /** 往年对比 of a budget's year against `priorYear` (default the year before). */
  'compare.get': method(z.object({ budget: budgetRef, priorYear: year.optional() }), ({ budget, priorYear }, api) => {
    const info = api.budget(budget);
    const r = compareBudgetYears(api.db(), info.deptCode, info.year, priorYear ?? info.year - 1);
    return { comparison: r.comparison, borrowed: r.borrowed, chart: totalsChart(r.totals), priorFileName: r.priorFileName, frozen: r.frozen === true };
  }),
  /** 历年对比: every year from `since` to the budget's year side by side, with the changes. */
  'compare.series': method(z.object({ budget: budgetRef, since: year }), ({ budget, since }, api) => {
    const info = api.budget(budget);
    return compareYearSeries(api.db(), info.deptCode, info.year, since);
  }),
  /** The same as a workbook (an export channel: the transport saves or downloads it). */
  'compare.seriesWorkbook': method(z.object({ budget: budgetRef, since: year }), async ({ budget, since }, api) => {
    const info = api.budget(budget);
    const { writeSeriesWorkbook } = await import('../../core/export/series-xlsx');
    const data = await writeSeriesWorkbook(compareYearSeries(api.db(), info.deptCode, info.year, since));
    return {
      fileName: safeName(`${info.deptCode}${info.deptName}${since}-${info.year}年历年对比.xlsx`),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: data.toString('base64'),
    };
  }),
  /** Last year's published workbook (BudgetDesk export layout), base64, stored as prior-year figures. */
  'compare.importPrior': method(
    z.object({ budget: budgetRef, fileName: z.string().min(1).max(255), data: z.string().max(60_000_000) }),
    async ({ budget, fileName, data }, api) => {
      const info = api.budget(budget);
      if (info.finalized)
        throw new Refusal('finalized', `部门 ${info.deptCode} ${info.deptName} ${info.year} 年的预算已定稿（只读），不能导入上年数；如需修改，请先解除定稿`);
      const read = await readPublishedWorkbook(Buffer.from(data, 'base64'), fileName, { deptCode: info.deptCode, year: info.year - 1 });
      if (!read.ok) throw new Refusal('validation', read.reason, { field: 'data' });
      storePriorFigures(api.db(), info.id, read.figures, read.fileName);
      const total = read.figures.summary.total ?? 0n;
      // totalWan: what the workbook gives (万元, two decimals), for the confirmation; total kept for older callers.
      return {
        year: read.figures.year,
        fileName: read.fileName,
        total: formatYuan(total),
        totalWan: formatWanGrouped(total),
        functionRows: read.figures.functions.length,
      };
    },
  ),
  'compare.deletePrior': method(z.object({ budget: budgetRef }), ({ budget }, api) => {
    deletePriorFigures(api.db(), api.budget(budget).id);
    return { deleted: true as const };
  }),
};
