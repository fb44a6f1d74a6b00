// The bureau summary (汇总): 部门汇总表, then the 12 standard tables over all departments' lines.
import type { Catalogs } from '../catalog';
import type { Budget } from '../model';
import { computeFigures, deriveTables, mergeFigures } from '../tables';
import type { RenderedTable } from '../tables/types';
import { SUMMARY_LABEL, combineBudgets, projectCodes } from './combine';
import { deptSummaryTable, deptTotals, type DeptTotals } from './dept-table';

export { combineBudgets, projectCodes, SUMMARY_LABEL, type ProjectCodeOf } from './combine';
export { deptSummarySpec, deptSummaryTable, deptTotals, DEPT_AMOUNTS, NOT_FINAL, type DeptTotals } from './dept-table';

export interface SummaryInput { budget: Budget; finalized: boolean }

export interface BureauSummary {
  year: number;
  departments: DeptTotals[];
  /** 部门汇总表 first, then the 12 standard tables (header row 汇总). */
  tables: RenderedTable[];
}

/** Each department's figures come from one pass over its lines; the 12 tables' figures are their sum. */
export function bureauSummary(year: number, inputs: readonly SummaryInput[], catalogs: Catalogs): BureauSummary {
  const budgets = inputs.map((i) => i.budget);
  const figures = budgets.map((b) => computeFigures(b));
  const departments = inputs.map(({ budget, finalized }, k) => deptTotals(budget, figures[k]!, finalized));
  const projectCode = projectCodes(budgets);
  const combinedFigures = mergeFigures(budgets.map((b, k) => ({ figures: figures[k]!, projectCode: (code: string) => projectCode(b.department.code, code) })));
  const combined = combineBudgets(year, budgets, { lines: false });
  const standard = deriveTables(combined, catalogs, combinedFigures).map((t) => ({ ...t, meta: { ...t.meta, department: SUMMARY_LABEL } }));
  return { year, departments, tables: [deptSummaryTable(year, departments), ...standard] };
}
