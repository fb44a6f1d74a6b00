// The bureau summary (汇总): 部门汇总表, then the 12 standard tables over all departments' lines.
import type { Catalogs } from '../catalog';
import { ceilingTotals } from '../control/cells';
import type { Budget } from '../model';
import { computeFigures, deriveTables, mergeFigures, type TableFigures } from '../tables';
import type { RenderedTable } from '../tables/types';
import { SUMMARY_LABEL, combineBudgets, projectCodes } from './combine';
import { deptSummaryTable, deptTotals, type DeptTotals } from './dept-table';

export { combineBudgets, projectCodes, SUMMARY_LABEL } from './combine';
export { type DeptTotals } from './dept-table';

/**
 * One department as the summary takes it: its budget without its lines, and the figures of one pass over
 * them. A storage layer that reads a hundred departments makes each part as soon as that department is
 * read, so that only one department's lines are held at a time.
 */
export interface SummaryPart {
  /** The budget with `lines` left empty (their sums are in `figures`). */
  budget: Budget;
  figures: TableFigures;
  finalized: boolean;
  /** 财政拨款控制数 and 已编, taken while the lines are there. */
  control: DeptTotals['control'];
}

export function summaryPart(budget: Budget, finalized: boolean): SummaryPart {
  return { budget: { ...budget, lines: [] }, figures: computeFigures(budget), finalized, control: ceilingTotals(budget) };
}

export interface BureauSummary {
  year: number;
  departments: DeptTotals[];
  /** 部门汇总表 first, then the 12 standard tables (header row 汇总). */
  tables: RenderedTable[];
}

/** 部门汇总表 from each department's own figures; the 12 tables from their sum (as one pass over all lines). */
export function bureauSummary(year: number, parts: readonly SummaryPart[], catalogs: Catalogs): BureauSummary {
  const budgets = parts.map((p) => p.budget);
  const departments = parts.map((p) => deptTotals(p.budget, p.figures, p.finalized, p.control));
  const projectCode = projectCodes(budgets);
  const figures = mergeFigures(parts.map((p) => ({ figures: p.figures, projectCode: (code: string) => projectCode(p.budget.department.code, code) })));
  const combined = combineBudgets(year, budgets, { lines: false });
  const standard = deriveTables(combined, catalogs, figures).map((t) => ({ ...t, meta: { ...t.meta, department: SUMMARY_LABEL } }));
  return { year, departments, tables: [deptSummaryTable(year, departments), ...standard] };
}
