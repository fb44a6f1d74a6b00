// ONE generic page geometry for every RenderedTable: positioned cells with a style key, merges, row
// heights, columns widths and the rows to repeat on each printed page. The workbook (core/export/xlsx),
// the PDF (core/export/pdf/html, through ./paint) and the preview (renderer TableView, through ./paint)
// only paint this; no table-specific drawing code exists anywhere. Pure: the renderer imports it.
import type { Cell, ColumnKind, FormBlock, RenderedFormTable, RenderedGridTable, RenderedTable } from './types';

export type CellStyleKey =
  | 'title'
  | 'metaLeft'
  | 'metaCenter'
  | 'metaRight'
  | 'header'
  | 'lanci'
  | 'serial'
  | 'code'
  | 'text'
  | 'spanLabel'
  | 'amount'
  | 'note'
  | 'blockTitle'
  | 'blockUnit'
  | 'label';

export interface LayoutCell {
  /** 0-based column. */
  c: number;
  /** Text, number (amounts, already rounded to 0.01 万元), or null for blank. */
  v: string | number | null;
  s: CellStyleKey;
  /** The printed form of a number ("55.30" for 55.3); absent when `v` prints as itself. */
  text?: string;
  /** Indent steps of a name under its parent (款 1, 项 2), as the reference prints them. */
  indent?: number;
}

/** What a row is, so that a painter can put it where its medium wants it (title, repeated header, body …). */
export type RowRole = 'title' | 'meta' | 'header' | 'lanci' | 'body' | 'spacer' | 'blockTitle' | 'note';

export interface LayoutRow {
  height: number;
  cells: LayoutCell[];
  role: RowRole;
  /** Body rows of a grid table: 0 合计/labels, 1 类, 2 款, 3 项. */
  level?: number;
  /** Body rows of a grid table: the row's lookup keys (科目编码 or label). */
  keys?: string[];
  /** Rows of a form table's block (spacer, title and body): the block's key. */
  block?: string;
}
type RowInfo = Omit<LayoutRow, 'height' | 'cells'>;
/** 0-based, inclusive. */
export interface Merge {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface SheetLayout {
  columns: number[];
  rows: LayoutRow[];
  merges: Merge[];
  /** 0-based inclusive rows repeated at the top of every printed page, or null. */
  printTitleRows: [number, number] | null;
  /** Rows kept in view while scrolling (title, meta, header and 栏次 of a grid; title and meta of a form). */
  frozenRows: number;
  /** 0-based rows after which a new printed page starts (绩效目标 blocks are not split when they fit a page). */
  pageBreaksAfter: number[];
}

/** Printable body height of an A4 landscape page with the writers' 0.5 in top/bottom margins, in points. */
export const PAGE_BODY_PT = 595 - 72;

/** Points per wrapped text line at the 10 pt body font (CJK fonts need the extra leading). */
const LINE_PT = 14;
const MIN_ROW_PT = 18;

/** Display width of text in Excel character units: CJK and full-width count double. */
export function textWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e7f ? 2 : 1;
  return w;
}

// Labels and names repeat across thousands of rows (400 绩效目标 blocks); measure each string once.
const widthCache = new Map<string, number>();
function cachedWidth(s: string): number {
  let w = widthCache.get(s);
  if (w === undefined) {
    w = textWidth(s);
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(s, w);
  }
  return w;
}

/** Lines text needs when wrapped in `width` character units. */
function linesFor(s: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  // Most cells are short: at most 2 units per character, so no measuring is needed.
  if (s.length * 2 <= usable && s.indexOf('\n') < 0) return 1;
  if (s.indexOf('\n') < 0) return Math.max(1, Math.ceil(cachedWidth(s) / usable));
  let n = 0;
  for (const part of s.split('\n')) n += Math.max(1, Math.ceil(cachedWidth(part) / usable));
  return n;
}

function heightFor(lines: number, min = MIN_ROW_PT): number {
  return Math.max(min, lines * LINE_PT + 4);
}

function cellValue(cell: Cell): string | number | null {
  if (!cell) return null;
  if (cell.kind === 'amount') return cell.value;
  // 序号 as a number: a numeric text cell gets Excel's "number stored as text" marker.
  return cell.kind === 'serial' && /^\d+$/.test(cell.text) ? Number(cell.text) : cell.text;
}

const KIND_STYLE: Record<ColumnKind, CellStyleKey> = { serial: 'serial', code: 'code', text: 'text', amount: 'amount' };

class Builder {
  rows: LayoutRow[] = [];
  merges: Merge[] = [];
  constructor(readonly widths: number[]) {}
  get n(): number {
    return this.widths.length;
  }
  spanWidth(c0: number, c1: number): number {
    let w = 0;
    for (let c = c0; c <= c1; c++) w += this.widths[c]!;
    return w;
  }
  push(cells: LayoutCell[], height: number, info: RowInfo): number {
    this.rows.push({ height, cells, ...info });
    return this.rows.length - 1;
  }
  merge(r0: number, c0: number, r1: number, c1: number): void {
    if (r1 > r0 || c1 > c0) this.merges.push({ r0, c0, r1, c1 });
  }
  /** A full-width single-cell row (title, note). */
  wide(v: string, s: CellStyleKey, role: RowRole, height?: number): number {
    const r = this.push([{ c: 0, v, s }], height ?? heightFor(linesFor(v, this.spanWidth(0, this.n - 1))), { role });
    this.merge(r, 0, r, this.n - 1);
    return r;
  }
  /** `<部门编码> <部门名称>` left, period centred, unit right, each over about a third of the width. */
  meta(t: RenderedTable): number {
    const n = this.n;
    const a = Math.max(1, Math.ceil(n / 3));
    const b = Math.max(a + 1, n - Math.max(1, Math.floor(n / 3)));
    const parts: [number, number, string | null, CellStyleKey][] =
      n >= 3
        ? [
            [0, a - 1, t.meta.department, 'metaLeft'],
            [a, b - 1, t.meta.period, 'metaCenter'],
            [b, n - 1, t.meta.unit, 'metaRight'],
          ]
        : [[0, n - 1, [t.meta.department, t.meta.period, t.meta.unit].filter(Boolean).join('  '), 'metaLeft']];
    const r = this.push(
      parts.map(([c0, , v, s]) => ({ c: c0, v, s })),
      20,
      { role: 'meta' },
    );
    for (const [c0, c1] of parts) this.merge(r, c0, r, c1);
    return r;
  }
}

function layoutGrid(t: RenderedGridTable): SheetLayout {
  const b = new Builder(t.columns.map((c) => c.width));
  const n = b.n;
  b.wide(t.title, 'title', 'title', 32);
  const metaRow = b.meta(t);

  // Header block from the tree: every position gets a styled cell so borders cover merged areas.
  const h0 = b.rows.length;
  const grid: LayoutCell[][] = Array.from({ length: t.headerRowCount }, () => []);
  const lines = new Array<number>(t.headerRowCount).fill(1);
  for (const hc of t.header) {
    grid[hc.row]!.push({ c: hc.col, v: hc.label, s: 'header' });
    for (let r = hc.row; r < hc.row + hc.rowSpan; r++)
      for (let c = hc.col; c < hc.col + hc.colSpan; c++) if (r !== hc.row || c !== hc.col) grid[r]!.push({ c, v: null, s: 'header' });
    const need = linesFor(hc.label, b.spanWidth(hc.col, hc.col + hc.colSpan - 1));
    lines[hc.row] = Math.max(lines[hc.row]!, Math.ceil(need / hc.rowSpan));
  }
  grid.forEach((cells, i) =>
    b.push(
      cells.sort((x, y) => x.c - y.c),
      heightFor(lines[i]!, 22),
      { role: 'header' },
    ),
  );
  for (const hc of t.header) b.merge(h0 + hc.row, hc.col, h0 + hc.row + hc.rowSpan - 1, hc.col + hc.colSpan - 1);
  const lanciRow = b.push(
    t.lanci.map((v, c) => ({ c, v: c === 0 ? v : Number(v), s: 'lanci' as const })),
    MIN_ROW_PT,
    { role: 'lanci' },
  );

  const styles = t.columns.map((c) => KIND_STYLE[c.kind]);
  for (const row of t.rows) {
    const cells: LayoutCell[] = new Array(n);
    let maxLines = 1;
    const indent = row.level >= 2 ? row.level - 1 : 0;
    for (let c = 0; c < n; c++) {
      const cell = row.cells[c] ?? null;
      const v = cellValue(cell);
      const lc: LayoutCell = (cells[c] = { c, v, s: styles[c]! });
      if (cell?.kind === 'amount' && cell.wan !== null) lc.text = cell.wan;
      if (indent && lc.s === 'text') lc.indent = indent;
      if (typeof v === 'string' && (styles[c] === 'text' || styles[c] === 'code')) {
        const span = row.spans?.[c] ?? 1;
        const l = linesFor(v, b.spanWidth(c, c + span - 1));
        if (l > maxLines) maxLines = l;
      }
    }
    const r = b.push(cells, heightFor(maxLines), { role: 'body', level: row.level, keys: row.keys });
    if (row.spans) {
      for (const [c, span] of Object.entries(row.spans)) {
        b.merge(r, Number(c), r, Number(c) + span - 1);
        const label = cells[Number(c)]!;
        label.s = 'spanLabel'; // 合计 over 科目编码+科目名称 is centred
        delete label.indent;
      }
    }
  }
  for (const f of t.footnotes) b.wide(f, 'note', 'note');
  if (t.note) b.wide(t.note, 'note', 'note');
  return { columns: b.widths, rows: b.rows, merges: b.merges, printTitleRows: [metaRow, lanciRow], frozenRows: lanciRow + 1, pageBreaksAfter: [] };
}

function blockRowHeights(block: FormBlock, b: Builder): number[] {
  const lines = new Array<number>(block.rowCount).fill(1);
  for (const fc of block.cells) {
    const v = cellValue(fc.cell);
    if (typeof v === 'string') {
      const need = linesFor(v, b.spanWidth(fc.col, fc.col + (fc.colSpan ?? 1) - 1));
      lines[fc.row] = Math.max(lines[fc.row]!, Math.ceil(need / (fc.rowSpan ?? 1)));
    }
  }
  return lines.map((l) => heightFor(l, 22));
}

function layoutForm(t: RenderedFormTable): SheetLayout {
  const b = new Builder(t.columns.map((c) => c.width));
  const n = b.n;
  b.wide(t.title, 'title', 'title', 32);
  const metaRow = b.meta(t);
  const pageBreaksAfter: number[] = [];
  const titleRowPt = b.rows[metaRow]!.height;
  let used = b.rows.reduce((h, r) => h + r.height, 0);
  for (const block of t.blocks) {
    // Start a block on a new page when it would not fit on the rest of this one (but does fit a page):
    // greedy packing by the explicit row heights; scaling to the page width only shrinks rows.
    const start = b.rows.length;
    const heights = blockRowHeights(block, b);
    const blockPt = heights.reduce((h, x) => h + x, 10 + 24);
    if (used + blockPt > PAGE_BODY_PT && used > titleRowPt + 10 && blockPt + titleRowPt <= PAGE_BODY_PT) {
      pageBreaksAfter.push(start - 1);
      used = titleRowPt;
    }
    used += blockPt;
    b.push([], 10, { role: 'spacer', block: block.key }); // spacer between blocks
    const tr = b.push([{ c: 0, v: block.title, s: 'blockTitle' }], 24, { role: 'blockTitle', block: block.key });
    b.merge(tr, 0, tr, n - 2 >= 0 ? n - 2 : 0);
    if (block.unit) b.rows[tr]!.cells.push({ c: n - 1, v: block.unit, s: 'blockUnit' });
    const r0 = b.rows.length;
    // Every grid position gets a bordered cell: styles and values on flat arrays first (placed cells
    // overwrite the default, a span styles every covered position), then one LayoutCell per position.
    const size = block.rowCount * n;
    const styles = new Array<CellStyleKey>(size).fill('text');
    const values = new Array<string | number | null>(size).fill(null);
    const texts = new Map<number, string>();
    for (const fc of block.cells) {
      const rs = fc.rowSpan ?? 1,
        cs = fc.colSpan ?? 1;
      const kind = fc.cell?.kind;
      const st: CellStyleKey = fc.label ? 'label' : kind === 'amount' ? 'amount' : kind === 'code' ? 'code' : 'text';
      for (let r = fc.row; r < fc.row + rs; r++) for (let c = fc.col; c < fc.col + cs; c++) styles[r * n + c] = st;
      values[fc.row * n + fc.col] = cellValue(fc.cell);
      if (fc.cell?.kind === 'amount' && fc.cell.wan !== null) texts.set(fc.row * n + fc.col, fc.cell.wan);
    }
    for (let r = 0; r < block.rowCount; r++) {
      const cells: LayoutCell[] = new Array(n);
      for (let c = 0; c < n; c++) {
        cells[c] = { c, v: values[r * n + c] ?? null, s: styles[r * n + c] ?? 'text' };
        const text = texts.get(r * n + c);
        if (text !== undefined) cells[c]!.text = text;
      }
      b.push(cells, heights[r]!, { role: 'body', block: block.key });
    }
    for (const fc of block.cells) b.merge(r0 + fc.row, fc.col, r0 + fc.row + (fc.rowSpan ?? 1) - 1, fc.col + (fc.colSpan ?? 1) - 1);
  }
  for (const f of t.footnotes) b.wide(f, 'note', 'note');
  if (t.note) b.wide(t.note, 'note', 'note');
  return { columns: b.widths, rows: b.rows, merges: b.merges, printTitleRows: [metaRow, metaRow], frozenRows: metaRow + 1, pageBreaksAfter };
}

export function layoutTable(t: RenderedTable): SheetLayout {
  return t.layout === 'grid' ? layoutGrid(t) : layoutForm(t);
}
