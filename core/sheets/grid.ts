// A sheet file as a grid of cells with the sheet's own row numbers: .xlsx through xlsx.ts (every sheet),
// .xls through SheetJS in a bounded worker (xls.ts), .csv in UTF-8 (BOM or not) or GB18030/GBK through iconv-lite. Cells stay as the
// file holds them (a number stays a number) so amounts can be read exactly later.
import { readDelimited } from '../files/delimited';
import { logDetail } from '../files/detail';
import { Deadline, guardWorkbookParts, sizeProblem, type ReadLimits } from '../files/guard';
import { isReaderPart, readXlsxSheets } from './xlsx';
import { readXls, type XlsLimits } from './xls';

export type Cell = string | number | null;
export interface GridRow {
  /** 1-based row number as the sheet shows it */ number: number;
  cells: Cell[];
}
/** `hiddenColumns`: 0-based indexes of hidden columns (hidden rows are left out of `rows`). */
export interface Grid {
  sheetName: string;
  sheetNames: string[];
  rows: GridRow[];
  encoding?: string;
  hiddenColumns?: ReadonlySet<number>;
}
export interface Workbook {
  sheetNames: string[];
  sheet(name?: string): Grid | null;
}
export type GridResult = { ok: true; book: Workbook } | { ok: false; reason: string };

/** Largest sheet file accepted (a 300,000-line bureau-wide export is a few tens of MB). */
export const MAX_SHEET_FILE_BYTES = 50 * 1024 * 1024;
/** Data rows one sheet may hold: a bureau-wide 一体化 export of 300,000 lines, with room to spare. */
export const MAX_SHEET_ROWS = 500_000;
const MAX_COLUMNS = 200;

/** The bounds of core/files/guard.ts for a sheet: by shape and time, not by an absolute unpacked size. */
function sheetLimits(file: string): ReadLimits {
  return {
    file,
    maxBytes: MAX_SHEET_FILE_BYTES,
    maxRows: MAX_SHEET_ROWS + 20,
    rowLimit: `明细表最多 ${MAX_SHEET_ROWS} 行`,
    maxCells: 8_000_000,
    maxUnpacked: 512 * 1024 * 1024,
    timeMs: 180_000,
  };
}

export async function readSheetFile(data: Uint8Array, fileName: string): Promise<GridResult> {
  const file = `文件“${fileName}”`;
  if (data.byteLength === 0) return { ok: false, reason: `${file}是空的` };
  const ext = (/\.([^.\\/]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  const isZip = data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  const isOle = data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
  if (isOle) return readOldExcel(data, sheetLimits(file));
  if (ext === 'xls' && !isZip) return { ok: false, reason: `${file}不是有效的 .xls 工作簿（文件头不是 Excel 97–2003 格式）` };
  if (isZip || ext === 'xlsx' || ext === 'xlsm') return readXlsx(data, sheetLimits(file));
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return readCsv(data, sheetLimits(file));
  return { ok: false, reason: `${file}的类型“.${ext || '（无扩展名）'}”不受支持，请使用 .xlsx、.xls 或 .csv` };
}

function readCsv(data: Uint8Array, limits: ReadLimits): GridResult {
  const rows: GridRow[] = [];
  const pick = (head: string) => {
    const first = head.split(/\r?\n/, 1)[0] ?? '';
    return (first.match(/\t/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? '\t' : ',';
  };
  const read = readDelimited(data, limits, pick, (cells, line) => {
    rows.push({ number: line, cells: cells.slice(0, MAX_COLUMNS).map((c) => (c.trim() === '' ? null : c)) });
  });
  if (!read.ok) return read;
  const grid: Grid = { sheetName: '', sheetNames: [], rows, encoding: read.encoding };
  return { ok: true, book: { sheetNames: [], sheet: (name) => (name ? null : grid) } };
}

async function readXlsx(data: Uint8Array, limits: ReadLimits): Promise<GridResult> {
  const deadline = new Deadline(limits);
  // The guard inflates every part once; the reader's parts stay inflated for it (core/sheets/xlsx.ts).
  const guarded = await guardWorkbookParts(data, limits, deadline, isReaderPart);
  if (!guarded.ok) return guarded;
  let grids: Grid[];
  try {
    const read = await readXlsxSheets(guarded.parts, deadline, MAX_COLUMNS);
    if (!read.ok) return read;
    grids = read.sheets.map((s) => ({ sheetName: s.name, sheetNames: [], rows: s.rows, hiddenColumns: s.hiddenColumns }));
  } catch (err) {
    // The parser's English ("undefined entity", "unexpected close tag" …) goes to the error log.
    return {
      ok: false,
      reason: `${limits.file}不是有效的 .xlsx 工作簿，无法读取其中的工作表（文件可能已损坏或不是 Excel 保存的）${logDetail(err, `读取明细表 ${limits.file}`)}`,
    };
  }
  const sheetNames = grids.map((g) => g.sheetName);
  for (const g of grids) g.sheetNames = sheetNames;
  return {
    ok: true,
    book: {
      sheetNames,
      sheet: (name) => (name === undefined ? (grids.find((g) => g.rows.length > 0) ?? grids[0] ?? null) : (grids.find((g) => g.sheetName === name) ?? null)),
    },
  };
}

/** Bounds of an .xls read: rows and columns as for .xlsx, 30 s, 512 MB of worker heap. */
const XLS_LIMITS: XlsLimits = { rows: MAX_SHEET_ROWS + 20, columns: MAX_COLUMNS, timeoutMs: 30_000, heapMb: 512 };

async function readOldExcel(data: Uint8Array, limits: ReadLimits): Promise<GridResult> {
  const tooLarge = sizeProblem(data, limits);
  if (tooLarge) return { ok: false, reason: tooLarge };
  const r = await readXls(data, XLS_LIMITS);
  if (!r.ok) return { ok: false, reason: `${limits.file}${r.reason}` };
  const sheetNames = r.grids.map((g) => g.sheetName);
  const sheet = (name?: string) =>
    name === undefined ? (r.grids.find((g) => g.rows.length > 0) ?? r.grids[0] ?? null) : (r.grids.find((g) => g.sheetName === name) ?? null);
  return { ok: true, book: { sheetNames, sheet } };
}
