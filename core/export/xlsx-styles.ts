// The workbook's cell styles: one shared object per layout style key (assigned by reference, so exceljs
// finds each style's id once and a 30,000-line budget costs no per-cell style objects).
import type ExcelJS from 'exceljs';
import type { CellStyleKey, LayoutCell } from '../tables/layout';

/** 宋体 under its Latin name: Office maps SimSun to 宋体; LibreOffice (no SimSun on Linux) falls back
 *  per glyph to an installed CJK font (Noto CJK), so Chinese renders in both. */
export const XLSX_FONT = 'SimSun';

export type XlsxStyle = Partial<ExcelJS.Style>;

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The one style object per layout style key (shared by reference across all cells). */
export function xlsxStyles(fontName: string = XLSX_FONT): Record<CellStyleKey, XlsxStyle> {
  const font = (size: number, bold = false): Partial<ExcelJS.Font> => ({ name: fontName, size, bold, charset: 134 });
  const al = (horizontal: ExcelJS.Alignment['horizontal'], wrapText = true, indent?: number): Partial<ExcelJS.Alignment> => ({
    horizontal,
    vertical: 'middle',
    wrapText,
    ...(indent ? { indent } : {}),
  });
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

const indentedStyles = new WeakMap<Record<CellStyleKey, XlsxStyle>, Map<string, XlsxStyle>>();

/**
 * The style of one layout cell: its key's shared object, or for an indented name (款 1, 项 2, as the PDF
 * indents them) one shared object per key and indent, so indenting adds no per-cell objects.
 */
export function cellStyle(styles: Record<CellStyleKey, XlsxStyle>, lc: LayoutCell): XlsxStyle {
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
