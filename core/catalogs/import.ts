// Reads a finance bureau's catalog (code, name) from .xlsx or .csv/.tsv/.txt and checks every row.
// The parser only reads and validates; storing is db/catalogs.ts (importCatalogEntries).
import ExcelJS from 'exceljs';
import { CODE_LEVELS, MAX_CATALOG_NAME_LENGTH, parentCode, type CatalogEntry, type CatalogKind } from '../catalog';
import { CATALOG_KIND_LABELS } from '../validate-line';
import { readDelimited } from '../files/delimited';
import { logDetail } from '../files/detail';
import { guardWorkbook, type ReadLimits } from '../files/guard';
import { mb } from '../files/zip';

/** Largest catalog file accepted (the full official catalog is well under 1 MB). */
export const MAX_CATALOG_FILE_BYTES = 5 * 1024 * 1024;
/** Most data rows accepted (the official 支出功能分类 has about 2,000 codes). */
export const MAX_CATALOG_ROWS = 20_000;
/** Longest accepted name, in characters (core/catalog.ts: one limit for the parser and the database). */
export { MAX_CATALOG_NAME_LENGTH };
export { MAX_XLSX_COMPRESSION_RATIO, MAX_XLSX_UNCOMPRESSED_BYTES, inspectZip } from '../files/zip';
/** At most this many problems are listed; the rest are counted. */
export const MAX_REPORTED_PROBLEMS = 100;

export interface CatalogImportProblem {
  place: string;
  reason: string;
}
export type CatalogImportResult = { ok: true; entries: CatalogEntry[]; warnings: string[] } | { ok: false; problems: CatalogImportProblem[]; message: string };

export interface CatalogImportOptions {
  /** Codes already in the target year's catalog: they satisfy a row's parent (上级科目) like rows of the file do. */
  knownCodes?: Iterable<string>;
}

/** Why `code` is not a code of this kind, or null. The first digit catches a wrong list (收入 1xx, 政府经济分类 5xx). */
export function catalogCodeProblem(code: string, kind: CatalogKind): string | null {
  const levels = CODE_LEVELS[kind];
  if (code === '') return '编码为空';
  if (!/^\d+$/.test(code) || !levels.includes(code.length)) return `编码“${code}”不是 ${levels.join('/')} 位数字`;
  const lead = kind === 'function' ? '2' : '3';
  if (!code.startsWith(lead)) return `编码“${code}”不是${CATALOG_KIND_LABELS[kind]}编码（应以 ${lead} 开头）`;
  return null;
}

type Refusal = { ok: false; problems: CatalogImportProblem[]; message: string };
const refuse = (place: string, reason: string, message = `${place}：${reason}`): Refusal => ({ ok: false, problems: [{ place, reason }], message });

interface RawRow {
  place: string;
  cells: string[];
}

export async function parseCatalogFile(
  data: Uint8Array,
  fileName: string,
  kind: CatalogKind,
  options: CatalogImportOptions = {},
): Promise<CatalogImportResult> {
  const file = `文件“${fileName}”`;
  if (kind !== 'function' && kind !== 'economic') return refuse('科目表类别', `“${String(kind)}”无效`);
  if (data.byteLength === 0) return refuse(file, '文件为空');
  if (data.byteLength > MAX_CATALOG_FILE_BYTES) {
    return refuse(file, `文件过大（${mb(data.byteLength)}），科目表文件最大 ${mb(MAX_CATALOG_FILE_BYTES)}`);
  }
  const ext = (/\.([^.\\/]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  const isZip = data.byteLength >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  const isOle = data.byteLength >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
  if (ext === 'xls' || isOle) return refuse(file, '是旧版 Excel（.xls）或已加密的工作簿，无法读取；请在 Excel 中“另存为” .xlsx 或 CSV（UTF-8）后再导入');

  const warnings: string[] = [];
  let rows: RawRow[];
  if (ext === 'xlsx' || ext === 'xlsm' || (isZip && !['csv', 'tsv', 'txt'].includes(ext))) {
    const read = await readXlsx(data, file, kind, warnings);
    if (!read.ok) return read;
    rows = read.rows;
  } else if (['csv', 'tsv', 'txt'].includes(ext)) {
    if (isZip) return refuse(file, '扩展名是 .' + ext + '，内容却是压缩包（可能是 .xlsx），请检查文件');
    const read = readCatalogDelimited(data, file, warnings);
    if (!read.ok) return read;
    rows = read.rows;
  } else {
    return refuse(file, `不支持的文件类型“.${ext || '（无扩展名）'}”，请使用 .xlsx 或 .csv`);
  }
  return checkRows(rows, kind, file, warnings, options);
}

// ---------------------------------------------------------------- rows → entries

const HEADER_CODE = /编码|代码|编号|^code$/i;
const HEADER_NAME = /名称|^name$/i;
// "2010101 行政运行" or "[2010101]行政运行" in one cell, as some finance systems export it.
const CODE_AND_NAME = /^[[【(（]?(\d{3,7})[\]】)）]?\s*[-—:：、.]?\s*(\S.*)$/;

function checkRows(rows: RawRow[], kind: CatalogKind, file: string, warnings: string[], options: CatalogImportOptions): CatalogImportResult {
  const label = CATALOG_KIND_LABELS[kind];
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c !== ''));
  if (nonEmpty.length === 0) return refuse(file, '没有任何科目行');
  if (nonEmpty.length > MAX_CATALOG_ROWS + 10) {
    return refuse(file, `行数过多（${nonEmpty.length} 行），科目表最多 ${MAX_CATALOG_ROWS} 行`);
  }

  // A header row (编码/名称) in the first rows picks the columns; rows above it are titles.
  let codeCol = 0;
  let nameCol = 1;
  let start = 0;
  for (let i = 0; i < Math.min(10, nonEmpty.length); i++) {
    const cells = nonEmpty[i]!.cells;
    const c = cells.findIndex((v) => HEADER_CODE.test(v) && !/^\d+$/.test(v));
    const n = cells.findIndex((v, j) => j !== c && HEADER_NAME.test(v) && !HEADER_CODE.test(v));
    if (c >= 0 && n >= 0) {
      codeCol = c;
      nameCol = n;
      start = i + 1;
      warnings.push(`${nonEmpty[i]!.place}是表头，已按“${cells[c]}”“${cells[n]}”两列读取`);
      for (let k = 0; k < i; k++) warnings.push(`${nonEmpty[k]!.place}在表头之上（标题），已跳过`);
      break;
    }
  }
  if (start === 0) {
    // No header: among the first few rows, one that holds no digits, or a single cell that is not a
    // code (a merged title like "2025年支出功能分类科目"), is a title. A row with a bad code and a name is not.
    const isTitle = (cells: string[]): boolean => {
      const filled = cells.filter((c) => c !== '');
      if (!filled.some((c) => /\d/.test(c))) return true;
      if (filled.length !== 1) return false;
      const m = CODE_AND_NAME.exec(filled[0]!);
      return !/^\d+$/.test(normalizeCode(filled[0]!)) && !(m && CODE_LEVELS[kind].includes(m[1]!.length));
    };
    while (start < Math.min(3, nonEmpty.length) && isTitle(nonEmpty[start]!.cells)) {
      warnings.push(`${nonEmpty[start]!.place}不是科目行（标题或表头），已跳过`);
      start++;
    }
  }

  const data = nonEmpty.slice(start);
  if (data.length === 0) return refuse(file, '表头之下没有科目行');
  if (data.length > MAX_CATALOG_ROWS) return refuse(file, `科目行过多（${data.length} 行），科目表最多 ${MAX_CATALOG_ROWS} 行`);

  const problems: CatalogImportProblem[] = [];
  const byCode = new Map<string, { name: string; place: string }>();
  let split = 0;
  for (const row of data) {
    let code = normalizeCode(row.cells[codeCol] ?? '');
    let name = (row.cells[nameCol] ?? '').trim();
    if (name === '' && !/^\d+$/.test(code)) {
      const m = CODE_AND_NAME.exec(row.cells[codeCol] ?? '');
      if (m) {
        code = m[1]!;
        name = m[2]!.trim();
        split++;
      }
    }
    const cp = catalogCodeProblem(code, kind);
    if (cp) {
      problems.push({ place: row.place, reason: cp });
      continue;
    }
    if (name === '') {
      problems.push({ place: row.place, reason: `编码 ${code} 的名称为空` });
      continue;
    }
    if (name.length > MAX_CATALOG_NAME_LENGTH) {
      problems.push({ place: row.place, reason: `编码 ${code} 的名称过长（${name.length} 字，最多 ${MAX_CATALOG_NAME_LENGTH} 字）` });
      continue;
    }
    const prev = byCode.get(code);
    if (prev) {
      if (prev.name === name) warnings.push(`${row.place}与${prev.place}重复（${code} ${name}），已忽略`);
      else problems.push({ place: row.place, reason: `重复编码 ${code}（${prev.place}为“${prev.name}”，此处为“${name}”）` });
      continue;
    }
    byCode.set(code, { name, place: row.place });
  }
  if (split) warnings.push(`${split} 行的编码和名称写在同一格，已自动拆分`);

  const known = new Set(options.knownCodes ?? []);
  for (const [code, { place }] of byCode) {
    const parent = parentCode(kind, code);
    if (parent && !byCode.has(parent) && !known.has(parent)) {
      problems.push({ place, reason: `编码 ${code} 的上级科目 ${parent} 不存在（文件中和该年度科目表中都没有）` });
    }
  }

  if (problems.length) {
    const order = new Map(data.map((r, i) => [r.place, i]));
    problems.sort((a, b) => (order.get(a.place) ?? 0) - (order.get(b.place) ?? 0));
    const total = problems.length;
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    if (total > MAX_REPORTED_PROBLEMS) shown.push({ place: file, reason: `另有 ${total - MAX_REPORTED_PROBLEMS} 处问题未列出` });
    const head = shown
      .slice(0, 3)
      .map((p) => `${p.place}：${p.reason}`)
      .join('；');
    return { ok: false, problems: shown, message: `${file}未导入${label}：共 ${total} 处问题，例如 ${head}${total > 3 ? '……' : ''}` };
  }
  const entries: CatalogEntry[] = [...byCode]
    .map(([code, { name }]) => ({ code, name, origin: 'import' as const }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { ok: true, entries, warnings };
}

function normalizeCode(raw: string): string {
  let s = raw.trim();
  const bracketed = /^[[【(（](\d+)[\]】)）]$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  // A code typed into a numeric cell and read back as text like "2010101.0".
  if (/^\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
  return s;
}

// ---------------------------------------------------------------- csv / tsv

/** The bounds of core/files/guard.ts for a catalog file. */
function catalogLimits(file: string): ReadLimits {
  return {
    file,
    maxBytes: MAX_CATALOG_FILE_BYTES,
    maxRows: MAX_CATALOG_ROWS + 10,
    rowLimit: `科目表最多 ${MAX_CATALOG_ROWS} 行`,
    maxCells: (MAX_CATALOG_ROWS + 10) * 50,
    maxUnpacked: 64 * 1024 * 1024,
    timeMs: 60_000,
  };
}

/** The guard's reasons start with the file's name, which `refuse` puts in front already. */
const withoutFile = (reason: string, file: string) => (reason.startsWith(file) ? reason.slice(file.length) : reason);

function readCatalogDelimited(data: Uint8Array, file: string, warnings: string[]): { ok: true; rows: RawRow[] } | Refusal {
  const rows: RawRow[] = [];
  const pick = (head: string) => {
    const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
    const count = (ch: string) => firstLine.split(ch).length - 1;
    return count('\t') > 0 && count('\t') >= count(',') ? '\t' : count(',') > 0 ? ',' : count(';') > 0 ? ';' : count('，') > 0 ? '，' : ',';
  };
  const read = readDelimited(data, catalogLimits(file), pick, (cells, line) => {
    rows.push({ place: `第 ${line} 行`, cells: cells.map((c) => c.trim()) });
  });
  if (!read.ok) return refuse(file, withoutFile(read.reason, file));
  if (read.encoding === 'GB18030') warnings.push('文件不是 UTF-8 编码，已按 GBK（GB18030）读取');
  return { ok: true, rows };
}

// ---------------------------------------------------------------- xlsx

async function readXlsx(data: Uint8Array, file: string, kind: CatalogKind, warnings: string[]): Promise<{ ok: true; rows: RawRow[] } | Refusal> {
  // Sizes, ratios, and rows counted in every part while it is inflated: refused before exceljs parses it.
  const refused = await guardWorkbook(data, catalogLimits(file));
  if (refused) return refuse(file, withoutFile(refused, file));

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    // The parser's English detail means nothing to the clerk: it goes to the error log.
    return refuse(file, `不是有效的 .xlsx 工作簿（无法读取其中的工作表，文件可能已损坏或不是 Excel 保存的）${logDetail(err, `读取科目表 ${file}`)}`);
  }
  const sheets = wb.worksheets.filter((ws) => ws.actualRowCount > 0);
  if (sheets.length === 0) return refuse(file, '工作簿中没有任何数据');
  // Several sheets: prefer the one whose name says which catalog it is.
  const word = kind === 'function' ? '功能' : '经济';
  const sheet = sheets.find((ws) => ws.name.includes(word)) ?? sheets[0]!;
  if (sheets.length > 1) warnings.push(`工作簿有 ${sheets.length} 个工作表，只读取了“${sheet.name}”`);
  if (sheet.actualRowCount > MAX_CATALOG_ROWS + 10) {
    return refuse(file, `工作表“${sheet.name}”行数过多（${sheet.actualRowCount} 行），科目表最多 ${MAX_CATALOG_ROWS} 行`);
  }
  const rows: RawRow[] = [];
  const prefix = sheets.length > 1 ? `工作表“${sheet.name}”` : '';
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const n = Math.min(row.cellCount, 50);
    for (let c = 1; c <= n; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push({ place: `${prefix}第 ${rowNumber} 行`, cells });
  });
  return { ok: true, rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // Codes stored as numbers: integers print without exponent or decimals (2010101, not 2.010101E6).
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) {
      const t = (v as { text: unknown }).text;
      return typeof t === 'string' ? t : cellText((t ?? null) as ExcelJS.CellValue);
    }
    if ('error' in v) return '';
  }
  return String(v);
}
