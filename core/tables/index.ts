// The 12 standard disclosure tables: ordered specs and the one derivation entry point.
import type { Catalogs } from '../catalog';
import type { Budget } from '../model';
import { formatYuan } from '../money';
import { computeFigures, figuresFromDigest } from './derive/figures';
import type { LineSource } from '../line-digest';
import type { TableFigures } from './derive/figures';
import { headerGrid, lanciRow } from './derive/header';
import { assetsSpec } from './specs/assets';
import { expenseSpec, fundExpenseSpec, generalExpenseSpec, incomeSpec, soeExpenseSpec } from './specs/function-tables';
import { generalBasicSpec } from './specs/general-basic';
import { performanceSpec } from './specs/performance';
import { procurementSpec } from './specs/procurement';
import { fiscalSummarySpec, summarySpec } from './specs/summary';
import { threePublicSpec } from './specs/three-public';
import type { BlockRange, Cell, DataRow, DerivedRow, DeriveContext, HeaderNode, RenderedGridTable, RenderedTable, TableMeta, TableSpec } from './types';
import { isGroup } from './types';

export type * from './types';
export { computeFigures, figuresFromDigest, mergeFigures, isPersonnel, PERSONNEL_CLASSES } from './derive/figures';
export type { TableFigures } from './derive/figures';
export { layoutTable } from './layout';
export type { SheetLayout } from './layout';

/** The tables in disclosure order. */
export const TABLE_SPECS: readonly TableSpec[] = [
  summarySpec,
  incomeSpec,
  expenseSpec,
  fiscalSummarySpec,
  generalExpenseSpec,
  generalBasicSpec,
  fundExpenseSpec,
  soeExpenseSpec,
  threePublicSpec,
  performanceSpec,
  procurementSpec,
  assetsSpec,
];

/** The exact 分 aggregates behind every table — for narrative and checks: from the lines' digest when the
 *  caller has one (the database keeps it), else one pass over budget.lines. */
export function tableFigures(budget: Budget, lines?: LineSource): TableFigures {
  return lines ? figuresFromDigest(lines.digest, budget.units) : computeFigures(budget);
}

function makeContext(budget: Budget, catalogs: Catalogs, figures: TableFigures): DeriveContext {
  const fileNames = budget.names;
  return {
    budget,
    catalogs,
    figures,
    name(kind, code) {
      return catalogs[kind].name(code) || fileNames?.[kind]?.[code] || '';
    },
  };
}

function withYear(nodes: readonly HeaderNode[], year: number): HeaderNode[] {
  return nodes.map((n) =>
    isGroup(n)
      ? { ...n, label: n.label.replace('{year}', String(year)), children: withYear(n.children, year) }
      : { ...n, label: n.label.replace('{year}', String(year)) },
  );
}

function metaOf(spec: TableSpec, budget: Budget): TableMeta {
  const period =
    spec.period === 'year' ? `预算年度：${budget.year}` : spec.period === 'assetsAsOf' ? `截止时间：${budget.assetsAsOf ?? `${budget.year - 1}-12-31`}` : null;
  return { department: `${budget.department.code} ${budget.department.name}`, period, unit: spec.unit ? '单位：万元' : null };
}

/** Derives one table. `figures` may be shared between calls (deriveTables does). `blocks`: of a form table, only
 *  these blocks (a grid table has no blocks and ignores it). */
export function deriveTable(
  spec: TableSpec,
  budget: Budget,
  catalogs: Catalogs,
  figures: TableFigures = computeFigures(budget),
  no = TABLE_SPECS.indexOf(spec) + 1,
  blocks?: BlockRange,
): RenderedTable {
  const ctx = makeContext(budget, catalogs, figures);
  const base = { id: spec.id, no, name: spec.name, title: spec.title, meta: metaOf(spec, budget), footnotes: spec.footnotes ?? [] };
  if (spec.layout === 'form') {
    const total = spec.blockCount(budget);
    return {
      ...base,
      layout: 'form',
      columns: spec.columnWidths.map((width) => ({ width })),
      blocks: spec.derive(ctx, blocks),
      ...(blocks ? { blockRange: { from: blocks.from, total } } : {}),
      empty: total === 0,
      note: total === 0 ? spec.emptyNote : null,
    };
  }
  const rows = spec.derive(ctx);
  return {
    ...base,
    layout: 'grid',
    ...renderGrid(spec.id, spec.header, rows, budget.year),
    empty: rows.length === 0,
    note: rows.length === 0 ? spec.emptyNote : null,
  };
}

/** A grid's header tree and derived rows → the rendered grid (header cells, 栏次, rows with 序号): shared
 *  by the 12 standard tables and any other grid sheet (the bureau's 部门汇总表). */
export function renderGrid(
  id: string,
  header: readonly HeaderNode[],
  derived: readonly DerivedRow[],
  year: number,
): Pick<RenderedGridTable, 'columns' | 'header' | 'headerRowCount' | 'lanci' | 'rows'> {
  const grid = headerGrid(withYear(header, year));
  const index = new Map(grid.columns.map((c, i) => [c.key, i]));
  const rows: DataRow[] = derived.map((d, r) => {
    const cells: Cell[] = new Array<Cell>(grid.columns.length).fill(null);
    cells[0] = d.unnumbered ? null : { kind: 'serial', text: String(r + 1) };
    for (const key in d.cells) {
      const i = index.get(key);
      if (i === undefined) throw new Error(`${id}: no column "${key}"`);
      cells[i] = d.cells[key] ?? null;
    }
    const row: DataRow = { serial: r + 1, keys: d.keys, level: d.level, cells };
    if (d.spans) {
      row.spans = {};
      for (const [key, span] of Object.entries(d.spans)) row.spans[index.get(key)!] = span;
    }
    return row;
  });
  return { columns: grid.columns, header: grid.cells, headerRowCount: grid.rowCount, lanci: lanciRow(grid.columns), rows };
}

/** All 12 tables of a budget, in disclosure order. `figures`: tableFigures(budget) when the caller already
 *  holds them (checks, narrative, PDF), so that one pass over the lines serves all. */
export function deriveTables(budget: Budget, catalogs: Catalogs, figures: TableFigures = computeFigures(budget)): RenderedTable[] {
  return TABLE_SPECS.map((spec, i) => deriveTable(spec, budget, catalogs, figures, i + 1));
}

// ---------------------------------------------------------------- JSON (IPC / browser mode)

/** T with every bigint (Fen) as a string: what crosses IPC/HTTP (exact 分 from jsonify, 元 from tablesToJson). */
export type JsonSafe<T> = T extends bigint
  ? string
  : T extends (infer U)[]
    ? JsonSafe<U>[]
    : T extends readonly (infer U)[]
      ? readonly JsonSafe<U>[]
      : T extends object
        ? { [K in keyof T]: JsonSafe<T[K]> }
        : T;

/** A JSON-safe deep copy with every bigint as its exact 分 string (tables.preview: the renderer formats). */
export function jsonify<T>(v: T): JsonSafe<T> {
  return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as JsonSafe<T>;
}

/** A JSON-safe copy of tables for IPC/HTTP: every Fen becomes a 元 string ("41650.50"), per TEAM.md. */
export function tablesToJson(tables: readonly RenderedTable[]): JsonSafe<RenderedTable>[] {
  return JSON.parse(JSON.stringify(tables, (_k, v: unknown) => (typeof v === 'bigint' ? formatYuan(v) : v))) as JsonSafe<RenderedTable>[];
}

// ---------------------------------------------------------------- lookups (checks, tests, narrative)

/** The row with this key (科目编码 or label) — for two-sided rows either side's key. */
export function findRow(t: RenderedGridTable, key: string): DataRow | undefined {
  return t.rows.find((r) => r.keys.includes(key));
}

/** The cell at (row key, column key), or undefined when either does not exist. */
export function cellAt(t: RenderedGridTable, rowKey: string, colKey: string): Cell | undefined {
  const row = findRow(t, rowKey);
  const i = t.columns.findIndex((c) => c.key === colKey);
  return row && i >= 0 ? row.cells[i] : undefined;
}
