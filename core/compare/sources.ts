// What storage knows of a year, before any figure is computed: its own budget (lines), figures read back from
// its published workbook, or the following year's budget-file `priorYear`. Storage (db/years.ts) finds the
// source; the figures are computed here, so that every reader (the disclosure, 往年对比, the budget file)
// computes them the same way.
import type { Catalogs } from '../catalog';
import type { Budget, Department, PriorYear } from '../model';
import { priorFromPriorBudget } from '../narrative/build';
import type { PriorFigures } from '../narrative/types';
import { figuresFromBudget, figuresFromPriorYear, priorYearOf } from './figures';
import { SUMMARY_KEYS, type FiguresOrigin, type SummaryKey, type YearFigures } from './types';

export type YearSource =
  | { origin: 'lines'; budgetId: number; budget: Budget; catalogs: Catalogs }
  /** `typed`: the following year's stored 上年数, filling what the workbook's tables lack. */
  | { origin: 'workbook'; figures: YearFigures & { fileName: string }; typed?: { priorYear: PriorYear; entered: boolean } }
  /** `entered`: typed in by the clerk (上年数 panel) rather than read from a budget file. */
  | { origin: 'file'; priorYear: PriorYear; department: Department; entered: boolean };

/** A year's figures from its source. */
export function figuresOf(s: YearSource): YearFigures & { fileName?: string; budgetId?: number; catalogs?: Catalogs } {
  if (s.origin === 'lines') return { ...figuresFromBudget(s.budget, s.catalogs), budgetId: s.budgetId, catalogs: s.catalogs };
  if (s.origin === 'workbook') return s.typed ? filledFrom(s.figures, s.typed) : s.figures;
  return figuresFromPriorYear(s.priorYear, s.department, s.entered ? 'entered' : 'budget-file');
}

/** Workbook figures with the unknown ones taken from the typed 上年数; `sources` names where each came from. */
function filledFrom<F extends YearFigures>(f: F, typed: { priorYear: PriorYear; entered: boolean }): F {
  const t = figuresFromPriorYear(typed.priorYear, f.department, typed.entered ? 'entered' : 'budget-file');
  const summary = { ...f.summary };
  const sources: Partial<Record<SummaryKey, FiguresOrigin>> = {};
  for (const k of SUMMARY_KEYS) {
    if (summary[k] === null && t.summary[k] !== null) {
      summary[k] = t.summary[k];
      sources[k] = t.origin;
    }
  }
  return Object.keys(sources).length ? { ...f, summary, sources } : f;
}

/** Last year's figures for 比上年增减 (narrative, checks, the disclosure); a whole budget also gives the four
 *  “三公” items the narrative compares one by one. */
export function priorFiguresOf(s: YearSource | null): PriorFigures | null {
  if (!s) return null;
  if (s.origin === 'lines') return priorFromPriorBudget(s.budget);
  const f = figuresOf(s);
  return f.threePublicItems ? { ...priorYearOf(f), threePublicItems: { ...f.threePublicItems } } : priorYearOf(f);
}

/** The budget as a budget file carries it: without a `priorYear` of its own, last year's figures known to the
 *  database are written in, so that 比上年增减 survives moving the file to another machine. */
export function withPriorYear(budget: Budget, prior: PriorFigures | null): Budget {
  if (budget.priorYear || !prior) return budget;
  const { threePublicItems: _items, ...figures } = prior;
  return { ...budget, priorYear: figures };
}
