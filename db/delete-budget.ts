// 删除 of one department-year: everything of that budget goes, in one transaction (lines, units,
// projects with goals and indicators, procurement, assets, narrative, prior-year figures). When it was
// the department's last year, the department goes too: a clerk who deletes the only year expects the
// department to leave the 开始 list, and nothing else refers to it.
// The caller makes a backup first (the handler does, reason 'before-delete'); a 定稿 year is refused.
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';

export interface DeletedBudget {
  dept: string;
  deptName: string;
  year: number;
  lines: number;
  departmentRemoved: boolean;
}

/** The department-year as the clerk names it, or a not-found refusal. */
export function budgetToDelete(db: BudgetDb, deptCode: string, year: number): { id: number; deptId: number; deptName: string; finalized: boolean } {
  const r = db
    .stmt(
      `SELECT b.id, b.finalized, d.id AS deptId, d.name AS deptName FROM budgets b JOIN departments d ON d.id = b.department_id
    WHERE d.code = ? AND b.year = ?`,
    )
    .get(deptCode, year) as { id: number; finalized: number; deptId: number; deptName: string } | undefined;
  if (!r) throw new Refusal('not_found', `数据库中没有部门 ${deptCode} ${year} 年的预算`);
  return { id: r.id, deptId: r.deptId, deptName: r.deptName, finalized: r.finalized === 1 };
}

export function deleteBudget(db: BudgetDb, deptCode: string, year: number): DeletedBudget {
  return inTransaction(db, () => {
    const b = budgetToDelete(db, deptCode, year);
    if (b.finalized) throw new Refusal('finalized', `部门 ${deptCode} ${b.deptName} ${year} 年的预算已定稿，不能删除；如确需删除，请先解除定稿`);
    const lines = db.stmt('SELECT count(*) FROM lines WHERE budget_id = ?', { pluck: true }).get(b.id) as number;
    // Children first: lines and procurement refer to units and projects by code (no cascade on those keys).
    for (const t of ['lines', 'procurement']) db.stmt(`DELETE FROM ${t} WHERE budget_id = ?`).run(b.id);
    db.stmt('DELETE FROM budgets WHERE id = ?').run(b.id); // the rest cascades (ON DELETE CASCADE)
    const left = db.stmt('SELECT count(*) FROM budgets WHERE department_id = ?', { pluck: true }).get(b.deptId) as number;
    if (left === 0) db.stmt('DELETE FROM departments WHERE id = ?').run(b.deptId);
    return { dept: deptCode, deptName: b.deptName, year, lines, departmentRemoved: left === 0 };
  });
}
