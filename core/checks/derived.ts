// What the rules read besides the budget: the tables, their figures and the narrative, derived once
// per run through ctx.lazy so that twenty rules do not derive twenty times.
import type { Project } from '../model';
import { buildNarrative } from '../narrative/build';
import { budgetFigures, type BudgetFigures } from '../narrative/figures';
import type { NarrativeDocument } from '../narrative/types';
import { deriveTable, TABLE_SPECS, tableFigures, type TableFigures } from '../tables';
import { amount } from '../tables/derive/cells';
import { projectAmountCells } from '../tables/specs/performance';
import type { AmountCell, FormBlock, RenderedGridTable, RenderedTable, TableId, TableSpec } from '../tables/types';
import { projectLineSums, type ProjectLineSum } from './line-facts';
import type { CheckContext } from './types';

/** The cache key of a derived (or given) table. */
export const tableKey = (id: string): string => `table:${id}`;
/** One standard table, derived on first use: a rule reads the tables it names, and 校验 of a large budget
 *  never lays out the 绩效目标表's thousands of blocks unless a rule reads them. */
export function tableOf(ctx: CheckContext, id: TableId): RenderedTable {
  return ctx.lazy(tableKey(id), () => {
    const i = TABLE_SPECS.findIndex((s) => s.id === id);
    return deriveTable(TABLE_SPECS[i]!, ctx.budget, ctx.catalogs, tableFiguresOf(ctx), i + 1);
  });
}
/** The grid tables (every table but the 绩效目标表's form). */
export const gridTablesOf = (ctx: CheckContext): RenderedGridTable[] =>
  TABLE_SPECS.filter((s) => s.layout === 'grid').flatMap((s) => {
    const t = tableOf(ctx, s.id);
    return t.layout === 'grid' ? [t] : [];
  });
/** Whether a table is empty (空表列示), without laying out a form table that was not derived. */
export function tableIsEmpty(ctx: CheckContext, spec: TableSpec): boolean {
  const given = ctx.peek<RenderedTable>(tableKey(spec.id));
  if (given) return given.empty;
  return spec.layout === 'form' ? spec.blockCount(ctx.budget) === 0 : tableOf(ctx, spec.id).empty;
}
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
  const t = tableOf(ctx, id);
  return t.layout === 'grid' ? t : undefined;
}

/** A project's amounts as its 绩效目标表 block prints them. */
export interface ProjectAmounts {
  total: AmountCell;
  fiscal: AmountCell;
  other: AmountCell;
}
/**
 * Per project code (the first block of a code), 预算数 / 其中：财政资金 / 其他资金 of the 绩效目标表: read from
 * the table when it was derived or given, else made by the cells the block prints (projectAmountCells).
 */
export const projectAmountsOf = (ctx: CheckContext): Map<string, ProjectAmounts> =>
  ctx.lazy('projectAmounts', () => {
    const out = new Map<string, ProjectAmounts>();
    const t = ctx.peek<RenderedTable>(tableKey('performance'));
    if (t?.layout === 'form') {
      for (const b of t.blocks) if (!out.has(b.key)) out.set(b.key, blockAmounts(b));
    } else {
      const figures = tableFiguresOf(ctx).projects;
      for (const p of ctx.budget.projects) if (!out.has(p.code)) out.set(p.code, projectAmountCells(figures.get(p.code)));
    }
    return out;
  });

/** The amount cell right of each caption in a block (a missing one reads as zero). */
function blockAmounts(block: FormBlock): ProjectAmounts {
  const at = (label: string): AmountCell => {
    const cap = block.cells.find((c) => c.label && c.cell?.kind === 'text' && c.cell.text === label);
    const val = cap && block.cells.find((c) => c.row === cap.row && c.col === cap.col + (cap.colSpan ?? 1));
    return val?.cell?.kind === 'amount' ? val.cell : amount(0n);
  };
  return { total: at('预算数'), fiscal: at('其中：财政资金'), other: at('其他资金') };
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
