// Cell constructors shared by every spec. Rounding lives in core/money.ts; a cell only asks it.
import type { Fen } from '../../money';
import { formatWanCents, toWanCents } from '../../money';
import type { AmountCell, TextCell } from '../types';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER - 10_000);

export function amount(fen: Fen): AmountCell {
  if (fen >= 0n && fen <= SAFE) {
    // Fast path in exact integer float arithmetic (every value < 2^53): half-up to 0.01 万元 = 10,000 分,
    // the same rule as money.toWanCents. Thousands of cells per export make bigint division noticeable.
    const x = Number(fen) + 5_000;
    let c = Math.floor(x / 10_000);
    if (c * 10_000 > x) c--;
    else if ((c + 1) * 10_000 <= x) c++;
    if (c === 0) return { kind: 'amount', fen, wan: null, value: null };
    const cents = c % 100;
    return { kind: 'amount', fen, wan: `${(c - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`, value: c / 100 };
  }
  const c = toWanCents(fen);
  if (c === 0n) return { kind: 'amount', fen, wan: null, value: null };
  const wan = formatWanCents(c);
  return { kind: 'amount', fen, wan, value: Number(wan) };
}
/** An amount shown as 0.00 when it rounds to zero (the standard tables leave such a cell blank; a summary row
 *  of a department without “三公” spending says 0.00). */
export function amountOrZero(fen: Fen): AmountCell {
  const a = amount(fen);
  return a.wan === null ? { ...a, wan: '0.00', value: 0 } : a;
}
export function text(s: string): TextCell {
  return { kind: 'text', text: s };
}
export function code(s: string): TextCell {
  return { kind: 'code', text: s };
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 21 → 二十一, 31 → 三十一 (enough for ordinals up to 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 100) {
    const t = Math.floor(n / 10),
      u = n % 10;
    return `${t === 1 ? '' : DIGITS[t]}十${u === 0 ? '' : DIGITS[u]}`;
  }
  return String(n);
}
/** '一、' prefix of a numbered row label. */
export function ordinal(n: number, label: string): string {
  return `${chineseNumber(n)}、${label}`;
}
