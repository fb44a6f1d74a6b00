// Finding the header of a line-item sheet and what each column feeds (spec import-sheets.md "Where the
// header is"): the first row among the first 15 with at least three known column names; a sub-header
// row under a merged group (资金来源, 本年预算) is read instead of the group; 万元 when a title or header says so.
import { cellText } from './cells';
import type { LineKind } from '../model';
import { GROUP_HEADERS, fieldOfHeader, kindOfField, normalizeHeader, sourceOfField, type SheetField } from './fields';
import type { GridRow } from './grid';

export const HEADER_SEARCH_ROWS = 15;
export const MIN_KNOWN_HEADERS = 3;

export interface SheetColumn {
  /** 0-based column index */
  index: number;
  /** Column letter as Excel shows it (A, B, … AA) */
  letter: string;
  /** The header as the sheet prints it (the sub-header under a merged group) */
  header: string;
  /** What the column feeds (after the clerk's choices); null: not read. */
  field: SheetField | null;
  /** What the reader recognised by itself. */
  auto: SheetField | null;
  /** The kind its group names (a source column under 基本支出 in a kind × source header). */
  kind?: LineKind;
  /** Hidden in the sheet: never read (clerks hide superseded figures such as 一上 amounts). */
  hidden?: boolean;
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
  /** Visible columns that both fit one field the reader takes once (two 预算数): a problem, never a silent choice. */
  clashes: [SheetColumn, SheetColumn][];
}

export type ColumnChoices = Record<number, SheetField | null>;

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const texts = (r: GridRow | undefined): string[] => (r ? r.cells.map(cellText) : []);
const known = (t: string): boolean => fieldOfHeader(t) !== null;
const PART_TOTAL = new Set(['小计', '合计']);

/** The header of a sheet (rows in sheet order), or null when none of the first 15 rows qualifies. Hidden columns are never read. */
export function findHeader(rows: readonly GridRow[], choices: ColumnChoices = {}, hidden: ReadonlySet<number> = new Set()): SheetHeader | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  const visible = (t: string[]) => t.map((x, c) => (hidden.has(c) ? '' : x));
  let at = -1;
  for (let i = 0; i < limit; i++) {
    const hits = visible(texts(rows[i])).filter(known).length;
    if (hits >= MIN_KNOWN_HEADERS) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  const top = texts(rows[at]);
  const next = texts(rows[at + 1]);
  // A merged group cell reads once, at its left; the cells it spans read empty (or repeat its value).
  const spans = (c: number): boolean => (top[c + 1] === '' || top[c + 1] === top[c]) && (next[c + 1] ?? '') !== '' && (next[c] ?? '') !== '';
  const isGroup = (c: number): boolean => {
    const t = top[c] ?? '';
    if (t === '') return true;
    if (GROUP_HEADERS.has(normalizeHeader(t))) return true;
    return (c > 0 && top[c - 1] === t) || top[c + 1] === t || spans(c);
  };
  // A data row (codes, amounts) is never a sub-header, even when it holds a source name under 资金来源.
  const looksLikeData = (rows[at + 1]?.cells ?? []).some((c) => typeof c === 'number' || (typeof c === 'string' && /\d{3}/.test(c)));
  const subHeader = !looksLikeData && next.some((t, c) => t !== '' && t !== top[c] && (known(t) || PART_TOTAL.has(normalizeHeader(t))) && isGroup(c));
  const width = Math.max(top.length, subHeader ? next.length : 0);
  const headers: string[] = [];
  const groups: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const sub = subHeader ? (next[c] ?? '') : '';
    if ((top[c] ?? '') !== '') group = top[c]!;
    else if (sub === '') group = '';
    const underGroup = sub !== '' && sub !== top[c] && isGroup(c);
    headers.push(underGroup ? sub : (top[c] ?? ''));
    groups.push(underGroup ? group : '');
  }
  const titleText = rows
    .slice(0, at + (subHeader ? 2 : 1))
    .flatMap(texts)
    .join(' ');
  const wan = /万元/.test(titleText);
  const { fields, kinds, clashes } = autoFields(headers, groups, hidden);
  const columns: SheetColumn[] = headers
    .map((header, index) => {
      const auto = fields[index] ?? null;
      const field = Object.prototype.hasOwnProperty.call(choices, index) ? (choices[index] ?? null) : auto;
      const kind = kinds[index];
      return { index, letter: columnLetter(index), header, field, auto, ...(kind ? { kind } : {}), ...(hidden.has(index) ? { hidden: true } : {}) };
    })
    .filter((c) => c.header !== '' || c.field !== null);
  const byIndex = new Map(columns.map((c) => [c.index, c]));
  const clashing = clashes
    .map(([a, b]) => [byIndex.get(a)!, byIndex.get(b)!] as [SheetColumn, SheetColumn])
    .filter(([a, b]) => a.field === a.auto && b.field === null && !Object.prototype.hasOwnProperty.call(choices, b.index));
  return { row: rows[at]!.number, rows: subHeader ? 2 : 1, columns, wan, signature: headers.map(normalizeHeader).join('|'), clashes: clashing };
}

/**
 * Fields by header alone. Per-kind amount columns may repeat (人员经费 and 公用经费 are both 基本支出); any other
 * field is read from one column, and a second visible column fitting it is a clash. 合计 beside per-source or
 * per-kind columns is the row total, checked, never read as the amount; 小计 under a kind group is its part total.
 */
function autoFields(headers: readonly string[], groups: readonly string[], hidden: ReadonlySet<number>) {
  const raw = headers.map((h, i) => (hidden.has(i) ? null : fieldOfHeader(h)));
  const kinds = groups.map((g) => kindOfField(fieldOfHeader(g)) ?? undefined);
  const parts = raw.some((f) => sourceOfField(f) !== null || kindOfField(f) !== null);
  const taken = new Map<string, number>();
  const clashes: [number, number][] = [];
  const fields = raw.map((f, i): SheetField | null => {
    const n = normalizeHeader(headers[i]!);
    if (kinds[i] && PART_TOTAL.has(n)) return 'ignored';
    if (f === 'amount' && parts && n === '合计') f = 'rowTotal';
    if (f === null || f === 'ignored' || kindOfField(f) !== null) return f;
    const key = `${f}|${kinds[i] ?? ''}`;
    const first = taken.get(key);
    if (first !== undefined) {
      clashes.push([first, i]);
      return null;
    }
    taken.set(key, i);
    return f;
  });
  return { fields, kinds, clashes };
}

/** The data rows under the header. */
export const rowsBelow = (rows: readonly GridRow[], h: SheetHeader): GridRow[] => rows.filter((r) => r.number >= h.row + h.rows);
