// One table sheet's rows into exceljs's streaming worksheet: every row is committed (rendered to XML and
// dropped) as soon as no merge still needs it, so a sheet never holds more than a 绩效目标 block of rows.
import type ExcelJS from 'exceljs';
import type { CellStyleKey, Merge, SheetLayout } from '../tables/layout';
import { cellStyle, type XlsxStyle } from './xlsx-styles';

/** When a sheet's merges are declared and its rows committed (pure, from the layout). */
export interface RowSchedule {
  /** Row (0-based) → the merges whose last row it is: declared once that row has its cells. */
  endingAt: Map<number, number[]>;
  /** After row r has its cells and merges, rows 1 … commitThrough[r] (1-based) can be written. */
  commitThrough: Int32Array;
}

/**
 * A merge gives the covered cells the first cell's style (as exceljs's whole-workbook writer did when merges
 * came last), so it is declared once all its rows have their cells, and before any of them is committed.
 */
export function rowSchedule(layout: SheetLayout): RowSchedule {
  const endingAt = new Map<number, number[]>();
  const commitThrough = Int32Array.from(layout.rows, (_, r) => r + 1);
  layout.merges.forEach((m, i) => {
    const list = endingAt.get(m.r1);
    if (list) list.push(i);
    else endingAt.set(m.r1, [i]);
    for (let r = m.r0; r < m.r1; r++) if (commitThrough[r]! > m.r0) commitThrough[r] = m.r0;
  });
  return { endingAt, commitThrough };
}

type MergeList = unknown[] & { add?: () => void };
interface StreamMerges {
  _merges?: MergeList;
}

/** Excel's order of merges, as exceljs's whole-workbook writer found them: by the first covered cell, row by row. */
const coveredFirst = (m: Merge): number => (m.c1 > m.c0 ? m.r0 * 16384 + m.c0 + 1 : (m.r0 + 1) * 16384 + m.c0);

/**
 * A sheet's merges. exceljs's streaming mergeCells checks every new merge against all earlier ones (O(n²): a
 * bureau's 绩效目标 sheet has 100,000 merges). Layout merges never overlap (test/xlsx-large.test.ts checks),
 * so each one runs through the public mergeCells against an empty list, and `finish` puts them all back,
 * in Excel's order, before the sheet is committed (the merges are written then).
 */
class SheetMerges {
  private readonly declared: unknown[];
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly merges: readonly Merge[],
  ) {
    this.declared = new Array(merges.length);
  }

  declare(i: number): void {
    const m = this.merges[i]!;
    const w = this.ws as unknown as StreamMerges;
    const all = w._merges;
    if (!Array.isArray(all)) {
      this.ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
      return;
    }
    const one: MergeList = Object.assign([], { add: all.add });
    w._merges = one;
    try {
      this.ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    } finally {
      w._merges = all;
    }
    this.declared[i] = one[0];
  }

  finish(): void {
    const list = (this.ws as unknown as StreamMerges)._merges;
    if (!Array.isArray(list) || this.declared.some((d) => d === undefined)) return;
    const order = this.merges.map((m, i) => [coveredFirst(m), i] as const).sort((a, b) => a[0] - b[0]);
    list.length = 0;
    for (const [, i] of order) list.push(this.declared[i]);
  }
}

/** exceljs's streaming writer leaves out <printOptions> (horizontalCentered); it goes just before <pageMargins>. */
export function keepPrintOptions(ws: ExcelJS.Worksheet): void {
  const w = ws as unknown as { _writePageMargins?: () => void; stream: { write(xml: string): void } };
  const margins = w._writePageMargins;
  if (typeof margins !== 'function') return;
  const { horizontalCentered, verticalCentered } = ws.pageSetup;
  const attrs = `${horizontalCentered ? ' horizontalCentered="1"' : ''}${verticalCentered ? ' verticalCentered="1"' : ''}`;
  w._writePageMargins = function (this: typeof w) {
    if (attrs) this.stream.write(`<printOptions${attrs}/>`);
    margins.call(this);
  };
}

/** Rows made between two turns of the event loop (see pauseForZlib). */
const ROWS_BETWEEN_PAUSES = 100;

/**
 * One turn of the event loop, so that Node's zlib (on a thread of its own) deflates what has been written
 * while the next rows are made. Without it the whole deflate waits for the last row (bureau: 0.5 s of 2.5 s).
 */
const pauseForZlib = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One style object for every row: exceljs finds a style's id by its object, a fresh {} per row by its XML. */
const ROW_STYLE = {};

/** The sheet's columns, page breaks, rows and merges, each row committed as soon as the schedule allows
 *  (the sheet is then ready for ws.commit()). */
export async function writeSheetRows(
  ws: ExcelJS.Worksheet,
  layout: SheetLayout,
  styles: Record<CellStyleKey, XlsxStyle>,
  schedule: RowSchedule = rowSchedule(layout),
): Promise<void> {
  layout.columns.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const breaks = new Set(layout.pageBreaksAfter);
  const { endingAt, commitThrough } = schedule;
  const merges = new SheetMerges(ws, layout.merges);
  let committed = 0;
  for (let r = 0; r < layout.rows.length; r++) {
    const lr = layout.rows[r]!;
    const row = ws.getRow(r + 1);
    row.height = lr.height;
    (row as unknown as { style: object }).style = ROW_STYLE;
    // Made with its row: a row asked for ahead would keep every row before it waiting (and exceljs's row queue
    // is an array it shifts). max = 16383, the last column as Excel writes it (exceljs would default to 16838).
    if (breaks.has(r)) row.addPageBreak(0, 16384);
    for (const lc of lr.cells) {
      const cell = row.getCell(lc.c + 1);
      if (lc.v !== null) cell.value = lc.v;
      cell.style = cellStyle(styles, lc);
    }
    for (const i of endingAt.get(r) ?? []) merges.declare(i);
    if (commitThrough[r]! > committed) ws.getRow((committed = commitThrough[r]!)).commit();
    if (r % ROWS_BETWEEN_PAUSES === ROWS_BETWEEN_PAUSES - 1) await pauseForZlib();
  }
  merges.finish();
  if (layout.printTitleRows) ws.pageSetup.printTitlesRow = `${layout.printTitleRows[0] + 1}:${layout.printTitleRows[1] + 1}`;
  keepPrintOptions(ws);
}
