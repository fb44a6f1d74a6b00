// Handlers of prior years: the db/years.ts functions behind the years-contract channels.
import { totalsChart } from '../../core/compare/chart';
import { readPublishedWorkbook } from '../../core/compare/workbook';
import { formatWan, formatYuan } from '../../core/money';
import { DbError } from '../../db/errors';
import {
  compareBudgetYears, createYearFrom, deletePriorFigures, finalizeBudget, FinalizedError, listYears, storePriorFigures, unfinalizeBudget,
} from '../../db/years';
import { EditError } from '../../db/edits';
import type { EngineApi, ImplMap } from './handlers';

type YearsChannel = 'years.list' | 'years.finalize' | 'years.unfinalize' | 'years.create' | 'compare.get' | 'compare.importPrior' | 'compare.deletePrior';

/** A write to a 定稿 year reaches the renderer as error code 'finalized'. */
function finalizedAsFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FinalizedError) throw new EditError('finalized', e.message);
    throw e;
  }
}

export function yearsHandlers(api: EngineApi): ImplMap<YearsChannel> {
  return {
    'years.list': ({ dept }) => {
      const db = api.db();
      const name = db.stmt('SELECT name FROM departments WHERE code = ?').pluck().get(dept) as string | undefined;
      if (name === undefined) throw new DbError('not-found', `数据库中没有部门 ${dept}`);
      return {
        dept: { code: dept, name },
        years: listYears(db, dept).map((y) => ({
          year: y.year, held: y.budgetId !== null, finalized: y.finalized, origin: y.origin, total: formatYuan(y.total), totalWan: formatWan(y.total),
          catalogBorrowedFrom: y.catalogBorrowedFrom, catalogNote: y.catalogNote, fileName: y.fileName,
        })),
      };
    },
    'years.finalize': ({ budget }) => {
      const info = api.budget(budget);
      finalizeBudget(api.db(), info.id);
      api.invalidate(info.id);
      return { finalized: true };
    },
    'years.unfinalize': ({ budget, confirmed }) => {
      const info = api.budget(budget);
      unfinalizeBudget(api.db(), info.id, { confirmed });
      api.invalidate(info.id);
      return { finalized: false };
    },
    'years.create': ({ dept, fromYear, toYear, zeroAmounts, remap }) => {
      const r = createYearFrom(api.db(), { deptCode: dept, fromYear, toYear, zeroAmounts, remap });
      if (r.status === 'needs-remap') return r;
      api.invalidate(r.budgetId);
      const { budgetId: _id, ...rest } = r;
      return { ...rest, budget: { dept, year: toYear } };
    },
    'compare.get': ({ budget, priorYear }) => {
      const info = api.budget(budget);
      const r = compareBudgetYears(api.db(), info.deptCode, info.year, priorYear ?? info.year - 1);
      return { comparison: r.comparison, borrowed: r.borrowed, chart: totalsChart(r.totals), priorFileName: r.priorFileName };
    },
    'compare.importPrior': async ({ budget, fileName, data }) => {
      const info = api.budget(budget);
      if (info.finalized) throw new EditError('finalized', `部门 ${info.deptCode} ${info.deptName} ${info.year} 年的预算已定稿（只读），不能导入上年数；如需修改，请先解除定稿`);
      const read = await readPublishedWorkbook(Buffer.from(data, 'base64'), fileName, { deptCode: info.deptCode, year: info.year - 1 });
      if (!read.ok) throw new EditError('validation', read.reason, 'data');
      finalizedAsFailure(() => storePriorFigures(api.db(), info.id, read.figures, read.fileName));
      return { year: read.figures.year, fileName: read.fileName, total: formatYuan(read.figures.summary.total ?? 0n), functionRows: read.figures.functions.length };
    },
    'compare.deletePrior': ({ budget }) => {
      const info = api.budget(budget);
      finalizedAsFailure(() => deletePriorFigures(api.db(), info.id));
      return { deleted: true };
    },
  };
}
