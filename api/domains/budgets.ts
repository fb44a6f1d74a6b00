// Budgets and their department: the list on the start page, a new empty budget, the department's name.
import { z } from 'zod';
import { MAX_DEPT_NAME_LENGTH } from '../../core/model';
import { formatYuan } from '../../core/money';
import { budgetSummary, listBudgets, type BudgetSummary as StoredSummary } from '../../db/budgets';
import * as edits from '../../db/edits';
import { Refusal } from '../../db/errors';
import { method, type EngineApi } from '../method';
import { deptCodeSchema, withBudget, yearSchema } from '../schemas';
import { createBackup } from '../../db/backup';
import { budgetToDelete, deleteBudget } from '../../db/delete-budget';
import { backupSchedulerFor } from './backup';

/** A stored summary as the renderer sees it (budgets.list and budgets.create alike). */
const summaryDto = (s: StoredSummary) => ({
  dept: s.deptCode,
  deptName: s.deptName,
  year: s.year,
  finalized: s.finalized,
  lineCount: s.lineCount,
  total: formatYuan(BigInt(s.totalFen)),
});

function summary(api: EngineApi, b: edits.BudgetInfo) {
  const s = budgetSummary(api.db(), b.id);
  if (!s) throw new Refusal('not_found', `数据库中没有部门 ${b.deptCode} ${b.year} 年的预算`);
  return summaryDto(s);
}

const department = (b: edits.BudgetInfo) => ({ code: b.deptCode, name: b.deptName });

export const budgets = {
  'budgets.list': method(z.object({}), (_a, api) => listBudgets(api.db()).map(summaryDto)),
  'budgets.create': method(
    z.object({ deptCode: deptCodeSchema, deptName: z.string().max(MAX_DEPT_NAME_LENGTH), year: yearSchema }),
    ({ deptCode, deptName, year }, api) => summary(api, edits.createBudget(api.db(), deptCode, deptName, year)),
  ),
  /** 删除 of one department-year: a backup (删除年度前) first, then one transaction; the department goes with its last year. */
  'budgets.delete': method(withBudget({}), async ({ budget }, api) => {
    const db = api.db();
    const b = budgetToDelete(db, budget.dept, budget.year); // an unknown year is refused before any backup
    if (b.finalized) throw new Refusal('finalized', `部门 ${budget.dept} ${b.deptName} ${budget.year} 年的预算已定稿，不能删除；如确需删除，请先解除定稿`);
    const scheduler = backupSchedulerFor(api.ctx);
    await scheduler.idle();
    const backup = await createBackup(db, scheduler.dirFor(db), 'before-delete');
    const r = deleteBudget(db, budget.dept, budget.year);
    api.invalidate(b.id);
    return { ...r, backupPath: backup.path };
  }),

  'department.get': method(withBudget({}), ({ budget }, api) => department(api.budget(budget))),
  'department.update': method(withBudget({ name: z.string().max(200) }), ({ budget, name }, api) => {
    edits.updateDepartmentName(api.db(), api.writable(budget), name);
    return department(api.budget(budget));
  }),
};
