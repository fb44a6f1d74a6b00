// The geometry of ./layout as an HTML painter needs it: each row's cells with rowSpan/colSpan taken from
// the merges, the positions a merge covers left out, and every cell's printed text. The PDF
// (core/export/pdf/html) and the preview (renderer TableView) both paint these rows and add nothing
// of their own, so the three media show the same cells. Pure (the renderer imports it).
import type { CellStyleKey, LayoutRow, SheetLayout } from './layout';

export interface PaintCell {
  c: number;
  text: string;
  s: CellStyleKey;
  rowSpan: number;
  colSpan: number;
  indent: number;
}

export interface PaintRow extends Omit<LayoutRow, 'cells' | 'height'> {
  /** Index in SheetLayout.rows. */
  index: number;
  cells: PaintCell[];
}

/** Printed text of a layout value: numbers as their printed form ("55.30"), blank as ''. */
function shown(v: string | number | null, text: string | undefined): string {
  if (text !== undefined) return text;
  return v === null ? '' : String(v);
}

/** Every row of `layout` with merged cells as spans; covered positions are dropped. */
export function paintRows(layout: SheetLayout): PaintRow[] {
  const spans = new Map<number, { rowSpan: number; colSpan: number }>();
  const covered = new Set<number>();
  const width = layout.columns.length;
  const at = (r: number, c: number) => r * width + c;
  for (const m of layout.merges) {
    spans.set(at(m.r0, m.c0), { rowSpan: m.r1 - m.r0 + 1, colSpan: m.c1 - m.c0 + 1 });
    for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) covered.add(at(r, c));
  }
  return layout.rows.map((row, index) => {
    const cells: PaintCell[] = [];
    for (const lc of row.cells) {
      if (covered.has(at(index, lc.c))) continue;
      const span = spans.get(at(index, lc.c));
      cells.push({ c: lc.c, text: shown(lc.v, lc.text), s: lc.s, rowSpan: span?.rowSpan ?? 1, colSpan: span?.colSpan ?? 1, indent: lc.indent ?? 0 });
    }
    const { cells: _cells, height: _height, ...info } = row;
    return { ...info, index, cells };
  });
}

/** Consecutive rows of one role or block, in order: the parts a painter puts in different places. */
export interface PaintSection {
  kind: 'title' | 'head' | 'body' | 'block' | 'note';
  rows: PaintRow[];
  /** The block's key (kind 'block'). */
  block?: string;
}

/**
 * The layout in sections: the title, the head (meta, header and 栏次 rows — what repeats on each
 * printed page), the body, each form block (its spacer, title and rows together), and the notes.
 */
export function paintSections(layout: SheetLayout): PaintSection[] {
  const out: PaintSection[] = [];
  for (const row of paintRows(layout)) {
    const kind: PaintSection['kind'] =
      row.block !== undefined
        ? 'block'
        : row.role === 'title'
          ? 'title'
          : row.role === 'meta' || row.role === 'header' || row.role === 'lanci'
            ? 'head'
            : row.role === 'note'
              ? 'note'
              : 'body';
    const last = out[out.length - 1];
    if (last && last.kind === kind && last.block === row.block && kind !== 'note') last.rows.push(row);
    else out.push({ kind, rows: [row], ...(row.block !== undefined ? { block: row.block } : {}) });
  }
  return out;
}
