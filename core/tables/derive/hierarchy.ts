// The shared row derivations: classification hierarchies (合计, then 类 › 款 › 项 in code order) and
// the fixed 类 list of the 收支总表 tables. Specs only say which slots make which column.
import type { Fen } from '../../money';
import type { SlotVector } from './slots';
import type { CodeTree } from './figures';
import { functionClassOrder } from '../../catalogs/builtin';
import type { Cell, DeriveContext, DerivedRow } from '../types';
import { amount, code, ordinal, text } from './cells';

/** A printed amount column: the sum of these slots. */
export interface SlotColumn {
  key: string;
  slots: readonly number[];
}

/** Key of the 科目编码 / 科目名称 columns in hierarchy tables. */
export const CODE_COL = 'code';
export const NAME_COL = 'name';

function hierarchyRows(
  tree: CodeTree,
  all: SlotVector,
  levels: readonly number[],
  filter: readonly number[],
  columns: readonly SlotColumn[],
  nameOf: (code: string) => string,
): DerivedRow[] {
  const rows: DerivedRow[] = [];
  for (const c of tree.sorted) {
    const vec = tree.vectors.get(c)!;
    if (vec.isEmpty(filter)) continue; // no lines of this table under this code (amounts are > 0)
    const cells: Record<string, Cell> = { [CODE_COL]: code(c), [NAME_COL]: text(nameOf(c)) };
    for (const col of columns) cells[col.key] = amount(vec.sum(col.slots));
    const li = levels.indexOf(c.length);
    rows.push({ keys: [c], level: li < 0 ? levels.length + 1 : li + 1, cells });
  }
  if (rows.length === 0) return [];
  // 合计 from the all-lines vector: a column's slots lie within the table's filter, so codes outside
  // the filter add nothing to it.
  const cells: Record<string, Cell> = { [CODE_COL]: text('合计') };
  for (const col of columns) cells[col.key] = amount(all.sum(col.slots));
  return [{ keys: ['合计'], level: 0, cells, spans: { [CODE_COL]: 2 } }, ...rows];
}

/** Checks a spec's columns lie within its filter (the 合计 row relies on it). */
function assertWithin(filter: readonly number[], columns: readonly SlotColumn[]): void {
  const f = new Set(filter);
  for (const c of columns) if (!c.slots.every((s) => f.has(s))) throw new Error(`column ${c.key} reaches outside the table's lines`);
}

/** 支出功能分类 rows (合计, 类, 款, 项) of the codes that have lines within `filter`. */
export function functionHierarchyRows(ctx: DeriveContext, filter: readonly number[], columns: readonly SlotColumn[]): DerivedRow[] {
  assertWithin(filter, columns);
  return hierarchyRows(ctx.figures.functionTree, ctx.figures.all, [3, 5], filter, columns, (c) => ctx.name('function', c));
}

/** 部门预算支出经济分类 rows (合计, 类, 款) of the codes that have lines within `filter`. */
export function economicHierarchyRows(ctx: DeriveContext, filter: readonly number[], columns: readonly SlotColumn[]): DerivedRow[] {
  assertWithin(filter, columns);
  return hierarchyRows(ctx.figures.economicTree, ctx.figures.all, [3], filter, columns, (c) => ctx.name('economic', c));
}

export interface ClassRow {
  code: string | null;
  label: string;
  values: Fen[];
}

/** The 类 rows of 收支总表 / 财政拨款收支总表: every class of the year's function-classes list in print
 *  order (printed even when blank), any other 类 that has lines, then 人行科目 — numbered 一、二、… */
export function functionClassRows(ctx: DeriveContext, columns: readonly SlotColumn[]): ClassRow[] {
  const year = ctx.catalogs.borrowedFrom ?? ctx.catalogs.year;
  const listed = functionClassOrder(year) ?? functionClassOrder(ctx.catalogs.year) ?? ctx.catalogs.function.entries().filter((e) => e.code.length === 3);
  const seen = new Set(listed.map((e) => e.code));
  const extra = [...ctx.figures.byFunctionClass.keys()]
    .filter((c) => !seen.has(c))
    .sort()
    .map((c) => ({ code: c, name: ctx.name('function', c) }));
  const classes = [...listed, ...extra];
  const out: ClassRow[] = classes.map((e, i) => {
    const vec = ctx.figures.byFunctionClass.get(e.code);
    return { code: e.code, label: ordinal(i + 1, e.name || ctx.name('function', e.code)), values: columns.map((c) => (vec ? vec.sum(c.slots) : 0n)) };
  });
  // The reference prints a last 类 without code, 人行科目; no line can fall into it.
  out.push({ code: null, label: ordinal(classes.length + 1, '人行科目'), values: columns.map(() => 0n) });
  return out;
}
