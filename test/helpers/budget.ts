// The reference budget parsed through the real budget-file parser with the built-in catalogs.
import { parseBudgetFile } from '../../core/budget-file';
import type { Catalogs } from '../../core/catalog';
import type { Budget } from '../../core/model';
import { builtinCatalogs, fixtureText } from './fixture';

export function fixtureBudget(): { budget: Budget; catalogs: Catalogs } {
  const r = parseBudgetFile(fixtureText(), builtinCatalogs);
  if (!r.ok) throw new Error(r.message);
  return { budget: r.budget, catalogs: builtinCatalogs(r.budget.year)! };
}
