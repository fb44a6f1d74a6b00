// THE one door for what a department-year's disclosure is computed from: the budget, its year's catalogs,
// last year's figures and the budget as the budget file carries it. The export channels, 审核, the 情况说明,
// the table preview and the CLI all load through here; core computes everything else (tables, 比上年增减).
// A finalized year reads what 定稿 froze (db/final-snapshot.ts) instead of the live catalogs and last year.
import type { Catalogs } from '../core/catalog';
import { withPriorYear } from '../core/compare/sources';
import { linesInMemory, type LineSource } from '../core/line-digest';
import type { Budget } from '../core/model';
import type { PriorFigures } from '../core/narrative';
import { cachedBudget, cachedPrior } from './budget-cache';
import { loadBudgetById } from './budgets';
import { getCatalogs } from './catalogs';
import { storedLines } from './line-digest';
import { finalSnapshot } from './final-snapshot';
import { finalizeLogForFile } from './finalize-log';
import type { BudgetDb } from './open';
import { priorFiguresFor } from './years';

export interface DisclosureInputs {
  budget: Budget;
  catalogs: Catalogs;
  /** Last year's figures for 比上年增减, or null; computed on first call only (the tables and the workbook do
   *  not need them, and last year may be a whole budget). */
  prior(): PriorFigures | null;
  /** The budget as its budget file carries it: last year's figures written in as `priorYear` when it has none
   *  of its own (so 比上年增减 survives moving the file), and its record of 定稿 / 解除定稿. */
  forFile(): Budget;
  /** True when read from what 定稿 froze. */
  frozen: boolean;
  /** The lines as the tables and the rules read them: the stored digest when loaded `withoutLines` (then
   *  `budget.lines` is empty), else the loaded lines. */
  lines: LineSource;
}

/** `withoutLines`: for what reads only sums of the lines (报表预览, 校验, the workbook, the PDF) — their digest is
 *  read instead of 300,000 lines; forFile() then loads the whole budget itself. `withoutProjects`: for a table
 *  that lists no project (TableSpec.readsProjects). */
export function loadDisclosureInputs(db: BudgetDb, budgetId: number, opts: { withoutLines?: boolean; withoutProjects?: boolean } = {}): DisclosureInputs {
  // Without lines, what the engine keeps of the budget (db/budget-cache.ts) serves until the next write.
  const budget = opts.withoutLines
    ? cachedBudget(db, budgetId, !opts.withoutProjects)
    : loadBudgetById(db, budgetId, { lines: true, projects: !opts.withoutProjects });
  const snap = finalSnapshot(db, budgetId);
  let prior: { figures: PriorFigures | null } | undefined;
  const priorOnce = () => (prior ??= { figures: snap ? snap.prior : cachedPrior(db, budgetId, () => priorFiguresFor(db, budgetId)) }).figures;
  return {
    budget,
    catalogs: snap ? snap.catalogs : getCatalogs(db, budget.year),
    prior: priorOnce,
    forFile: () => {
      const full = opts.withoutLines || opts.withoutProjects ? loadBudgetById(db, budgetId) : budget;
      const b = full.priorYear ? full : withPriorYear(full, priorOnce());
      const log = finalizeLogForFile(db, budgetId);
      return log ? { ...b, extra: { ...b.extra, [log.key]: log.value } } : b;
    },
    frozen: snap !== null,
    lines: opts.withoutLines ? storedLines(db, budgetId) : linesInMemory(budget.lines),
  };
}
