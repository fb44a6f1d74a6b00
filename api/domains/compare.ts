// 往年对比 and 导入上年公开表 (the compare.* channels): db/years.ts finds the years, core/compare computes.
import { z } from 'zod';
import { totalsChart } from '../../core/compare/chart';
import { readPublishedWorkbook } from '../../core/compare/workbook';
import { formatYuan } from '../../core/money';
import { Refusal } from '../../db/errors';
import { compareBudgetYears, deletePriorFigures, storePriorFigures } from '../../db/years';
import { method } from '../method';
import { budgetRefSchema as budgetRef, yearSchema as year } from '../schemas';

export const compare = {
  /** 往年对比 of a budget's year against `priorYear` (default the year before). */
  'compare.get': method(z.object({ budget: budgetRef, priorYear: year.optional() }), ({ budget, priorYear }, api) => {
    const info = api.budget(budget);
    const r = compareBudgetYears(api.db(), info.deptCode, info.year, priorYear ?? info.year - 1);
    return { comparison: r.comparison, borrowed: r.borrowed, chart: totalsChart(r.totals), priorFileName: r.priorFileName };
  }),
  /** Last year's published workbook (BudgetDesk export layout), base64, stored as prior-year figures. */
  'compare.importPrior': method(
    z.object({ budget: budgetRef, fileName: z.string().min(1).max(255), data: z.string().max(60_000_000) }),
    async ({ budget, fileName, data }, api) => {
      const info = api.budget(budget);
      if (info.finalized) throw new Refusal('finalized', `部门 ${info.deptCode} ${info.deptName} ${info.year} 年的预算已定稿（只读），不能导入上年数；如需修改，请先解除定稿`);
      const read = await readPublishedWorkbook(Buffer.from(data, 'base64'), fileName, { deptCode: info.deptCode, year: info.year - 1 });
      if (!read.ok) throw new Refusal('validation', read.reason, { field: 'data' });
      storePriorFigures(api.db(), info.id, read.figures, read.fileName);
      return { year: read.figures.year, fileName: read.fileName, total: formatYuan(read.figures.summary.total ?? 0n), functionRows: read.figures.functions.length };
    },
  ),
  'compare.deletePrior': method(z.object({ budget: budgetRef }), ({ budget }, api) => {
    deletePriorFigures(api.db(), api.budget(budget).id);
    return { deleted: true as const };
  }),
};
