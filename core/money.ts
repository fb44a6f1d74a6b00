// Exact money. Amounts are integer 分 held as bigint: the sum of 30,000 lines of up to
// 99,999,999,999.99 元 exceeds 2^53, so plain numbers are not safe. Never parseFloat.

export type Fen = bigint;

export const MAX_AMOUNT_FEN: Fen = 9_999_999_999_999n; // 99,999,999,999.99 元

const YUAN_RE = /^(\d{1,11})(?:\.(\d{1,2}))?$/;

export type ParseResult = { ok: true; fen: Fen } | { ok: false; reason: string };

/** Parses an amount in 元 as the clerk or a budget file writes it ("41650.50", "1,234.5"). */
export function parseYuan(input: unknown, opts: { allowZero?: boolean; allowSeparators?: boolean } = {}): ParseResult {
  if (typeof input !== 'string') return { ok: false, reason: '金额必须是文本形式的数字（如 "41650.50"）' };
  let s = input.trim();
  if (opts.allowSeparators) s = s.replace(/[,，\s]/g, '');
  if (s === '') return { ok: false, reason: '金额不能为空' };
  if (s.startsWith('-')) return { ok: false, reason: '金额不能为负数' };
  const m = YUAN_RE.exec(s);
  if (!m) {
    if (/^\d+\.\d{3,}$/.test(s)) return { ok: false, reason: '金额最多两位小数' };
    if (/^\d{12,}(\.\d*)?$/.test(s)) return { ok: false, reason: '金额超过上限 99,999,999,999.99 元' };
    return { ok: false, reason: `“${input}”不是有效的金额` };
  }
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
  if (fen === 0n && !opts.allowZero) return { ok: false, reason: '金额必须大于 0' };
  if (fen > MAX_AMOUNT_FEN) return { ok: false, reason: '金额超过上限 99,999,999,999.99 元' };
  return { ok: true, fen };
}

/** 元 with two decimals, no separators: the budget file's form. */
export function formatYuan(fen: Fen): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const s = `${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** 元 with thousands separators, for the UI. */
export function formatYuanGrouped(fen: Fen): string {
  const [int, dec] = formatYuan(fen).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

/** 0.01 万元 units (= 100 元 = 10,000 分), rounded half-up (away from zero), per spec/tables.md. */
export function toWanCents(fen: Fen): bigint {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const q = (a + 5_000n) / 10_000n;
  return neg ? -q : q;
}

/** A printed 万元 figure: "55.33"; "0.00" for zero. */
export function formatWan(fen: Fen): string {
  return formatWanCents(toWanCents(fen));
}

export function formatWanCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  const s = `${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** A printed 万元 figure as a number for a spreadsheet cell (exact to 0.01 after rounding), null when zero (blank cell). */
export function wanCellValue(fen: Fen): number | null {
  const c = toWanCents(fen);
  return c === 0n ? null : Number(formatWanCents(c));
}

export function sumFen(values: Iterable<Fen>): Fen {
  let t = 0n;
  for (const v of values) t += v;
  return t;
}
