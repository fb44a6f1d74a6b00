// Last year's published figures stored with a budget (prior_year): from the budget file's `priorYear`
// or typed by the clerk on the 上年数 panel. Any of the figures may be unknown (NULL), never taken as 0.
// Last year's lines, or its imported workbook, take precedence over these (db/years.ts yearFigures).
import type { Fen } from '../core/money';
import { knownPriorFigures, PRIOR_FIGURE_KEYS, type PriorFigureKey, type PriorYear } from '../core/model';
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';

const COLUMNS: Record<PriorFigureKey, string> = {
  total: 'total_fen',
  basic: 'basic_fen',
  project: 'project_fen',
  threePublic: 'three_public_fen',
  officeCost: 'office_cost_fen',
};

/** Where stored prior figures came from: the budget file, or the clerk's 上年数 panel. */
export type PriorYearOrigin = 'file' | 'manual';

/** The prior-year figures stored with a budget, or null. */
export function loadPriorYear(db: BudgetDb, budgetId: number): PriorYear | null {
  return loadPriorYearWithOrigin(db, budgetId)?.prior ?? null;
}

export function loadPriorYearWithOrigin(db: BudgetDb, budgetId: number): { prior: PriorYear; origin: PriorYearOrigin } | null {
  const cols = PRIOR_FIGURE_KEYS.map((k) => COLUMNS[k]).join(', ');
  const r = db.stmt(`SELECT year, origin, ${cols} FROM prior_year WHERE budget_id = ?`, { exact: true }).get(budgetId) as
    Record<string, bigint | string | null> | undefined;
  if (!r) return null;
  const prior: PriorYear = { year: Number(r.year) };
  for (const k of PRIOR_FIGURE_KEYS) {
    const v = r[COLUMNS[k]];
    if (typeof v === 'bigint') prior[k] = v as Fen;
  }
  return { prior, origin: r.origin as PriorYearOrigin };
}

/** Replaces the stored prior-year figures (call inside the caller's transaction). null removes them. */
export function writePriorYear(db: BudgetDb, budgetId: number, prior: PriorYear | null, origin: PriorYearOrigin): void {
  db.stmt('DELETE FROM prior_year WHERE budget_id = ?').run(budgetId);
  if (!prior || knownPriorFigures(prior).length === 0) return;
  const cols = PRIOR_FIGURE_KEYS.map((k) => COLUMNS[k]);
  db.stmt(`INSERT INTO prior_year (budget_id, year, origin, ${cols.join(', ')}) VALUES (?, ?, ?, ${cols.map(() => '?').join(', ')})`).run(
    budgetId,
    prior.year,
    origin,
    ...PRIOR_FIGURE_KEYS.map((k) => prior[k] ?? null),
  );
}

/**
 * The clerk's 上年数 panel: stores the figures typed for `budgetId`'s previous year (one transaction).
 * An empty set of figures clears them. The caller checks 定稿 and the figures' form.
 */
export function setPriorFigures(db: BudgetDb, budgetId: number, figures: Partial<Record<PriorFigureKey, Fen>>): PriorYear | null {
  return inTransaction(db, () => {
    const year = db.stmt('SELECT year FROM budgets WHERE id = ?', { pluck: true }).get(budgetId) as number | undefined;
    if (year === undefined) throw new Refusal('not_found', '数据库中没有这个预算');
    const prior: PriorYear = { year: year - 1 };
    for (const k of PRIOR_FIGURE_KEYS) if (figures[k] !== undefined) prior[k] = figures[k];
    writePriorYear(db, budgetId, prior, 'manual');
    db.stmt(`UPDATE budgets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(budgetId);
    return knownPriorFigures(prior).length ? prior : null;
  });
}
