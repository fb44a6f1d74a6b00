// The standard disclosure tables as declarative specs (TableSpec) and their derived, printable
// form (RenderedTable). Every consumer — xlsx export, PDF, UI preview, checks — reads RenderedTable;
// the page geometry (merges, positions) comes from ONE generic function, `layoutTable` (layout.ts).
import type { Fen } from '../money';
import type { Budget } from '../model';
import type { Catalogs } from '../catalog';
import type { TableFigures } from './derive/figures';

export type TableId =
  | 'summary'
  | 'income'
  | 'expense'
  | 'fiscal-summary'
  | 'general-expense'
  | 'general-basic'
  | 'fund-expense'
  | 'soe-expense'
  | 'three-public'
  | 'performance'
  | 'procurement'
  | 'assets';

// ---------------------------------------------------------------- cells

/** serial = 序号, code = 科目编码 (always text, never a number), text = names/labels, amount = 万元 figure. */
export type ColumnKind = 'serial' | 'code' | 'text' | 'amount';

export interface TextCell {
  kind: 'serial' | 'code' | 'text';
  text: string;
}
export interface AmountCell {
  kind: 'amount';
  /** Exact sum in 分 of the lines behind this cell. */
  fen: Fen;
  /** Printed 万元 figure ("55.33"), rounded half-up on its own; null when it rounds to zero (blank cell). */
  wan: string | null;
  /** The same as a number for spreadsheets; null when blank. */
  value: number | null;
}
/** null = an empty cell. */
export type Cell = TextCell | AmountCell | null;

// ---------------------------------------------------------------- header tree

/** A leaf of the header tree: one printed column. */
export interface ColumnSpec {
  /** Stable id for lookups ('total', 'basic', 'income.amount' …). */
  key: string;
  label: string;
  kind: ColumnKind;
  /** Excel character width. */
  width: number;
}
export interface HeaderGroup {
  label: string;
  children: HeaderNode[];
}
export type HeaderNode = ColumnSpec | HeaderGroup;

export function isGroup(n: HeaderNode): n is HeaderGroup {
  return 'children' in n;
}

/** One header cell placed on the header grid (0-based row/col within the header block). */
export interface HeaderCell {
  label: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

// ---------------------------------------------------------------- derived rows

/** What a grid spec's derive() returns, one per data row (序号 is added by deriveTables). */
export interface DerivedRow {
  /** Lookup keys, unique within the table: the 科目编码, or a label for rows without a code
   *  ('合计', '本年收入合计' …). A two-sided row (收支总表) has one key per side. */
  keys: string[];
  /** 0 合计/label rows, 1 类, 2 款, 3 项 — for indentation/bold in previews. */
  level: number;
  /** Cells by column key; missing keys are blank. */
  cells: Record<string, Cell>;
  /** A label cell that spans the following columns (e.g. 合计 over 科目编码+科目名称). */
  spans?: Record<string, number>;
  /** A total row of a table with 序号 (部门汇总表's 合计): its 序号 cell stays blank. */
  unnumbered?: boolean;
}

export interface DataRow {
  /** 序号, 1-based. */
  serial: number;
  keys: string[];
  level: number;
  /** Aligned with RenderedGridTable.columns (index 0 is the 序号 cell). */
  cells: Cell[];
  /** colSpan by column index, only for cells that span (the covered cells are null). */
  spans?: Record<number, number>;
}

// ---------------------------------------------------------------- form (项目支出绩效目标表)

/** One cell of a free-form block, placed on the block's grid. */
export interface FormCell {
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
  cell: Cell;
  /** A caption cell (预算数, 一级指标 …), printed like a header. */
  label?: boolean;
}
export interface FormBlock {
  /** Lookup key (the project code). */
  key: string;
  /** '1、困难职工及劳模帮扶救助资金绩效目标表' */
  title: string;
  /** '单位：万元' */
  unit: string | null;
  rowCount: number;
  cells: FormCell[];
}

// ---------------------------------------------------------------- rendered tables

export interface TableMeta {
  /** '<部门编码> <部门名称>' */
  department: string;
  /** '预算年度：2025', or for 固定资产 '截止时间：2024-12-31'; null when the reference prints none. */
  period: string | null;
  /** '单位：万元' or null. */
  unit: string | null;
}

/** A sheet that is not one of the 12 standard tables: the bureau summary's 部门汇总表. */
export type ExtraSheetId = 'dept-summary';

interface RenderedBase {
  id: TableId | ExtraSheetId;
  /** Position in the disclosure, 1-based. */
  no: number;
  /** Short name ('收支总表'), used for sheet names. */
  name: string;
  /** Printed title ('部门预算收支总表'). */
  title: string;
  meta: TableMeta;
  /** True when the table has no data rows; `note` then says so. */
  empty: boolean;
  /** '注：无政府性基金预算财政拨款预算，空表列示。' when empty, else null. */
  note: string | null;
  /** Standing footnotes printed under the table whatever its content. */
  footnotes: string[];
}

export interface RenderedGridTable extends RenderedBase {
  layout: 'grid';
  /** Leaf columns, 序号 first. */
  columns: ColumnSpec[];
  /** Header block (tree → merged grid), excluding the 栏次 row. */
  header: HeaderCell[];
  headerRowCount: number;
  /** The 栏次 row: '栏次' under 序号, then 1…n for every other column. */
  lanci: string[];
  rows: DataRow[];
}

export interface RenderedFormTable extends RenderedBase {
  layout: 'form';
  /** Column widths of the block grid. */
  columns: { width: number }[];
  blocks: FormBlock[];
  /** Set when only some blocks were derived (报表预览 pages through 4,000 projects): the first one's 0-based
   *  position and how many the whole table has. */
  blockRange?: { from: number; total: number };
}

/** Some of a form table's blocks: from the 0-based `from`, at most `count`. */
export interface BlockRange {
  from: number;
  count: number;
}

export type RenderedTable = RenderedGridTable | RenderedFormTable;

// ---------------------------------------------------------------- specs

export interface DeriveContext {
  budget: Budget;
  catalogs: Catalogs;
  figures: TableFigures;
  /** Name of a code: catalog first, then the budget file's `names`, else ''. */
  name(kind: 'function' | 'economic', code: string): string;
}

interface SpecBase {
  id: TableId;
  name: string;
  title: string;
  /** Which period text the meta line shows. */
  period: 'year' | 'assetsAsOf' | 'none';
  /** Whether the meta line shows 单位：万元. */
  unit: boolean;
  emptyNote: string;
  footnotes?: string[];
  /** The table lists the budget's projects (their names, goals, indicators); others derive without loading them. */
  readsProjects?: true;
}

export interface GridTableSpec extends SpecBase {
  layout: 'grid';
  /** Header tree; its leaves are the columns, 序号 first. */
  header: HeaderNode[];
  /** Data rows; [] makes the table empty (headers + emptyNote). */
  derive(ctx: DeriveContext): DerivedRow[];
}

export interface FormTableSpec extends SpecBase {
  layout: 'form';
  columnWidths: number[];
  /** Every block, or those of `range` (numbered as in the whole table). */
  derive(ctx: DeriveContext, range?: BlockRange): FormBlock[];
  /** How many blocks derive gives, without laying one out (none: the table is 空表列示). */
  blockCount(budget: Budget): number;
}

export type TableSpec = GridTableSpec | FormTableSpec;
