// One cell's value read exactly: amounts (元 or 万元) through the app's one amount reader (parseYuan and its
// separator rules) from the number's shortest decimal string, never through float arithmetic; `code name` /
// `[code]name` / `name(code)` cells; 是/否.
import { Dec, MAX_AMOUNT_FEN, formatYuan, parseYuan, type Fen } from '../money';
import { groupingProblem, normaliseTyped } from '../money-text';
import type { Cell } from './grid';

export const cellText = (c: Cell): string => (c === null ? '' : typeof c === 'number' ? numberText(c) : c.trim());

/** A number as its shortest round-trip decimal (JS String), without exponent. */
function numberText(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? new Dec(s).toFixed() : s;
}

export type AmountResult = { ok: true; fen: Fen | null } | { ok: false; reason: string };

/**
 * An amount cell in 元 (or 万元 when `wan`), exactly: null when blank, 0 or a dash. Text is read as the clerk
 * types amounts everywhere else (parseYuan with separators: `1,5`, `1.2,3` and `12,3456` are refused).
 * Refused: text that is no number, negatives, more than two decimals in 元 (six in 万元), above the 元 limit.
 */
export function readAmount(c: Cell, wan: boolean): AmountResult {
  if (c === null) return { ok: true, fen: null };
  const shown = cellText(c);
  let s = typeof c === 'number' ? shown : normaliseTyped(shown.normalize('NFKC').replace(/元$/, ''));
  if (s === '' || /^[-—–]+$/.test(s)) return { ok: true, fen: null };
  if (s.startsWith('+')) s = s.slice(1);
  if (s.startsWith('-')) return /^-[\d.,]+$/.test(s) ? { ok: false, reason: `金额不能为负数（${shown}）` } : { ok: false, reason: `“${shown}”不是有效的金额` };
  if (!wan) {
    const r = parseYuan(s, { allowSeparators: true, allowZero: true });
    if (!r.ok) return { ok: false, reason: r.reason.startsWith('“') ? r.reason.replace(`“${s}”`, `“${shown}”`) : r.reason.replace(/^金额/, `金额“${shown}”`) };
    return { ok: true, fen: r.fen === 0n ? null : r.fen };
  }
  const grouping = groupingProblem(s);
  if (grouping) return { ok: false, reason: `“${shown}”不是有效的金额：${grouping}` };
  s = s.replace(/,/g, '');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, reason: `“${shown}”不是有效的金额` };
  const d = new Dec(s);
  if (d.isZero()) return { ok: true, fen: null };
  if (d.decimalPlaces() > 6) return { ok: false, reason: `万元金额“${shown}”超过六位小数，换算成元无法精确到分` };
  const fen = BigInt(d.times(1_000_000).toFixed(0));
  if (fen > MAX_AMOUNT_FEN) return { ok: false, reason: `金额超过上限 99,999,999,999.99 元（${formatYuan(fen)} 元）` };
  return { ok: true, fen };
}

/** A code: letters and digits in groups joined by single `.`, `_` or `-` (`30101`, `D-P1`), holding a digit. */
const CODE = String.raw`(?=[0-9A-Za-z._-]*\d)[0-9A-Za-z]+(?:[._-][0-9A-Za-z]+)*`;
const BRACKETED = new RegExp(String.raw`^[[【(]\s*(${CODE})\s*[\]】)]\s*[-—–:：、.]?\s*(.*)$`);
const LEADING = new RegExp(String.raw`^(${CODE})(?:\s+|\s*[-—–~:：、.]\s*|(?=[^\x00-\x7f]))(.*)$`);
const TRAILING = new RegExp(String.raw`^(.*[^\s(])\s*\(\s*(${CODE})\s*\)$`);
const CODE_ONLY = new RegExp(String.raw`^${CODE}$`);

/**
 * `2080505 名称`, `30101-基本工资` (also －, —), `[2080505]名称`, `【2080505】名称`, `30101基本工资`, `基本工资(30101)`,
 * `2080505`, or a name alone (code ''). The name is never part of the code.
 */
export function splitCodeName(c: Cell): { code: string; name: string } {
  const raw = cellText(c);
  if (raw === '') return { code: '', name: '' };
  // Codes and names repeat over thousands of rows: each distinct text is split once (a copy is handed out, callers fill in names).
  let split = splitCache.get(raw);
  if (!split) {
    if (splitCache.size >= SPLIT_CACHE_SIZE) splitCache.clear();
    split = splitText(raw);
    splitCache.set(raw, split);
  }
  return { code: split.code, name: split.name };
}

const SPLIT_CACHE_SIZE = 50_000;
const splitCache = new Map<string, { readonly code: string; readonly name: string }>();

function splitText(raw: string): { code: string; name: string } {
  // NFKC only when full-width forms are present.
  const s = /[\uff01-\uff5e\u3000]/.test(raw) ? raw.normalize('NFKC') : raw;
  if (CODE_ONLY.test(s)) return { code: s.replace(/\.0+$/, ''), name: '' };
  const m = BRACKETED.exec(s) ?? LEADING.exec(s);
  if (m) return { code: m[1]!, name: m[2]!.trim() };
  const t = TRAILING.exec(s);
  if (t && t[2]!.length >= 3) return { code: t[2]!, name: t[1]!.trim() };
  return { code: '', name: s };
}

/** A 类/款/项 cell as its code digits ("05", 5 → "05"; "208 社会保障和就业支出" → "208"). */
export function partCode(c: Cell, width: number): string {
  const { code } = splitCodeName(c);
  return /^\d+$/.test(code) && code.length < width ? code.padStart(width, '0') : code;
}

/** 是/否 and friends; null when the text is neither. Blank is 否. */
export function readYesNo(c: Cell): boolean | null {
  const text = cellText(c);
  let v = yesNoCache.get(text);
  if (v === undefined) {
    if (yesNoCache.size >= 1000) yesNoCache.clear();
    v = yesNoOf(text);
    yesNoCache.set(text, v);
  }
  return v;
}

const yesNoCache = new Map<string, boolean | null>();

function yesNoOf(text: string): boolean | null {
  const s = text.normalize('NFKC').toUpperCase();
  if (s === '' || ['否', 'N', 'NO', '0', 'FALSE', '非结转'].includes(s)) return false;
  if (['是', 'Y', 'YES', '1', 'TRUE', '上年结转', '结转'].includes(s)) return true;
  return null;
}
