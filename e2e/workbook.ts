// Reads an exported workbook back with exceljs and finds printed figures by their labels, the way a
// reader of the disclosure finds them: the table by its title, a column by its header, a row by its
// 科目编码 or label.
import ExcelJS from 'exceljs';

export type Sheet = ExcelJS.Worksheet;

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v).trim();
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(v);
}

const norm = (s: string) => s.replace(/\s+/g, '');
const stripOrdinal = (s: string) => norm(s).replace(/^[一二三四五六七八九十]+、/, '');

/** rows: each cell's text (merged ranges only on their master); spanned: the master's text on every cell. */
export interface Grid {
  sheet: Sheet;
  rows: string[][];
  spanned: string[][];
  raw: ExcelJS.CellValue[][];
}

export function grid(sheet: Sheet): Grid {
  const rows: string[][] = [];
  const spanned: string[][] = [];
  const raw: ExcelJS.CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const t: string[] = [],
      v: ExcelJS.CellValue[] = [],
      m: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      // A merged cell's value sits on its master; read it only there.
      const isSlave = cell.isMerged && cell.master.address !== cell.address;
      t.push(isSlave ? '' : cellText(cell.value));
      v.push(isSlave ? null : cell.value);
      m.push(cellText(cell.isMerged ? cell.master.value : cell.value));
    }
    rows.push(t);
    spanned.push(m);
    raw.push(v);
  }
  return { sheet, rows, spanned, raw };
}

/** The sheet of a table, found by its printed title ('部门预算' + name) or its sheet name. */
export function findTable(wb: ExcelJS.Workbook, name: string): Grid {
  for (const ws of wb.worksheets) {
    const g = grid(ws);
    const titled = g.rows.slice(0, 3).some((r) => r.some((t) => norm(t) === norm(`部门预算${name}`) || norm(t) === norm(name)));
    if (titled || ws.name === name) return g;
  }
  throw new Error(`workbook has no table “${name}” (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`);
}

export function lanciRow(g: Grid): number {
  const i = g.rows.findIndex((r) => r.some((t) => norm(t) === '栏次'));
  if (i < 0) throw new Error(`${g.sheet.name}: no 栏次 row`);
  return i;
}

/** Column index of a header label: a leaf label ('合计'), or a group label joined with its leaf
 *  ('本年收入' + '小计' = '本年收入小计'), leftmost first. */
export function headerCol(g: Grid, label: string): number {
  const l = lanciRow(g);
  const width = g.rows[0]?.length ?? 0;
  const paths: string[][] = [];
  for (let c = 0; c < width; c++) {
    const p: string[] = [];
    for (let r = 0; r < l; r++) {
      const t = norm(g.spanned[r]![c]!);
      if (t && p[p.length - 1] !== t) p.push(t);
    }
    paths.push(p);
  }
  const want = norm(label);
  const leaf = paths.findIndex((p) => p[p.length - 1] === want);
  if (leaf >= 0) return leaf;
  const joined = paths.findIndex((p) => p.some((_, i) => p.slice(i).join('') === want));
  if (joined >= 0) return joined;
  throw new Error(`${g.sheet.name}: no header “${label}”`);
}

/** Data row index whose cells include the key (a code or a label). */
export function dataRow(g: Grid, key: string): number {
  const l = lanciRow(g);
  const i = g.rows.findIndex((r, ri) => ri > l && r.some((t) => stripOrdinal(t) === norm(key)));
  if (i < 0) throw new Error(`${g.sheet.name}: no row “${key}”`);
  return i;
}

/** The cell right of a label in the data area (two-sided 收支总表 items). */
export function labelled(g: Grid, label: string, offset = 1): ExcelJS.CellValue {
  const l = lanciRow(g);
  for (let r = l + 1; r < g.rows.length; r++) {
    const c = g.rows[r]!.findIndex((t) => stripOrdinal(t) === norm(label));
    if (c >= 0) return g.raw[r]![c + offset] ?? null;
  }
  throw new Error(`${g.sheet.name}: no item “${label}”`);
}

/** A printed 万元 figure as text with two decimals, or null for a blank cell. */
export function printed(v: ExcelJS.CellValue): string | null {
  const t = cellText(v);
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n.toFixed(2) : t;
}

export function sheetHasText(g: Grid, text: string): boolean {
  return g.rows.some((r) => r.some((t) => norm(t) === norm(text)));
}
