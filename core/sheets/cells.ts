// One cell's value read exactly: amounts (元 or 万元) with decimal.js from the number's shortest decimal
// string, never through float arithmetic; `code name` / `[code]name` cells; 是/否.
import Decimal from 'decimal.js';
import { MAX_AMOUNT_FEN, formatYuan, type Fen } from '../money';
import type { Cell } from './grid';

export const cellText = (c: Cell): string => (c === null ? '' : typeof c === 'number' ? numberText(c) : c.trim());

/** A number as its shortest round-trip decimal (JS String), without exponent. */
function numberText(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? new Decimal(s).toFixed() : s;
}

export type AmountResult = { ok: true; fen: Fen | null } | { ok: false; reason: string };

/**
 * An amount cell in 元 (or 万元 when `wan`), exactly: null when blank, 0 or a dash. Refused: text that
 * is no number, negatives, more than two decimals in 元 (six in 万元), above the 元 limit.
 */
export function readAmount(c: Cell, wan: boolean): AmountResult {
  if (c === null) return { ok: true, fen: null };
  let s = cellText(c).replace(/[,，\s]/g, '');
  if (s === '' || /^[-—–]+$/.test(s)) return { ok: true, fen: null };
  if (typeof c !== 'number') s = s.normalize('NFKC').replace(/元$/, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, reason: `“${cellText(c)}”不是有效的金额` };
  const d = new Decimal(s);
  if (d.isZero()) return { ok: true, fen: null };
  if (d.isNegative()) return { ok: false, reason: `金额不能为负数（${cellText(c)}）` };
  if (wan && d.decimalPlaces() > 6) return { ok: false, reason: `万元金额“${cellText(c)}”超过六位小数，换算成元无法精确到分` };
  const yuan = wan ? d.times(10_000) : d;
  if (yuan.decimalPlaces() > 2) return { ok: false, reason: `金额“${cellText(c)}”最多两位小数` };
  const fen = BigInt(yuan.times(100).toFixed(0));
  if (fen > MAX_AMOUNT_FEN) return { ok: false, reason: `金额超过上限 99,999,999,999.99 元（${formatYuan(fen)} 元）` };
  return { ok: true, fen };
}

/** `2080505 名称`, `[2080505]名称`, `【2080505】名称`, `2080505`, or a name alone (code ''). Codes may hold letters (project codes) but need a digit. */
export function splitCodeName(c: Cell): { code: string; name: string } {
  const raw = cellText(c);
  if (raw === '') return { code: '', name: '' };
  // NFKC only when full-width forms are present: this runs for every code cell of the sheet.
  const s = /[\uff01-\uff5e\u3000]/.test(raw) ? raw.normalize('NFKC') : raw;
  const m = /^[[【(]\s*([0-9A-Za-z._-]*\d[0-9A-Za-z._-]*)\s*[\]】)]\s*[-—:：、.]?\s*(.*)$/.exec(s) ?? /^([0-9A-Za-z._-]*\d[0-9A-Za-z._-]*)(?:\s+|[-—:：、]\s*|(?=[^\x00-\x7f]))(.*)$/.exec(s);
  if (m) return { code: m[1]!, name: m[2]!.trim() };
  if (/^[0-9A-Za-z._-]*\d[0-9A-Za-z._-]*$/.test(s)) return { code: s.replace(/\.0+$/, ''), name: '' };
  return { code: '', name: s };
}

/** A 类/款/项 cell as its code digits ("05", 5 → "05"; "208 社会保障和就业支出" → "208"). */
export function partCode(c: Cell, width: number): string {
  const { code } = splitCodeName(c);
  return /^\d+$/.test(code) && code.length < width ? code.padStart(width, '0') : code;
}

/** 是/否 and friends; null when the text is neither. Blank is 否. */
export function readYesNo(c: Cell): boolean | null {
  const s = cellText(c).normalize('NFKC').toUpperCase();
  if (s === '' || ['否', 'N', 'NO', '0', 'FALSE', '非结转'].includes(s)) return false;
  if (['是', 'Y', 'YES', '1', 'TRUE', '上年结转', '结转'].includes(s)) return true;
  return null;
}
