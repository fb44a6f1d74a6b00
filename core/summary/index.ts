// The bureau summary (汇总): 部门汇总表, then the 12 standard tables over all departments' lines.
import type { Catalogs } from '../catalog';
import type { Budget } from '../model';
import { computeFigures, deriveTables } from '../tables';
import type { RenderedTable } from '../tables/types';
import { SUMMARY_LABEL, combineBudgets } from './combine';
import { deptSummaryTable, deptTotals, type DeptTotals } from './dept-table';

export { combineBudgets, SUMMARY_LABEL } from './combine';
export { deptSummarySpec, deptSummaryTable, deptTotals, DEPT_AMOUNTS, NOT_FINAL, type DeptTotals } from './dept-table';

export interface SummaryInput { budget: Budget; finalized: boolean }

export interface BureauSummary {
  year: number;
  departments: DeptTotals[];
  /** 部门汇总表 first, then the 12 standard tables (header row 汇总). */
  tables: RenderedTable[];
}

export function bureauSummary(year: number, inputs: readonly SummaryInput[], catalogs: Catalogs): BureauSummary {
  const departments = inputs.map(({ budget, finalized }) => deptTotals(budget, computeFigures(budget), finalized));
  const combined = combineBudgets(year, inputs.map((i) => i.budget));
  const standard = deriveTables(combined, catalogs).map((t) => ({ ...t, meta: { ...t.meta, department: SUMMARY_LABEL } }));
  return { year, departments, tables: [deptSummaryTable(year, departments), ...standard] };
}
