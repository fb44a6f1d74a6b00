// Display helpers for 元 strings as they come over the boundary ("41650.50").
import { formatYuanGrouped, parseYuan, type Fen } from '../../core/money';

/** "1234567.5" → "1,234,567.50"; leaves text that is not an amount as it is. */
export function grouped(yuan: string | null | undefined): string {
  if (yuan == null || yuan === '') return '';
  const neg = yuan.startsWith('-');
  const p = parseYuan(neg ? yuan.slice(1) : yuan, { allowZero: true, allowSeparators: true });
  if (!p.ok) return yuan;
  return (neg ? '-' : '') + formatYuanGrouped(p.fen);
}

/** Exact 分 of a 元 string; 0 when it is not an amount. */
export function fenOf(yuan: string | null | undefined): Fen {
  if (!yuan) return 0n;
  const p = parseYuan(yuan, { allowZero: true, allowSeparators: true });
  return p.ok ? p.fen : 0n;
}

export { formatYuanGrouped };
