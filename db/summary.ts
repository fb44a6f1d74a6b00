// The bureau summary's reads: every department's budget of one year, and which years hold several.
import { summaryPart, type SummaryPart } from '../core/summary';
import { listBudgetEntries, loadBudgetById } from './budgets';
import type { BudgetDb } from './open';

/**
 * Every department of the year, in department-code order, with whether it is 定稿: each one's lines are
 * summed (its figures) as soon as it is read and then let go, so a hundred departments' 300,000 lines
 * are never all held at once (they die young: less memory and far less garbage collection).
 */
export function loadYearBudgets(db: BudgetDb, year: number): SummaryPart[] {
  return listBudgetEntries(db)
    .filter((b) => b.year === year)
    .map((b) => summaryPart(loadBudgetById(db, b.id), b.finalized));
}

/** Years that hold budgets of more than one department, with how many. */
export function summaryYears(db: BudgetDb): { year: number; departments: number }[] {
  return db.stmt('SELECT year, count(*) AS departments FROM budgets GROUP BY year HAVING count(*) > 1 ORDER BY year').all() as {
    year: number;
    departments: number;
  }[];
}
