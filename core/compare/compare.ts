// 往年对比: two years' figures side by side in printed 万元. Every figure is rounded on its own
// (spec/tables.md) and the change is the difference of the two printed figures, so a reader who
// subtracts the printed columns gets the printed change.
import { formatWanCents, percent, toWanCents, type Fen } from '../money';
import { FIGURES_ORIGIN_NAMES, SUMMARY_KEYS, SUMMARY_NAMES, type FiguresOrigin, type SummaryKey, type YearFigures } from './types';

export type ChangeWord = '增加' | '减少' | '持平';

/** One printed row. Figures are 万元 strings ("76.61"); null = not known for that year. */
export interface ComparisonRow {
  /** function code, or the summary key for the summary rows, or '合计' */
  key: string;
  code: string | null;
  label: string;
  /** 0 合计, 1 类, 2 款, 3 项; summary rows are 0 */
  level: 0 | 1 | 2 | 3;
  prior: string | null;
  current: string | null;
  /** current − prior of the printed figures; null when either is unknown */
  change: string | null;
  /** change ÷ prior, percent to two decimals ("-27.78%"); null when prior is unknown or zero */
  rate: string | null;
  word: ChangeWord | null;
}

export interface YearRef {
  year: number;
  origin: FiguresOrigin | null;
}

export interface Comparison {
  department: { code: string; name: string };
  prior: YearRef;
  current: YearRef;
  functions: ComparisonRow[];
  summary: ComparisonRow[];
  /** Chinese notes for the reader: missing figures, their origin. */
  notes: string[];
}

export function changeWord(changeWanCents: bigint): ChangeWord {
  return changeWanCents > 0n ? '增加' : changeWanCents < 0n ? '减少' : '持平';
}

/** Percent with two decimals, half-up away from zero, from printed figures (0.01 万元 units). */
export function changeRate(changeWanCents: bigint, priorWanCents: bigint): string | null {
  return percent(changeWanCents, priorWanCents, 2);
}

function row(key: string, code: string | null, label: string, level: ComparisonRow['level'], prior: Fen | null, current: Fen | null): ComparisonRow {
  const p = prior === null ? null : toWanCents(prior);
  const c = current === null ? null : toWanCents(current);
  const change = p !== null && c !== null ? c - p : null;
  return {
    key,
    code,
    label,
    level,
    prior: p === null ? null : formatWanCents(p),
    current: c === null ? null : formatWanCents(c),
    change: change === null ? null : formatWanCents(change),
    rate: change === null || p === null ? null : changeRate(change, p),
    word: change === null ? null : changeWord(change),
  };
}

function levelOf(code: string): 1 | 2 | 3 {
  return code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3;
}

/**
 * Compares `current` with `prior` (null: no figures for the prior year, every prior cell unknown).
 * The function rows are the union of both years' 类/款/项 codes in code order (each 类 followed by
 * its 款, each 款 by its 项, as the tables print them); a code that one year lacks counts as 0 there.
 */
export function compareYears(prior: YearFigures | null, current: YearFigures, priorYear = prior?.year ?? current.year - 1): Comparison {
  const notes: string[] = [];
  const cur = new Map(current.functions.map((f) => [f.code, f]));
  const pri = new Map((prior?.functions ?? []).map((f) => [f.code, f]));
  const priorHasFunctions = prior !== null && prior.origin !== 'budget-file' && prior.origin !== 'entered';
  const codes = [...new Set([...cur.keys(), ...pri.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const functions: ComparisonRow[] = [
    row('合计', null, '合计', 0, prior ? prior.summary.total : null, current.summary.total),
    ...codes.map((code) => {
      const c = cur.get(code);
      const p = pri.get(code);
      return row(code, code, c?.name || p?.name || '', levelOf(code), priorHasFunctions ? (p?.amount ?? 0n) : null, c?.amount ?? 0n);
    }),
  ];

  const summary = SUMMARY_KEYS.map((k: SummaryKey) => row(k, null, SUMMARY_NAMES[k], 0, prior ? prior.summary[k] : null, current.summary[k]));

  if (!prior) {
    notes.push(`库中没有 ${priorYear} 年的预算明细，也没有导入 ${priorYear} 年公开表，上年数无法列示。`);
  } else {
    if (prior.origin === 'workbook') notes.push(`${prior.year} 年数取自导入的公开表（已按万元取整）。`);
    if (!priorHasFunctions) notes.push(`${prior.year} 年数取自${FIGURES_ORIGIN_NAMES[prior.origin]}，只有所填的合计数，没有分科目数。`);
    for (const [k, o] of Object.entries(prior.sources ?? {})) notes.push(`${prior.year} 年${SUMMARY_NAMES[k as SummaryKey]}取自${FIGURES_ORIGIN_NAMES[o]}。`);
    const missing = SUMMARY_KEYS.filter((k) => prior.summary[k] === null).map((k) => SUMMARY_NAMES[k]);
    if (missing.length) notes.push(`${prior.year} 年没有${missing.join('、')}的数据。`);
  }
  const curMissing = SUMMARY_KEYS.filter((k) => current.summary[k] === null).map((k) => SUMMARY_NAMES[k]);
  if (curMissing.length) notes.push(`${current.year} 年没有${curMissing.join('、')}的数据。`);

  return {
    department: current.department,
    prior: { year: priorYear, origin: prior?.origin ?? null },
    current: { year: current.year, origin: current.origin },
    functions,
    summary,
    notes,
  };
}
