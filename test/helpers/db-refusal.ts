// Shared by the database tests (test/db.test.ts, test/db-budgets.test.ts): a refusal caught for its
// code and message, and a budget file parsed with the catalogs stored in the database.
import { expect } from 'vitest';
import { parseBudgetFile } from '../../core/budget-file';
import { getCatalogs } from '../../db/catalogs';
import { Refusal } from '../../db/errors';
import type { BudgetDb } from '../../db/open';

export function dbError(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    return e as Refusal;
  }
  throw new Error('expected a Refusal');
}

export function parseWith(db: BudgetDb, text: string) {
  const r = parseBudgetFile(text, (y) => getCatalogs(db, y));
  if (!r.ok) throw new Error(r.message);
  return r;
}
