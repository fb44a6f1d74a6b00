// Exact money, never a float. Stored amounts are integer 分 held as bigint: the sum of 30,000 lines of up
// to 99,999,999,999.99 元 exceeds 2^53. Ratios, percentages and a published workbook's 万元 go through
// decimal.js. The paths that run once per line or per table cell — reading an amount (parseYuan: its
// checked digits read into BigInt), sums, 万元 rounding and printing a count of hundredths — stay integer
// because Decimal measured 10–50× slower there (docs/ARCHITECTURE.md “Money”); test/money-decimal.test.ts
// checks them against Decimal.
import Decimal from 'decimal.js';
import { groupingProblem, normaliseTyped, YUAN_SHAPE_ERROR } from './money-text';

export type Fen = bigint;

/**
 * The one Decimal of the product: 40 significant digits (far above the 19 digits of any possible sum
 * in 分), half-up away from zero as spec/tables.md rounds 万元, and no exponent notation in output.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type Dec = InstanceType<typeof Dec>;

export const MAX_AMOUNT_FEN: Fen = 9_999_999_999_999n; // 99,999,999,999.99 元
const WAN_CENT = 10_000n; // 分 in 0.01 万元 (= 100 元)
const HALF_WAN_CENT = WAN_CENT / 2n;

/** A plain decimal numeral as the budget file writes it: digits, optionally a point and digits. */
const PLAIN_RE = /^\d+(?:\.\d+)?$/;

export type ParseResult = { ok: true; fen: Fen } | { ok: false; reason: string };

export interface ParseOptions {
  allowZero?: boolean;
  /**
   * Input typed or pasted by the clerk (grid, paste, API edits): thousands separators (`,` or `，`) are
   * accepted in valid positions only (1,234,567.89), and full-width digits and `．` from a Chinese input
   * method are read as their ASCII forms. Without it the budget file's strict form applies ("41650.50").
   */
  allowSeparators?: boolean;
}

/** Parses an amount in 元 ("41650.50"; as typed: "1,234.5", "１２３．４５") into 分, exactly. */
export function parseYuan(input: unknown, opts: ParseOptions = {}): ParseResult {
  if (typeof input !== 'string') return { ok: false, reason: '金额必须是文本形式的数字（如 "41650.50"）' };
  let s = input.trim();
  if (opts.allowSeparators) {
    s = normaliseTyped(s);
    const problem = groupingProblem(s);
    if (problem) return { ok: false, reason: `“${input}”不是有效的金额：${problem}` };
    s = s.replace(/,/g, '');
  }
  if (s === '') return { ok: false, reason: '金额不能为空' };
  if (s.startsWith('-')) return { ok: false, reason: '金额不能为负数' };
  if (!PLAIN_RE.test(s)) return { ok: false, reason: `“${input}”${YUAN_SHAPE_ERROR}` };
  const dot = s.indexOf('.');
  if (dot >= 0 && s.length - dot - 1 > 2) return { ok: false, reason: '金额最多两位小数' };
  // The shape is checked: digits, at most two decimals. Its digits with the decimals padded to two are
  // the 分, exactly (a Decimal per amount cost 0.5 s of a 300,000-line import; the property test in
  // test/money-decimal.test.ts checks this against decimal.js).
  const fen = BigInt(dot < 0 ? `${s}00` : `${s.slice(0, dot)}${s.slice(dot + 1).padEnd(2, '0')}`);
  if (fen > MAX_AMOUNT_FEN) return { ok: false, reason: '金额超过上限 99,999,999,999.99 元' };
  if (fen === 0n && !opts.allowZero) return { ok: false, reason: '金额必须大于 0' };
  return { ok: true, fen };
}

/**
 * A count of hundredths as a fixed-point numeral with two decimals ("-1234.05"). Integer digits, not
 * Decimal: 元 of every line (lines.list, 30,000 of them) and 万元 of every table cell are printed here,
 * and Decimal measured 25× slower (30,000 amounts: 204 ms vs 8 ms, machine under load).
 */
function hundredths(n: bigint): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const s = `${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** 元 with two decimals, no separators: the budget file's form. */
export function formatYuan(fen: Fen): string {
  return hundredths(fen);
}

/** Digits grouped by three with `,` (the integer part of a fixed-point numeral, sign kept). */
function grouped(fixed: string): string {
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dot < 0 ? '' : fixed.slice(dot));
}

/** 元 with thousands separators, for the UI. */
export function formatYuanGrouped(fen: Fen): string {
  return grouped(formatYuan(fen));
}

/**
 * 0.01 万元 units (= 100 元 = 10,000 分), rounded half-up (away from zero), per spec/tables.md.
 * Integer division, not Decimal: every table cell is a sum rounded here, and Decimal measured about
 * 50× slower per cell (compute stage at the large size: 130 → 330 ms CPU). test/money-decimal.test.ts
 * checks it against Decimal's ROUND_HALF_UP.
 */
export function toWanCents(fen: Fen): bigint {
  const half = fen < 0n ? -HALF_WAN_CENT : HALF_WAN_CENT;
  return (fen + half) / WAN_CENT; // bigint division truncates toward zero, so ±half rounds away from zero
}

/** A printed 万元 figure: "55.33"; "0.00" for zero. */
export function formatWan(fen: Fen): string {
  return formatWanCents(toWanCents(fen));
}

/** A count of 0.01 万元 as printed: 5533n → "55.33". */
export function formatWanCents(c: bigint): string {
  return hundredths(c);
}

/** The printed 万元 figure with thousands separators ("12,345.67"). */
export function formatWanGrouped(fen: Fen): string {
  return grouped(formatWan(fen));
}

/** A printed 万元 figure as a number for a spreadsheet cell (exact to 0.01 after rounding), null when zero (blank cell). */
export function wanCellValue(fen: Fen): number | null {
  const c = toWanCents(fen);
  return c === 0n ? null : new Dec(c.toString()).div(100).toNumber();
}

/**
 * `part ÷ whole` as a percentage with `decimals` places, half-up away from zero ("-27.78%"); null when
 * `whole` is zero. A negative ratio that rounds to zero keeps its sign ("-0.00%"): it says which way.
 */
export function percent(part: bigint, whole: bigint, decimals: number): string | null {
  if (whole === 0n) return null;
  const p = new Dec(part.toString()).times(100).div(whole.toString());
  const s = p.toFixed(decimals);
  return `${p.isNegative() && !s.startsWith('-') ? '-' : ''}${s}%`;
}

export function sumFen(values: Iterable<Fen>): Fen {
  let t = 0n;
  for (const v of values) t += v;
  return t;
}
