// Finds the figures of ../shared/fixtures/711-2025.expected.json in a table, the same way whether the
// table is a derived RenderedTable or a worksheet read back from the exported workbook: a row by its
// 科目编码 or label cell, a column by its header path.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import type { RenderedGridTable } from '../../core/tables/types';

export const EXPECTED_PATH = resolve(__dirname, '../shared/fixtures/711-2025.expected.json');
export const expectedFixture = (): { tables: Record<string, any>; narrative: Record<string, string> } => JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'));

/** A table as printed: column header paths, then rows of printed values ('55.33', text, or null). */
export interface PlainTable {
  title: string;
  columns: string[][];
  /** The 栏次 row as printed. */
  lanci: string[];
  rows: (string | null)[][];
  notes: string[];
}

const norm = (s: string) => s.replace(/\s+/g, '');
const stripOrdinal = (s: string) => s.replace(/^[一二三四五六七八九十]+、/, '');

export function plainFromRendered(t: RenderedGridTable): PlainTable {
  const columns = t.columns.map((_, c) =>
    t.header
      .filter((h) => h.col <= c && c < h.col + h.colSpan)
      .sort((a, b) => a.row - b.row)
      .map((h) => norm(h.label)),
  );
  const rows = t.rows.map((r) => r.cells.map((cell) => (cell === null ? null : cell.kind === 'amount' ? cell.wan : cell.text)));
  return { title: t.title, columns, lanci: t.lanci, rows, notes: [...t.footnotes, ...(t.note ? [t.note] : [])] };
}

/** A cell as printed: amounts with two decimals, 序号/栏次 (integers) as they are. */
function cellText(v: ExcelJS.CellValue, integer = false): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return integer ? String(v) : v.toFixed(2);
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((p) => p.text).join('');
  return String(v);
}

/** Reads a grid sheet: row 1 title, row 2 meta, header rows until the 栏次 row, then data rows. */
export function plainFromSheet(ws: ExcelJS.Worksheet): PlainTable {
  const width = ws.columnCount;
  const get = (r: number, c: number, integer = false) => cellText(ws.getRow(r).getCell(c).value, integer);
  let lanciRow = 0;
  for (let r = 3; r <= ws.rowCount && !lanciRow; r++) if (get(r, 1) === '栏次') lanciRow = r;
  if (!lanciRow) throw new Error(`sheet ${ws.name}: no 栏次 row`);
  const columns: string[][] = [];
  for (let c = 1; c <= width; c++) {
    const path: string[] = [];
    for (let r = 3; r < lanciRow; r++) {
      const v = get(r, c); // merged cells read back with their master's value
      if (v !== null && path[path.length - 1] !== norm(v)) path.push(norm(v));
    }
    columns.push(path);
  }
  const lanci = Array.from({ length: width }, (_, i) => get(lanciRow, i + 1, true) ?? '');
  const rows: (string | null)[][] = [];
  const notes: string[] = [];
  for (let r = lanciRow + 1; r <= ws.rowCount; r++) {
    const first = get(r, 1, true);
    if (first === null) continue;
    if (first.startsWith('注：')) {
      notes.push(first);
      continue;
    }
    rows.push(
      Array.from({ length: width }, (_, i) => {
        const cell = ws.getRow(r).getCell(i + 1);
        // Slave cells of a merged label (合计 over 编码+名称) repeat the master's value; they print blank.
        return cell.isMerged && cell.master !== cell ? null : cellText(cell.value, i === 0);
      }),
    );
  }
  return { title: get(1, 1) ?? '', columns, lanci, rows, notes };
}

/** Index of the column whose header path (below `side`, if given) ends with or joins to `label`. */
export function columnIndex(t: PlainTable, label: string, side?: string): number {
  const want = norm(label);
  const hits = t.columns
    .map((p, i) => ({ p: side ? (p[0] === side ? p.slice(1) : null) : p, i }))
    .filter(({ p }) => p && (p[p.length - 1] === want || p.join('') === want || p.slice(1).join('') === want));
  if (hits.length !== 1) throw new Error(`${t.title}: column "${label}"${side ? ` under ${side}` : ''} matched ${hits.length} times`);
  return hits[0]!.i;
}

/** The row whose code or label cell (in `side`'s text columns, if given) is `key` (ordinal 一、 ignored). */
export function rowIndex(t: PlainTable, key: string, side?: string): number {
  const cols = t.columns
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => i > 0 && (!side || p[0] === side))
    .map(({ i }) => i);
  const hits = t.rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) =>
      cols.some((c) => {
        const v = r[c];
        return v !== null && v !== undefined && !/^\d+\.\d\d$/.test(v) && stripOrdinal(norm(v)) === norm(key);
      }),
    );
  // 财政拨款收支总表 prints 一、一般公共预算拨款 twice (income, then under 年初结转和结余): the first is meant.
  if (hits.length === 0 || (hits.length > 1 && !side))
    throw new Error(`${t.title}: row "${key}"${side ? ` on ${side} side` : ''} matched ${hits.length} times`);
  return hits[0]!.i;
}

export interface FigureCheck {
  table: string;
  row: string;
  column: string;
  expected: string | null;
  actual: string | null;
}

/** Every figure of expected.json located in `tables` (by table name). */
export function collectFigures(expected: Record<string, any>, tableByName: (name: string) => PlainTable): FigureCheck[] {
  const out: FigureCheck[] = [];
  for (const [name, spec] of Object.entries<any>(expected)) {
    const t = tableByName(name);
    if (spec.empty) continue;
    const at = (row: string, col: string, ri: number, ci: number, exp: string | null) =>
      out.push({ table: name, row, column: col, expected: exp, actual: t.rows[ri]![ci] ?? null });
    if (spec.rows) {
      for (const [rowKey, values] of Object.entries<(string | null)[]>(spec.rows)) {
        const ri = rowIndex(t, rowKey);
        values.forEach((v, k) => {
          const col = spec.columns[k];
          at(rowKey, col, ri, columnIndex(t, col), v);
        });
      }
      continue;
    }
    const incomeCol = columnIndex(t, name === '收支总表' ? '预算数' : '金额', '收入');
    for (const [rowKey, v] of Object.entries<string | null>(spec.income)) at(rowKey, '收入', rowIndex(t, rowKey, '收入'), incomeCol, v);
    for (const [rowKey, v] of Object.entries<any>(spec.expense)) {
      const ri = rowIndex(t, rowKey, '支出');
      if (Array.isArray(v))
        v.forEach((x, k) => {
          const col = spec.expenseColumns[k];
          at(rowKey, col, ri, columnIndex(t, col, '支出'), x);
        });
      else at(rowKey, '支出', ri, columnIndex(t, '预算数', '支出'), v);
    }
  }
  return out;
}
