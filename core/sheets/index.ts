// The line-item sheet reader (导入明细表), pure: bytes in, header + parsed rows + problems out; then
// resolveRows against a department-year's context. No DOM, no database (db/sheet-import.ts stores).
import { readSheetFile, type Grid } from './grid';
import { readIndicatorGrids, type IndicatorReading } from './indicators';
import { findHeader, HEADER_SEARCH_ROWS, rowsBelow, type ColumnChoices, type SheetHeader } from './header';
import { parseRows, structureProblems, type ParsedRow, type SheetProblem, type SkippedRow } from './rows';

export type SheetReading =
  | {
      ok: true;
      fileName: string;
      sheetName: string;
      sheetNames: string[];
      encoding?: string;
      header: SheetHeader;
      rows: ParsedRow[];
      subtotalRows: number;
      problems: SheetProblem[];
      /** Other sheets of the workbook with a line-item header the clerk could take instead. */
      otherSheets: string[];
      /** Subtotal and footer rows left out. */
      skipped: SkippedRow[];
      /** Columns with amounts that are not read, and the like: shown, not refused. */
      warnings: string[];
    }
  | { ok: false; reason: string; /** The workbook's sheets, when it could be read but no sheet had a header: the clerk picks one. */ sheetNames?: string[] };

export interface ReadOptions {
  sheet?: string;
  /** The clerk's column choices (column index → field, null: not read). */
  choices?: ColumnChoices;
  /** Choices remembered for sheets with this header signature; explicit `choices` win. */
  remembered?: (signature: string) => ColumnChoices;
}

/**
 * Reads a line-item sheet. Without `sheet`, every sheet is searched for a header (workbooks open with
 * 填报说明, 封面, 目录): the one with the most data rows is read, the others are named in `otherSheets`.
 */
export async function readLineSheet(data: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<SheetReading> {
  const book = await readSheetFile(data, fileName);
  if (!book.ok) return book;
  const names = book.book.sheetNames;
  if (opts.sheet !== undefined || names.length <= 1) {
    const grid = book.book.sheet(opts.sheet);
    if (!grid) {
      const none =
        opts.sheet && names.length
          ? `工作簿中没有名为“${opts.sheet}”的工作表（有：${names.join('、')}）`
          : `文件“${fileName}”中没有工作表${opts.sheet ? `“${opts.sheet}”` : ''}`;
      return { ok: false, reason: none };
    }
    const r = readGrid(grid, fileName, opts);
    if (r.ok && opts.sheet !== undefined) r.otherSheets = names.filter((n) => n !== grid.sheetName && hasHeader(book.book.sheet(n)));
    return r;
  }
  const withHeader = names.map((n) => book.book.sheet(n)!).filter((g) => hasHeader(g));
  if (!withHeader.length) {
    const reason =
      `工作簿的 ${names.length} 个工作表（${names.join('、')}）的前 ${HEADER_SEARCH_ROWS} 行中都找不到明细表的表头：` +
      '表头行至少要有三个可识别的列名（如“单位”“功能科目”“经济科目”“资金性质”“金额”）；可在预览中选择工作表并指定各列，或在命令行用 --sheet 指定工作表';
    return { ok: false, sheetNames: names, reason };
  }
  const readings = withHeader.map((g) => readGrid(g, fileName, opts)).filter((r): r is OkReading => r.ok);
  const best = readings.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
  best.otherSheets = readings.filter((r) => r !== best).map((r) => r.sheetName);
  return best;
}

type OkReading = Extract<SheetReading, { ok: true }>;
const hasHeader = (g: Grid | null): boolean => !!g && findHeader(g.rows, {}, g.hiddenColumns) !== null;

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
  let header = findHeader(grid.rows, opts.choices, grid.hiddenColumns);
  const remembered = header && opts.remembered ? opts.remembered(header.signature) : {};
  if (header && Object.keys(remembered).length) header = findHeader(grid.rows, { ...remembered, ...opts.choices }, grid.hiddenColumns);
  const where = grid.sheetName ? `工作表“${grid.sheetName}”` : `文件“${fileName}”`;
  if (!header) {
    const others = grid.sheetNames.filter((n) => n !== grid.sheetName);
    const hint = others.length ? `；工作簿中还有：${others.join('、')}，可在预览中选择其他工作表，或在命令行用 --sheet 指定` : '';
    return {
      ok: false,
      sheetNames: grid.sheetNames,
      reason: `${where}的前 ${HEADER_SEARCH_ROWS} 行中找不到表头：表头行至少要有三个可识别的列名（如“单位”“功能科目”“经济科目”“资金性质”“金额”）${hint}`,
    };
  }
  const structure = structureProblems(header);
  const parsed = structure.length ? { rows: [], problems: [], subtotalRows: 0, skipped: [], warnings: [] } : parseRows(rowsBelow(grid.rows, header), header);
  return {
    ok: true,
    fileName,
    sheetName: grid.sheetName,
    sheetNames: grid.sheetNames,
    ...(grid.encoding ? { encoding: grid.encoding } : {}),
    header,
    rows: parsed.rows,
    subtotalRows: parsed.subtotalRows,
    problems: [...structure, ...parsed.problems],
    otherSheets: [],
    skipped: parsed.skipped,
    warnings: parsed.warnings,
  };
}

export { resolveRows, type ResolvedSheet, type SheetContext } from './resolve';
export { formatProblem, type SheetProblem, type ParsedRow } from './rows';
export { SHEET_FIELDS, SHEET_FIELD_LABELS, type SheetField } from './fields';
export type { SheetHeader, ColumnChoices } from './header';
export type { IndicatorReading } from './indicators';
