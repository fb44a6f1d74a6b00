// Importing a budget file into the database: parse + validate against the database's catalogs of
// the file's year, then save in one transaction. Shared by the CLI and the app's import handler.
import { decodeBudgetFile, parseBudgetFile, type ParseBudgetResult, type Problem } from '../core/budget-file';
import type { Budget } from '../core/model';
import { saveBudget } from './budgets';
import { getCatalogs } from './catalogs';
import type { BudgetDb } from './open';

export type ImportResult =
  | { ok: true; budgetId: number; replaced: boolean; budget: Budget; warnings: string[] }
  | { ok: false; message: string; problems: Problem[] };

/**
 * Imports a budget file's text (or raw bytes, which must be UTF-8). A refused file changes nothing
 * and returns every problem; database failures (duplicate department-year without `replace`, locked
 * file …) are thrown as Refusal.
 */
export function importBudgetFile(db: BudgetDb, input: string | Uint8Array, opts: { replace?: boolean } = {}): ImportResult {
  const parsed = parseBudgetInput(db, input);
  if (!parsed.ok) return parsed;
  const { budgetId, replaced } = saveBudget(db, parsed.budget, { replace: opts.replace, addedCodes: parsed.addedCodes });
  return { ok: true, budgetId, replaced, budget: parsed.budget, warnings: parsed.warnings };
}

/** A budget file's text (or raw bytes, which must be UTF-8) parsed against the database's catalogs of its year:
 *  what importing and merging a unit's file both start from. */
export function parseBudgetInput(db: BudgetDb, input: string | Uint8Array): ParseBudgetResult {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeBudgetFile(input);
    if (!d.ok) return { ok: false, message: d.message, problems: [{ path: '(文件)', place: '文件', reason: d.message }] };
    text = d.text;
  }
  return parseBudgetFile(text, (year) => getCatalogs(db, year));
}
