// What the rules read besides the budget: the tables, their figures and the narrative, derived once
// per run through ctx.lazy so that twenty rules do not derive twenty times.
import type { Project } from '../model';
import { buildNarrative } from '../narrative/build';
import { budgetFigures, type BudgetFigures } from '../narrative/figures';
import type { NarrativeDocument } from '../narrative/types';
import { deriveTables, tableFigures, type TableFigures } from '../tables';
import type { AmountCell, RenderedGridTable, RenderedTable, TableId } from '../tables/types';
import { projectLineSums, type ProjectLineSum } from './line-facts';
import type { CheckContext } from './types';

export const tablesOf = (ctx: CheckContext): RenderedTable[] => ctx.lazy('tables', () => deriveTables(ctx.budget, ctx.catalogs, tableFiguresOf(ctx)));
// From the stored digest when the database keeps one; in memory one pass over the lines is cheaper.
export const tableFiguresOf = (ctx: CheckContext): TableFigures =>
  ctx.lazy('tableFigures', () => tableFigures(ctx.budget, ctx.lines.stored ? ctx.lines : undefined));
export const figuresOf = (ctx: CheckContext): BudgetFigures => ctx.lazy('figures', () => budgetFigures(ctx.budget, tableFiguresOf(ctx)));
export const narrativeOf = (ctx: CheckContext): NarrativeDocument =>
  ctx.lazy('narrative', () => buildNarrative(ctx.budget, ctx.catalogs, { prior: ctx.priorFigures, figures: figuresOf(ctx) }));

/** Per project: its 项目支出 lines' total and per-source totals (project.budget-mismatch, no-lines, procurement). */
export const projectSumsOf = (ctx: CheckContext): Map<string, ProjectLineSum> => ctx.lazy('projectSums', () => projectLineSums(ctx.lines));
/** The project of each code (the first, should a code repeat, as Array.find would). */
export const projectsByCode = (ctx: CheckContext): Map<string, Project> =>
  ctx.lazy('projectsByCode', () => {
    const out = new Map<string, Project>();
    for (const p of ctx.budget.projects) if (!out.has(p.code)) out.set(p.code, p);
    return out;
  });

export function gridTable(ctx: CheckContext, id: TableId): RenderedGridTable | undefined {
  const t = tablesOf(ctx).find((x) => x.id === id);
  return t?.layout === 'grid' ? t : undefined;
}

/** The amount cell at (row key, column key); undefined when the row or column is absent. */
export function amountAt(t: RenderedGridTable, rowKey: string, colKey: string): AmountCell | null | undefined {
  const row = t.rows.find((r) => r.keys.includes(rowKey));
  const i = t.columns.findIndex((c) => c.key === colKey);
  if (!row || i < 0) return undefined;
  const c = row.cells[i];
  return c && c.kind === 'amount' ? c : null;
}

/** Printed 万元 of a cell, '0.00' for a blank or missing one (the narrative prints zero as 0.00). */
export function printed(c: AmountCell | null | undefined): string {
  return c?.wan ?? '0.00';
}
