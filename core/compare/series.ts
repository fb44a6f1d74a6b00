// 往年对比 over several years (`budget compare --since`, the 历年对比 table): every year from the first to the
// last in columns, the figures a clerk follows from year to year, and each year's change from the year before.
// Like the two-year comparison, every figure is printed on its own (0.01 万元) and a change is the difference
// of two printed figures; a year nothing is known of, or a figure a year's source lacks, is unknown (null).
import { formatWanCents, toWanCents, type Fen } from '../money';
import { FIGURES_ORIGIN_NAMES, THREE_PUBLIC_ITEM_KEYS, THREE_PUBLIC_ITEM_NAMES, type FiguresOrigin, type YearFigures } from './types';

export interface SeriesRow {
  key: string;
  label: string;
  /** 0 a total or a category, 1 an item under the row above (the “三公” items) */
  level: 0 | 1;
  /** One per year, 万元 ("76.61"); null: not known. */
  values: (string | null)[];
  /** One per year: the change from the year before (null for the first year or when either is unknown). */
  changes: (string | null)[];
}

export interface YearSeries {
  department: { code: string; name: string };
  years: number[];
  origins: (FiguresOrigin | null)[];
  rows: SeriesRow[];
  notes: string[];
}

function seriesRow(key: string, label: string, level: 0 | 1, fens: (Fen | null)[]): SeriesRow {
  const c = fens.map((f) => (f === null ? null : toWanCents(f)));
  return {
    key,
    label,
    level,
    values: c.map((v) => (v === null ? null : formatWanCents(v))),
    changes: c.map((v, i) => (i === 0 || v === null || c[i - 1] === null ? null : formatWanCents(v - c[i - 1]!))),
  };
}

/** The series of `years` (ascending, consecutive) from each year's figures (null: nothing known of it). */
export function yearSeries(department: { code: string; name: string }, years: number[], figures: (YearFigures | null)[]): YearSeries {
  const s = (pick: (f: YearFigures) => Fen | null | undefined) => figures.map((f) => (f ? (pick(f) ?? null) : null));
  const rows: SeriesRow[] = [
    seriesRow(
      'total',
      '收入/支出合计',
      0,
      s((f) => f.summary.total),
    ),
    seriesRow(
      'basic',
      '基本支出',
      0,
      s((f) => f.summary.basic),
    ),
    seriesRow(
      'project',
      '项目支出',
      0,
      s((f) => f.summary.project),
    ),
    seriesRow(
      'threePublic',
      '“三公”经费',
      0,
      s((f) => f.summary.threePublic),
    ),
    ...THREE_PUBLIC_ITEM_KEYS.map((k) =>
      seriesRow(
        `threePublic.${k}`,
        THREE_PUBLIC_ITEM_NAMES[k],
        1,
        s((f) => f.threePublicItems?.[k]),
      ),
    ),
    seriesRow(
      'runningCost',
      '机关运行经费',
      0,
      s((f) => f.summary.runningCost),
    ),
  ];
  // The 类 of 功能分类: every 类 any year has, named as the latest year names it; a year with function rows
  // lacks a 类 only when it spent nothing there (0), a year without any (a budget file's totals) is unknown.
  const classes = new Map<string, string>();
  for (const f of figures) for (const fn of f?.functions ?? []) if (fn.code.length === 3) classes.set(fn.code, fn.name || classes.get(fn.code) || '');
  for (const code of [...classes.keys()].sort()) {
    rows.push(
      seriesRow(
        `fn:${code}`,
        `${code} ${classes.get(code)}`,
        0,
        s((f) => (f.functions.length ? (f.functions.find((fn) => fn.code === code)?.amount ?? 0n) : null)),
      ),
    );
  }
  const notes: string[] = [];
  years.forEach((y, i) => {
    const f = figures[i];
    if (!f) notes.push(`${y} 年：库中没有该年的预算明细，也没有导入的公开表或上年数。`);
    else if (f.origin !== 'lines') notes.push(`${y} 年数取自${FIGURES_ORIGIN_NAMES[f.origin]}${f.origin === 'workbook' ? '（已按万元取整）' : ''}。`);
  });
  return { department, years, origins: figures.map((f) => f?.origin ?? null), rows, notes };
}

/** The header cells: 项目, then per year "2024年" and, from the second year on, "比上年增减". */
export function seriesHeader(s: YearSeries): string[] {
  return ['项目', ...s.years.flatMap((y, i) => (i === 0 ? [`${y}年`] : [`${y}年`, '比上年增减']))];
}

/** One row's cells after the label, in header order (strings as printed; null unknown). */
export function seriesCells(s: YearSeries, r: SeriesRow): (string | null)[] {
  return s.years.flatMap((_y, i) => (i === 0 ? [r.values[i] ?? null] : [r.values[i] ?? null, r.changes[i] ?? null]));
}
