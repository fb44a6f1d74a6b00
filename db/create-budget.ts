// A new, empty budget: its own module because it drops the budget's undo history (db/undo.ts), which itself
// names budgets through db/budget-info.ts.
import { BUDGET_YEAR_RULE, MAX_DEPT_NAME_LENGTH, deptCodeProblem, isBudgetYear, emptyNarrative } from '../core/model';
import { findBudget, type BudgetInfo } from './budget-info';
import { st, num, str, type Row } from './edit-rows';
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import { forgetUndo } from './undo';

/** A new, empty budget (department created or renamed as given). Not undoable. */
export function createBudget(db: BudgetDb, deptCode: string, deptName: string, year: number): BudgetInfo {
  const code = deptCode.trim();
  const name = deptName.trim();
  const codeProblem = deptCodeProblem(code);
  if (codeProblem) throw new Refusal('validation', `部门编码：${codeProblem}`, { field: 'deptCode' });
  if (name === '') throw new Refusal('validation', '部门名称：不能为空', { field: 'deptName' });
  if (name.length > MAX_DEPT_NAME_LENGTH) throw new Refusal('validation', `部门名称：不能超过 ${MAX_DEPT_NAME_LENGTH} 个字符`, { field: 'deptName' });
  if (!isBudgetYear(year)) throw new Refusal('validation', `预算年度：${BUDGET_YEAR_RULE}，实际是 ${year}`, { field: 'year' });
  inTransaction(db, () => {
    const d = st(db, 'SELECT id, name FROM departments WHERE code = ?').get(code) as Row | undefined;
    let deptId: number;
    if (d) {
      deptId = num(d.id);
      if (str(d.name) !== name) st(db, 'UPDATE departments SET name = ? WHERE id = ?').run(name, deptId);
    } else deptId = Number(st(db, 'INSERT INTO departments (code, name) VALUES (?, ?)').run(code, name).lastInsertRowid);
    if (st(db, 'SELECT 1 FROM budgets WHERE department_id = ? AND year = ?').get(deptId, year)) {
      throw new Refusal('conflict', `数据库中已有部门 ${code} ${year} 年的预算`, { field: 'year' });
    }
    const id = Number(st(db, 'INSERT INTO budgets (department_id, year) VALUES (?, ?)').run(deptId, year).lastInsertRowid);
    st(db, 'INSERT INTO narrative (budget_id, json) VALUES (?, ?)').run(id, JSON.stringify(emptyNarrative()));
  });
  const b = findBudget(db, code, year);
  forgetUndo(db, b.id);
  return b;
}
