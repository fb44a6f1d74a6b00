// Shared by the compare-* tests: the constructed 2024 budget of department 711 (76.61 / 56.91 / 19.70
// 万元 total / basic / project), its published workbook, and importing budget files through the real
// parser into a database.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBudgetFile } from '../../core/budget-file';
import { writeWorkbook } from '../../core/export/xlsx';
import { deriveTables } from '../../core/tables';
import { saveBudget } from '../../db/budgets';
import { getCatalogs } from '../../db/catalogs';
import { openDatabase, type BudgetDb } from '../../db/open';
import { fixtureText } from './fixture';

export const FIXTURE_2024 = resolve(__dirname, '../fixtures/compare-711-2024.budget.json');

export function importText(db: BudgetDb, text: string): number {
  const r = parseBudgetFile(text, (y) => getCatalogs(db, y));
  if (!r.ok) throw new Error(r.message);
  return saveBudget(db, r.budget, { addedCodes: r.addedCodes }).budgetId;
}

/** The 2024 budget's published workbook, exported by BudgetDesk from a separate database at `dbPath`. */
export async function workbook2024(dbPath: string): Promise<Buffer> {
  const other = openDatabase(dbPath);
  try {
    const r = parseBudgetFile(readFileSync(FIXTURE_2024, 'utf8'), (y) => getCatalogs(other, y));
    if (!r.ok) throw new Error(r.message);
    return await writeWorkbook(deriveTables(r.budget, getCatalogs(other, 2024)));
  } finally {
    other.close();
  }
}

/** The 2025 fixture without its priorYear, so that 2024 can only come from the database. */
export function fixture2025WithoutPrior(): string {
  const doc = JSON.parse(fixtureText());
  delete doc.priorYear;
  return JSON.stringify(doc);
}
