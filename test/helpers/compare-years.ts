// Shared by the compare-* tests: the constructed 2024 budget of department 711 (76.61 / 56.91 / 19.70
// 万元 total / basic / project) and importing budget files through the real parser into a database.
import { resolve } from 'node:path';
import { parseBudgetFile } from '../../core/budget-file';
import { saveBudget } from '../../db/budgets';
import { getCatalogs } from '../../db/catalogs';
import type { BudgetDb } from '../../db/open';
import { fixtureText } from './fixture';

export const FIXTURE_2024 = resolve(__dirname, '../fixtures/compare-711-2024.budget.json');

export function importText(db: BudgetDb, text: string): number {
  const r = parseBudgetFile(text, (y) => getCatalogs(db, y));
  if (!r.ok) throw new Error(r.message);
  return saveBudget(db, r.budget, { addedCodes: r.addedCodes }).budgetId;
}

/** The 2025 fixture without its priorYear, so that 2024 can only come from the database. */
export function fixture2025WithoutPrior(): string {
  const doc = JSON.parse(fixtureText());
  delete doc.priorYear;
  return JSON.stringify(doc);
}
