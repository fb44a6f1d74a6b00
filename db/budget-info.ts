// THE budget-row lookup (by department code and year, or by id) and the 定稿 check of every write path.
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { st, num, str, type Row } from './edit-rows';

export interface BudgetInfo {
  id: number;
  year: number;
  deptId: number;
  deptCode: string;
  deptName: string;
  finalized: boolean;
}

const BUDGET_SELECT = 'SELECT b.id, b.year, b.finalized, d.id AS dept_id, d.code, d.name FROM budgets b JOIN departments d ON d.id = b.department_id';
const info = (r: Row): BudgetInfo => ({
  id: num(r.id),
  year: num(r.year),
  deptId: num(r.dept_id),
  deptCode: str(r.code),
  deptName: str(r.name),
  finalized: num(r.finalized) === 1,
});

/** A department-year's budget. */
export function findBudget(db: BudgetDb, dept: string, year: number): BudgetInfo {
  const r = st(db, `${BUDGET_SELECT} WHERE d.code = ? AND b.year = ?`).get(dept, year) as Row | undefined;
  if (!r) throw new Refusal('not_found', `数据库中没有部门 ${dept} ${year} 年的预算`);
  return info(r);
}

/** A budget by its id. */
export function budgetById(db: BudgetDb, budgetId: number): BudgetInfo {
  const r = st(db, `${BUDGET_SELECT} WHERE b.id = ?`).get(budgetId) as Row | undefined;
  if (!r) throw new Refusal('not_found', `数据库中没有编号为 ${budgetId} 的预算`);
  return info(r);
}

export function budgetLabel(b: BudgetInfo): string {
  return `部门 ${b.deptCode} ${b.deptName} ${b.year} 年`;
}

/** The budget for a write: refused when it is finalized (定稿). */
export function writableBudget(db: BudgetDb, dept: string, year: number): BudgetInfo {
  const b = findBudget(db, dept, year);
  assertWritable(db, b.id);
  return b;
}

/** THE 定稿 check for every write path (the editor's writes, imports, prior figures): a 'finalized' refusal. */
export function assertWritable(db: BudgetDb, budgetId: number): void {
  const b = budgetById(db, budgetId);
  if (b.finalized) throw new Refusal('finalized', `${budgetLabel(b)}的预算已定稿，不能修改（定稿的年度只读）；如需修改，请先解除定稿`);
}
