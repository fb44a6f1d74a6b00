// The line-item sheet reader (导入明细表), pure: bytes in, header + parsed rows + problems out; then
// resolveRows against a department-year's context. No DOM, no database (db/sheet-import.ts stores).
import { readSheetFile, type Grid } from './grid';
import { readIndicatorGrids, type IndicatorReading } from './indicators';
import { findHeader, rowsBelow, type ColumnChoices, type SheetHeader } from './header';
import { parseRows, structureProblems, type ParsedRow, type SheetProblem } from './rows';

export type SheetReading =
  | { ok: true; fileName: string; sheetName: string; sheetNames: string[]; encoding?: string; header: SheetHeader; rows: ParsedRow[]; subtotalRows: number; problems: SheetProblem[] }
  | { ok: false; reason: string };

export interface ReadOptions {
  sheet?: string;
  /** The clerk's column choices (column index → field, null: not read). */
  choices?: ColumnChoices;
  /** Choices remembered for sheets with this header signature; explicit `choices` win. */
  remembered?: (signature: string) => ColumnChoices;
}

export async function readLineSheet(data: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<SheetReading> {
  const book = await readSheetFile(data, fileName);
  if (!book.ok) return book;
  const grid = book.book.sheet(opts.sheet);
  if (!grid) {
    return { ok: false, reason: opts.sheet && book.book.sheetNames.length ? `工作簿中没有名为“${opts.sheet}”的工作表（有：${book.book.sheetNames.join('、')}）` : `文件“${fileName}”中没有工作表${opts.sheet ? `“${opts.sheet}”` : ''}` };
  }
  return readGrid(grid, fileName, opts);
}

/** The indicator sheet and, when another sheet holds them, the 绩效目标 of the same file. */
export async function readIndicatorSheet(data: Uint8Array, fileName: string, sheet?: string): Promise<IndicatorReading | { reason: string }> {
  const book = await readSheetFile(data, fileName);
  if (!book.ok) return book;
  // A named sheet is looked at first for the indicators; the others may still hold the goals.
  const names = sheet && book.book.sheetNames.includes(sheet) ? [sheet, ...book.book.sheetNames.filter((n) => n !== sheet)] : book.book.sheetNames;
  const grids = (names.length ? names.map((n) => book.book.sheet(n)) : [book.book.sheet()]).filter((g): g is Grid => g !== null);
  return readIndicatorGrids(grids);
}

export function readGrid(grid: Grid, fileName: string, opts: Pick<ReadOptions, 'choices' | 'remembered'> = {}): SheetReading {
  let header = findHeader(grid.rows, opts.choices);
  const remembered = header && opts.remembered ? opts.remembered(header.signature) : {};
  if (header && Object.keys(remembered).length) header = findHeader(grid.rows, { ...remembered, ...opts.choices });
  const where = grid.sheetName ? `工作表“${grid.sheetName}”` : `文件“${fileName}”`;
  if (!header) return { ok: false, reason: `${where}的前 15 行中找不到表头：表头行至少要有三个可识别的列名（如“单位”“功能科目”“经济科目”“资金性质”“金额”）` };
  const structure = structureProblems(header);
  const parsed = structure.length ? { rows: [], problems: [], subtotalRows: 0 } : parseRows(rowsBelow(grid.rows, header), header);
  return {
    ok: true, fileName, sheetName: grid.sheetName, sheetNames: grid.sheetNames, ...(grid.encoding ? { encoding: grid.encoding } : {}), header,
    rows: parsed.rows, subtotalRows: parsed.subtotalRows, problems: [...structure, ...parsed.problems],
  };
}

export { resolveRows, type ResolvedSheet, type SheetContext, type SheetTotals, type NewUnit, type NewProject, type SheetLine } from './resolve';
export { formatProblem, type SheetProblem, type ParsedRow } from './rows';
export { SHEET_FIELDS, SHEET_FIELD_LABELS, isSheetField, type SheetField } from './fields';
export type { SheetHeader, SheetColumn, ColumnChoices } from './header';
export type { IndicatorReading, SheetProjectIndicators } from './indicators';
