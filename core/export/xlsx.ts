// ONE generic xlsx renderer for every RenderedTable: it paints core/tables/layout's positioned cells
// with a fixed set of shared style objects (one object per style key, assigned by reference, so a
// 30,000-line budget costs no per-cell style churn). One sheet per table.
import ExcelJS from 'exceljs';
import { layoutTable } from '../tables/layout';
import type { CellStyleKey, LayoutCell, Merge } from '../tables/layout';
import type { RenderedTable } from '../tables/types';

/** 宋体 under its Latin name: Office maps SimSun to 宋体; LibreOffice (no SimSun on Linux) falls back
 *  per glyph to an installed CJK font (Noto CJK), so Chinese renders in both. */
export const XLSX_FONT = 'SimSun';

export interface WorkbookOptions {
  /** Workbook author metadata. */
  creator?: string;
  /** Font name on every cell (default XLSX_FONT). */
  font?: string;
}

type Style = Partial<ExcelJS.Style>;

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The one style object per layout style key (shared by reference across all cells). */
export function xlsxStyles(fontName: string = XLSX_FONT): Record<CellStyleKey, Style> {
  const font = (size: number, bold = false): Partial<ExcelJS.Font> => ({ name: fontName, size, bold, charset: 134 });
  const al = (horizontal: ExcelJS.Alignment['horizontal'], wrapText = true, indent?: number): Partial<ExcelJS.Alignment> =>
    ({ horizontal, vertical: 'middle', wrapText, ...(indent ? { indent } : {}) });
  const body = font(10);
  return {
    title: { font: font(18, true), alignment: al('center', false) },
    metaLeft: { font: body, alignment: al('left', false) },
    metaCenter: { font: body, alignment: al('center', false) },
    metaRight: { font: body, alignment: al('right', false) },
    header: { font: font(10, true), alignment: al('center'), border: BORDER },
    lanci: { font: body, alignment: al('center', false), border: BORDER },
    serial: { font: body, alignment: al('center', false), border: BORDER },
    // Codes stay text ('@'), so 2012901 is never a number and never loses a leading zero.
    code: { font: body, alignment: al('left'), border: BORDER, numFmt: '@' },
    text: { font: body, alignment: al('left'), border: BORDER },
    spanLabel: { font: body, alignment: al('center'), border: BORDER },
    amount: { font: body, alignment: al('right', false, 1), border: BORDER, numFmt: '0.00' },
    label: { font: font(10, true), alignment: al('center'), border: BORDER },
    note: { font: body, alignment: al('left') },
    blockTitle: { font: font(12, true), alignment: al('left', false) },
    blockUnit: { font: body, alignment: al('right', false) },
  };
}

const indentedStyles = new WeakMap<Record<CellStyleKey, Style>, Map<string, Style>>();

/**
 * The style of one layout cell: its key's shared object, or for an indented name (款 1, 项 2, as the PDF
 * indents them) one shared object per key and indent, so indenting adds no per-cell objects.
 */
export function cellStyle(styles: Record<CellStyleKey, Style>, lc: LayoutCell): Style {
  if (!lc.indent) return styles[lc.s];
  let byKey = indentedStyles.get(styles);
  if (!byKey) indentedStyles.set(styles, (byKey = new Map()));
  const k = `${lc.s}:${lc.indent}`;
  let st = byKey.get(k);
  if (!st) {
    const base = styles[lc.s];
    byKey.set(k, (st = { ...base, alignment: { ...base.alignment, indent: lc.indent } }));
  }
  return st;
}

const FORBIDDEN = /[\\/?*[\]:]/g;

/** Excel sheet names: ≤ 31 characters, none of \ / ? * [ ] :, unique (case-insensitive). */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(FORBIDDEN, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

interface MergeIndex { _merges?: Record<string, unknown> }

/**
 * exceljs checks every new merge against all earlier ones (O(n²): 6,000 merges of 400 绩效目标 blocks
 * take seconds). Layout merges never overlap (test/xlsx-large.test.ts checks), so each merge runs
 * through the public mergeCells against an empty index, and the index is put back whole afterwards.
 */
function mergeAll(ws: ExcelJS.Worksheet, merges: readonly Merge[]): void {
  const w = ws as unknown as MergeIndex;
  const own = w._merges;
  if (!own || typeof own !== 'object' || Object.keys(own).length > 0) {
    for (const m of merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    return;
  }
  const all: Record<string, unknown> = {};
  for (const m of merges) {
    w._merges = {};
    ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    Object.assign(all, w._merges);
  }
  w._merges = all;
}

/** Deflate level 3 instead of JSZip's 6: a third of the write time is pure-JS compression; the file
 *  grows ~12% (370 → 415 KB for 30,000 lines), which nobody notices. */
export const XLSX_WRITE_OPTIONS: Partial<ExcelJS.XlsxWriteOptions> = { zip: { compressionOptions: { level: 3 } } };

/** Every table sheet's options (a fresh object each time): A4 landscape fitted to the page width, centred,
 *  no grid lines, page numbers in the footer, and the top `frozenRows` (title and header) frozen in view. */
export function xlsxSheetOptions(frozenRows = 0): Partial<ExcelJS.AddWorksheetOptions> {
  const frozen = frozenRows > 0 ? { state: 'frozen' as const, xSplit: 0, ySplit: frozenRows, topLeftCell: `A${frozenRows + 1}` } : {};
  return {
    views: [{ showGridLines: false, ...frozen }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  };
}

/** Adds one sheet per table to an exceljs workbook. */
export function addTableSheets(wb: ExcelJS.Workbook, tables: readonly RenderedTable[], opts: WorkbookOptions = {}): void {
  const styles = xlsxStyles(opts.font ?? XLSX_FONT);
  const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
  for (const t of tables) {
    const layout = layoutTable(t);
    const ws = wb.addWorksheet(sheetName(t.name, taken), xlsxSheetOptions(layout.frozenRows));
    layout.columns.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
    for (let r = 0; r < layout.rows.length; r++) {
      const lr = layout.rows[r]!;
      const row = ws.getRow(r + 1);
      row.height = lr.height;
      for (const lc of lr.cells) {
        const cell = row.getCell(lc.c + 1);
        if (lc.v !== null) cell.value = lc.v;
        cell.style = cellStyle(styles, lc);
      }
    }
    mergeAll(ws, layout.merges);
    // max = 16383 (the last column, as Excel writes it); exceljs would default to 16838.
    for (const r of layout.pageBreaksAfter) ws.getRow(r + 1).addPageBreak(0, 16384);
    if (layout.printTitleRows) ws.pageSetup.printTitlesRow = `${layout.printTitleRows[0] + 1}:${layout.printTitleRows[1] + 1}`;
  }
}

/** The workbook of the given tables as an .xlsx buffer. */
export async function writeWorkbook(tables: readonly RenderedTable[], opts: WorkbookOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? 'BudgetDesk';
  addTableSheets(wb, tables, opts);
  const data = await wb.xlsx.writeBuffer(XLSX_WRITE_OPTIONS);
  return Buffer.from(data as ArrayBuffer);
}
