// THE one door for what a department-year's disclosure is computed from: the budget, its year's catalogs
// and where last year's figures come from. The export channels, 审核, the 情况说明, the table preview and the
// CLI all load through here; core computes everything else (tables, figures, 比上年增减).
import type { Catalogs } from '../core/catalog';
import type { YearSource } from '../core/compare/sources';
import type { Budget } from '../core/model';
import { loadBudgetById } from './budgets';
import { getCatalogs } from './catalogs';
import type { BudgetDb } from './open';
import { priorSourceFor } from './years';

export interface DisclosureInputs {
  budget: Budget;
  catalogs: Catalogs;
  /** Last year, as storage knows it (core/compare/sources.ts priorFiguresOf computes its figures); read on
   *  first call only: the tables and the workbook do not need it, and it may be a whole budget. */
  priorSource(): YearSource | null;
}

export function loadDisclosureInputs(db: BudgetDb, budgetId: number): DisclosureInputs {
  const budget = loadBudgetById(db, budgetId);
  let prior: { source: YearSource | null } | undefined;
  return {
    budget,
    catalogs: getCatalogs(db, budget.year),
    priorSource: () => (prior ??= { source: priorSourceFor(db, budgetId) }).source,
  };
}
