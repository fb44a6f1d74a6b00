// The bureau summary's reads: every department's budget of one year, and which years hold several.
import type { SummaryInput } from '../core/summary';
import { listBudgetEntries, loadBudgetById } from './budgets';
import type { BudgetDb } from './open';

/** Every department's budget of the year, in department-code order, with whether it is 定稿. */
export function loadYearBudgets(db: BudgetDb, year: number): SummaryInput[] {
  return listBudgetEntries(db).filter((b) => b.year === year).map((b) => ({ budget: loadBudgetById(db, b.id), finalized: b.finalized }));
}

/** Years that hold budgets of more than one department (汇总 is offered for these). */
/** Years that hold budgets of more than one department, with how many. */
export function summaryYears(db: BudgetDb): { year: number; departments: number }[] {
  return db.stmt('SELECT year, count(*) AS departments FROM budgets GROUP BY year HAVING count(*) > 1 ORDER BY year').all() as { year: number; departments: number }[];
}
