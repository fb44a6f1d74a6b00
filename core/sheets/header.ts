// Finding the header of a line-item sheet and what each column feeds (spec import-sheets.md "Where the
// header is"): the first row among the first 15 with at least three known column names; a sub-header
// row under a merged group (资金来源, 本年预算) is read instead of the group; 万元 when a title or header says so.
import { cellText } from './cells';
import { GROUP_HEADERS, fieldOfHeader, normalizeHeader, sourceOfField, type SheetField } from './fields';
import type { Cell, GridRow } from './grid';

export const HEADER_SEARCH_ROWS = 15;
export const MIN_KNOWN_HEADERS = 3;

export interface SheetColumn {
  /** 0-based column index */
  index: number;
  /** Column letter as Excel shows it (A, B, … AA) */
  letter: string;
  /** The header as the sheet prints it (a sub-header under a group reads "资金来源/事业收入" when both exist) */
  header: string;
  /** What the column feeds (after the clerk's choices); null: not read. */
  field: SheetField | null;
  /** What the reader recognised by itself. */
  auto: SheetField | null;
}

export interface SheetHeader {
  /** Sheet row number of the (first) header row. */
  row: number;
  /** Number of header rows (1 or 2). */
  rows: number;
  columns: SheetColumn[];
  /** Amounts are in 万元. */
  wan: boolean;
  /** Same header ⇒ same signature: the key under which the clerk's column choices are remembered. */
  signature: string;
}

export type ColumnChoices = Record<number, SheetField | null>;

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const texts = (r: GridRow | undefined): string[] => (r ? r.cells.map(cellText) : []);
const known = (t: string): boolean => fieldOfHeader(t) !== null;

/** The header of a sheet (rows in sheet order), or null when none of the first 15 rows qualifies. */
export function findHeader(rows: readonly GridRow[], choices: ColumnChoices = {}): SheetHeader | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let at = -1;
  for (let i = 0; i < limit; i++) {
    const hits = texts(rows[i]).filter(known).length;
    if (hits >= MIN_KNOWN_HEADERS) { at = i; break; }
  }
  if (at < 0) return null;
  const top = texts(rows[at]);
  const next = texts(rows[at + 1]);
  const isGroup = (c: number): boolean => {
    const t = top[c] ?? '';
    if (t === '') return true;
    if (GROUP_HEADERS.has(normalizeHeader(t))) return true;
    return (c > 0 && top[c - 1] === t) || top[c + 1] === t; // horizontally merged (a merge repeats its value)
  };
  // A data row (codes, amounts) is never a sub-header, even when it holds a source name under 资金来源.
  const looksLikeData = (rows[at + 1]?.cells ?? []).some((c) => typeof c === 'number' || (typeof c === 'string' && /\d{3}/.test(c)));
  const subHeader = !looksLikeData && next.some((t, c) => t !== '' && t !== top[c] && known(t) && isGroup(c));
  const width = Math.max(top.length, subHeader ? next.length : 0);
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const sub = subHeader ? next[c] ?? '' : '';
    headers.push(sub !== '' && sub !== top[c] ? sub : top[c] ?? '');
  }
  const titleText = rows.slice(0, at + (subHeader ? 2 : 1)).flatMap(texts).join(' ');
  const wan = /万元/.test(titleText);
  const autos = autoFields(headers);
  const columns: SheetColumn[] = headers.map((header, index) => {
    const auto = autos[index] ?? null;
    const field = Object.prototype.hasOwnProperty.call(choices, index) ? choices[index] ?? null : auto;
    return { index, letter: columnLetter(index), header, field, auto };
  }).filter((c) => c.header !== '' || c.field !== null);
  return { row: rows[at]!.number, rows: subHeader ? 2 : 1, columns, wan, signature: headers.map(normalizeHeader).join('|') };
}

/** Fields by header alone; the first column naming a field wins; 合计 beside per-source columns is the row total. */
function autoFields(headers: readonly string[]): (SheetField | null)[] {
  const raw = headers.map((h) => fieldOfHeader(h));
  const perSource = raw.some((f) => sourceOfField(f) !== null);
  const taken = new Set<SheetField>();
  return raw.map((f, i) => {
    if (f === 'amount' && perSource && normalizeHeader(headers[i]!) === '合计') f = 'rowTotal';
    if (f === null || f === 'ignored') return f;
    if (taken.has(f)) return null;
    taken.add(f);
    return f;
  });
}

/** The data rows under the header. */
export const rowsBelow = (rows: readonly GridRow[], h: SheetHeader): GridRow[] => rows.filter((r) => r.number >= h.row + h.rows);

export type { Cell };
