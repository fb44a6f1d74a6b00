// Prior years: a department's years in one database, 定稿 (read-only) years, 新建年度 from a previous
// year, stored prior-year figures (imported from last year's published workbook), and the figures that
// 往年对比 and 比上年增减 compare.
//
// Where a year's figures come from, in this order:
//   1. its own budget in this database (its lines);
//   2. figures imported from its published workbook, stored in prior_figures of the FOLLOWING year's
//      budget (origin 'workbook:<file name>'; keys below);
//   3. the following year's budget-file `priorYear` (prior_year table; totals only).
import type { CatalogKind } from '../core/catalog';
import { CODE_LEVELS } from '../core/catalog';
import { compareYears, type Comparison } from '../core/compare/compare';
import { figuresOf, priorFiguresOf, type YearSource } from '../core/compare/sources';
import {
  SUMMARY_KEYS,
  SUMMARY_NAMES,
  THREE_PUBLIC_ITEM_KEYS,
  THREE_PUBLIC_ITEM_NAMES,
  type FiguresOrigin,
  type FunctionFigure,
  type SummaryKey,
  type ThreePublicItemKey,
  type YearFigures,
} from '../core/compare/types';
import type { TotalPoint } from '../core/compare/chart';
import { yearSeries, type YearSeries } from '../core/compare/series';
import { lineMatchKey } from '../core/compare/line-match';
import type { Budget, Line } from '../core/model';
import { BUDGET_YEAR_RULE, copyProject, isBudgetYear } from '../core/model';
import { priorFromPriorBudget, type PriorFigures } from '../core/narrative';
import { tableFigures } from '../core/tables';
import { storedLines } from './line-digest';
import { findDepartment, loadBudgetById, saveBudget } from './budgets';
import { loadPriorYearWithOrigin } from './prior-year';
import { catalogBorrowedFrom, catalogYears, getCatalogs } from './catalogs';
import { assertWritable, budgetById, budgetLabel } from './budget-info';
import { Refusal, toRefusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import { bulkWrite, documentRowCount, type BackupWriter } from './bulk-write';
import { frozenComparison } from './final-snapshot';

// ----------------------------------------------------------------------------------------------- 定稿

// 定稿 and 解除定稿 themselves: db/finalize.ts (they read this module's figures; this one reads only their snapshot).
export { assertWritable };
const budgetRow = budgetById;
const label = budgetLabel;

// ----------------------------------------------------------------------------------------------- stored prior figures

const WORKBOOK_ORIGIN = 'workbook:';
const FN_PREFIX = 'fn:';
/** “三公” items (key tp:abroad …); absent for workbooks imported before they were read. */
const TP_PREFIX = 'tp:';

/**
 * Stores figures read from last year's published workbook as the prior-year figures of `budgetId`
 * (replacing any stored before), in one transaction. The workbook must be the same department's, of
 * the year before.
 */
export function storePriorFigures(db: BudgetDb, budgetId: number, figures: YearFigures, fileName: string): void {
  try {
    inTransaction(db, () => {
      const b = budgetRow(db, budgetId);
      assertWritable(db, budgetId);
      if (figures.department.code !== b.deptCode) {
        throw new Refusal(
          'validation',
          `导入的公开表属于部门 ${figures.department.code} ${figures.department.name}，不是部门 ${b.deptCode} ${b.deptName}，未导入`,
        );
      }
      if (figures.year !== b.year - 1) {
        throw new Refusal('validation', `导入的公开表是 ${figures.year} 年的，${label(b)}的上年应为 ${b.year - 1} 年，未导入`);
      }
      db.stmt('DELETE FROM prior_figures WHERE budget_id = ?').run(budgetId);
      const ins = db.stmt('INSERT INTO prior_figures (budget_id, key, amount_fen, label, origin) VALUES (?, ?, ?, ?, ?)');
      const origin = `${WORKBOOK_ORIGIN}${fileName}`;
      for (const k of SUMMARY_KEYS) {
        const v = figures.summary[k];
        if (v !== null) ins.run(budgetId, k, v, SUMMARY_NAMES[k], origin);
      }
      for (const f of figures.functions) ins.run(budgetId, `${FN_PREFIX}${f.code}`, f.amount, f.name, origin);
      for (const k of THREE_PUBLIC_ITEM_KEYS) {
        const v = figures.threePublicItems?.[k];
        if (v !== undefined) ins.run(budgetId, `${TP_PREFIX}${k}`, v, THREE_PUBLIC_ITEM_NAMES[k], origin);
      }
    });
  } catch (e) {
    throw toRefusal(e, '导入上年公开表');
  }
}

/** Removes imported prior-year figures of a budget. */
export function deletePriorFigures(db: BudgetDb, budgetId: number): void {
  inTransaction(db, () => {
    assertWritable(db, budgetId);
    db.stmt('DELETE FROM prior_figures WHERE budget_id = ?').run(budgetId);
  });
}

/** The imported prior-year figures stored with `budgetId`, or null. */
export function storedPriorFigures(db: BudgetDb, budgetId: number): (YearFigures & { fileName: string }) | null {
  const rows = db.stmt('SELECT key, amount_fen, label, origin FROM prior_figures WHERE budget_id = ? ORDER BY key', { exact: true }).all(budgetId) as {
    key: string;
    amount_fen: bigint;
    label: string;
    origin: string;
  }[];
  const mine = rows.filter((r) => r.origin.startsWith(WORKBOOK_ORIGIN));
  if (!mine.length) return null;
  const b = budgetRow(db, budgetId);
  const summary = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, null])) as Record<SummaryKey, bigint | null>;
  const functions: FunctionFigure[] = [];
  const items: Partial<Record<ThreePublicItemKey, bigint>> = {};
  for (const r of mine) {
    if (r.key.startsWith(FN_PREFIX)) functions.push({ code: r.key.slice(FN_PREFIX.length), name: r.label, amount: r.amount_fen });
    else if (r.key.startsWith(TP_PREFIX)) items[r.key.slice(TP_PREFIX.length) as ThreePublicItemKey] = r.amount_fen;
    else if ((SUMMARY_KEYS as readonly string[]).includes(r.key)) summary[r.key as SummaryKey] = r.amount_fen;
  }
  return {
    year: b.year - 1,
    department: { code: b.deptCode, name: b.deptName },
    origin: 'workbook',
    functions,
    summary,
    ...(Object.keys(items).length ? { threePublicItems: items } : {}),
    fileName: mine[0]!.origin.slice(WORKBOOK_ORIGIN.length),
  };
}

// ----------------------------------------------------------------------------------------------- years and figures

const KIND_NAMES: Record<CatalogKind, string> = { function: '支出功能分类科目表', economic: '部门预算支出经济分类科目表' };

/** Which catalogs `year` borrows (getCatalogs' nearest-year fallback), said as the clerk must be told; null when none. */
export function catalogBorrowing(db: BudgetDb, year: number): { from: number; kinds: CatalogKind[]; note: string } | null {
  // Only the year borrowed from: reading whole catalogs here would be paid once per year in listYears.
  const from = catalogBorrowedFrom(db, year);
  if (from === undefined) return null;
  const kinds = (['function', 'economic'] as const).filter((k) => !catalogYears(db, k).includes(year));
  const note = kinds.length === 1 ? `${year} 年没有自己的${KIND_NAMES[kinds[0]!]}，使用 ${from} 年的` : `${year} 年没有自己的科目表，使用 ${from} 年科目表`;
  return { from, kinds, note };
}

export interface YearEntry {
  year: number;
  /** null: the year is known only from figures stored with the following year. */
  budgetId: number | null;
  finalized: boolean;
  origin: FiguresOrigin;
  total: bigint;
  /** Set when the year has no catalog of its own and uses this year's. */
  catalogBorrowedFrom: number | null;
  /** The same, as a sentence for the clerk. */
  catalogNote: string | null;
  /** For imported figures: the workbook's file name. */
  fileName: string | null;
}

function deptBudgets(db: BudgetDb, deptCode: string): { id: number; year: number; finalized: number }[] {
  return db
    .stmt(`SELECT b.id, b.year, b.finalized FROM budgets b JOIN departments d ON d.id = b.department_id WHERE d.code = ? ORDER BY b.year`)
    .all(deptCode) as { id: number; year: number; finalized: number }[];
}

/** Where a year's figures come from, by the order at the top of this file (storage only: core computes the
 *  figures, core/compare/sources.ts), or null when nothing is known of it. */
export function yearSource(db: BudgetDb, deptCode: string, year: number): YearSource | null {
  const budgets = deptBudgets(db, deptCode);
  const own = budgets.find((b) => b.year === year);
  if (own) return { origin: 'lines', budgetId: own.id, budget: loadBudgetById(db, own.id), catalogs: getCatalogs(db, year) };
  const next = budgets.find((b) => b.year === year + 1);
  if (!next) return null;
  const stored = storedPriorFigures(db, next.id);
  const py = loadPriorYearWithOrigin(db, next.id);
  if (stored) {
    // The clerk's typed figures (or the budget file's) fill what the published tables lack (机关运行经费).
    const typed = py && py.prior.year === year ? { priorYear: py.prior, entered: py.origin === 'manual' } : undefined;
    return { origin: 'workbook', figures: stored, ...(typed ? { typed } : {}) };
  }
  if (py && py.prior.year === year) {
    return { origin: 'file', priorYear: py.prior, department: findDepartment(db, deptCode)!, entered: py.origin === 'manual' };
  }
  return null;
}

/** A year's figures, or null when nothing is known of it. */
export function yearFigures(db: BudgetDb, deptCode: string, year: number): ReturnType<typeof figuresOf> | null {
  const src = yearSource(db, deptCode, year);
  return src ? figuresOf(src) : null;
}

/** Where last year's figures for 比上年增减 of `budgetId` come from: last year's lines in this database, else
 *  its imported workbook, else the budget file's priorYear; null when none. */
export function priorSourceFor(db: BudgetDb, budgetId: number): YearSource | null {
  const b = budgetRow(db, budgetId);
  return yearSource(db, b.deptCode, b.year - 1);
}

/** Last year's four figures for 比上年增减 of `budgetId` (core/compare/sources.ts priorFiguresOf): when last year's
 *  lines are in this database, from their stored digest (db/line-digest.ts), never the lines themselves. */
export function priorFiguresFor(db: BudgetDb, budgetId: number): PriorFigures | null {
  const b = budgetRow(db, budgetId);
  const last = deptBudgets(db, b.deptCode).find((x) => x.year === b.year - 1);
  if (!last) return priorFiguresOf(priorSourceFor(db, budgetId));
  const budget = loadBudgetById(db, last.id, { lines: false, projects: false });
  return priorFromPriorBudget(budget, tableFigures(budget, storedLines(db, last.id)));
}

/** 预算明细's 上年数: last year's amounts (this department's budget of the year before, in this database) summed
 *  by lineMatchKey; one grouped query, so the column costs the same at 300,000 lines. null: no such budget. */
export function priorLineAmounts(db: BudgetDb, budgetId: number): { year: number; amounts: Map<string, bigint> } | null {
  const b = budgetRow(db, budgetId);
  const prior = deptBudgets(db, b.deptCode).find((x) => x.year === b.year - 1);
  if (!prior) return null;
  const rows = db
    .stmt(
      `SELECT unit_code AS unit, function_code AS function, economic_code AS economic, kind, project_code AS project, sum(amount_fen) AS fen
    FROM lines WHERE budget_id = ? GROUP BY unit_code, function_code, economic_code, kind, project_code`,
      { exact: true },
    )
    .all(prior.id) as { unit: string; function: string; economic: string; kind: string; project: string | null; fen: bigint }[];
  return { year: prior.year, amounts: new Map(rows.map((r) => [lineMatchKey(r), r.fen])) };
}

/** Every year held for a department: its budgets, and years known from stored figures. */
export function listYears(db: BudgetDb, deptCode: string): YearEntry[] {
  const budgets = deptBudgets(db, deptCode);
  const out: YearEntry[] = [];
  const held = new Set(budgets.map((b) => b.year));
  for (const b of budgets) {
    const total = db.stmt('SELECT coalesce(sum(amount_fen), 0) FROM lines WHERE budget_id = ?', { pluck: true, exact: true }).get(b.id) as bigint;
    const borrowing = catalogBorrowing(db, b.year);
    out.push({
      year: b.year,
      budgetId: b.id,
      finalized: b.finalized === 1,
      origin: 'lines',
      total,
      catalogBorrowedFrom: borrowing?.from ?? null,
      catalogNote: borrowing?.note ?? null,
      fileName: null,
    });
    if (!held.has(b.year - 1)) {
      const f = yearFigures(db, deptCode, b.year - 1);
      if (f)
        out.push({
          year: f.year,
          budgetId: null,
          finalized: false,
          origin: f.origin,
          total: f.summary.total ?? 0n,
          catalogBorrowedFrom: null,
          catalogNote: null,
          fileName: f.fileName ?? null,
        });
    }
  }
  return out.sort((a, b) => a.year - b.year);
}

export function totalsOverYears(db: BudgetDb, deptCode: string): TotalPoint[] {
  return listYears(db, deptCode).map((y) => ({ year: y.year, total: y.total, origin: y.origin }));
}

export interface YearComparison {
  comparison: Comparison;
  /** Catalog borrowing of the compared years, as the clerk must be told. */
  borrowed: { year: number; from: number; note: string }[];
  /** For the chart. */
  totals: TotalPoint[];
  /** The imported workbook's file name when the prior year comes from one. */
  priorFileName: string | null;
  /** Set when the rows are those frozen at 定稿. */
  frozen?: true;
}

/** 往年对比 of `year` against `priorYear` (default: the year before). A finalized year against the year before
 *  shows the rows frozen at 定稿 (db/final-snapshot.ts); the chart is every year as it stands. */
export function compareBudgetYears(db: BudgetDb, deptCode: string, year: number, priorYear = year - 1): YearComparison {
  if (priorYear === year) throw new Refusal('validation', '对比的两个年度不能相同');
  const own = priorYear === year - 1 ? deptBudgets(db, deptCode).find((b) => b.year === year && b.finalized === 1) : undefined;
  const frozen = own ? frozenComparison(db, own.id) : null;
  if (frozen) return { ...structuredClone(frozen), totals: totalsOverYears(db, deptCode), frozen: true };
  const current = yearFigures(db, deptCode, year);
  if (!current) throw new Refusal('not_found', `数据库中没有部门 ${deptCode} ${year} 年的预算，也没有该年的公开表数据`);
  const prior = yearFigures(db, deptCode, priorYear);
  const borrowed: YearComparison['borrowed'] = [];
  for (const f of [prior, current]) {
    const b = f?.origin === 'lines' ? catalogBorrowing(db, f.year) : null;
    if (b) borrowed.push({ year: f!.year, from: b.from, note: b.note });
  }
  const comparison = compareYears(prior, current, priorYear);
  comparison.notes.unshift(...borrowed.map((b) => `${b.note}。`));
  return { comparison, borrowed, totals: totalsOverYears(db, deptCode), priorFileName: prior?.fileName ?? null };
}

/** The longest span 历年对比 shows (columns stay printable). */
const SERIES_MAX_YEARS = 12;

/** 历年对比: every year from `since` to `year` (core/compare/series.ts), each from its own source. */
export function compareYearSeries(db: BudgetDb, deptCode: string, year: number, since: number): YearSeries {
  if (since >= year) throw new Refusal('validation', `起始年度（${since}）须早于对比年度（${year}）`);
  if (year - since + 1 > SERIES_MAX_YEARS)
    throw new Refusal('validation', `历年对比最多 ${SERIES_MAX_YEARS} 个年度，${since}—${year} 年有 ${year - since + 1} 个`);
  const department = findDepartment(db, deptCode);
  if (!department) throw new Refusal('not_found', `数据库中没有部门 ${deptCode}`);
  const years = Array.from({ length: year - since + 1 }, (_v, i) => since + i);
  return yearSeries(
    department,
    years,
    years.map((y) => yearFigures(db, deptCode, y)),
  );
}

// ----------------------------------------------------------------------------------------------- 新建年度

export interface CodeRemap {
  function?: Record<string, string>;
  economic?: Record<string, string>;
}

/** A code of last year that the new year's catalog lacks (or that is no longer a leaf there). */
export interface UnmappedCode {
  kind: CatalogKind;
  code: string;
  name: string;
  lineCount: number;
}

export interface NewYearOptions {
  deptCode: string;
  fromYear: number;
  toYear: number;
  /** true: copy every line with amount 0 (a draft the clerk fills in; checks flag it until then). */
  zeroAmounts: boolean;
  /** The clerk's choice of new code for each code the new catalog lacks. */
  remap?: CodeRemap;
  /** Where a backup goes when the new year is too large to undo (db/bulk-write.ts). */
  backup?: BackupWriter;
}

export type NewYearResult =
  | {
      status: 'created';
      budgetId: number;
      lines: number;
      units: number;
      projects: number;
      zeroed: boolean;
      catalogBorrowedFrom: number | null;
      catalogNote: string | null;
      /** Where the backup went when the new year was too large to undo (db/bulk-write.ts); null: it is one undo step. */
      backup: string | null;
    }
  | { status: 'needs-remap'; codes: UnmappedCode[]; catalogYear: number; catalogBorrowedFrom: number | null; catalogNote: string | null };

const KIND_LABEL: Record<CatalogKind, string> = { function: '支出功能分类科目', economic: '部门预算支出经济分类科目' };

/**
 * 新建年度: a new budget of `toYear` from `fromYear` — units, lines (amounts kept or zeroed), projects with
 * their indicators and goals, and the clerk's narrative text (its 增减原因 cleared: they explained last
 * year's change). Codes the new year's catalog lacks are returned for remapping and nothing is written;
 * with a complete `remap` the budget is written in ONE transaction. Procurement and assets are not
 * copied: they are planned and counted afresh each year.
 */
export async function createYearFrom(db: BudgetDb, opts: NewYearOptions): Promise<NewYearResult> {
  const { deptCode, fromYear, toYear } = opts;
  if (!isBudgetYear(toYear)) throw new Refusal('validation', `新年度“${toYear}”无效：${BUDGET_YEAR_RULE}`);
  if (toYear === fromYear) throw new Refusal('validation', '新年度不能与来源年度相同');
  const budgets = deptBudgets(db, deptCode);
  const from = budgets.find((b) => b.year === fromYear);
  if (!from) throw new Refusal('not_found', `数据库中没有部门 ${deptCode} ${fromYear} 年的预算，无法以它新建年度`);
  if (budgets.some((b) => b.year === toYear)) throw new Refusal('conflict', `数据库中已有部门 ${deptCode} ${toYear} 年的预算，不能再新建`);

  const source = loadBudgetById(db, from.id);
  const sourceCatalogs = getCatalogs(db, fromYear);
  const target = getCatalogs(db, toYear);
  const remap: Record<CatalogKind, Record<string, string>> = { function: { ...(opts.remap?.function ?? {}) }, economic: { ...(opts.remap?.economic ?? {}) } };

  // Every remap target must be a leaf code of the new year's catalog.
  const badTargets: string[] = [];
  for (const kind of ['function', 'economic'] as const) {
    const leafLen = CODE_LEVELS[kind][CODE_LEVELS[kind].length - 1]!;
    for (const [oldCode, newCode] of Object.entries(remap[kind])) {
      if (newCode === '' || newCode === undefined) {
        delete remap[kind][oldCode];
        continue;
      }
      if (!target[kind].has(newCode)) badTargets.push(`${KIND_LABEL[kind]} ${oldCode} → ${newCode}：${newCode} 不在 ${toYear} 年科目表中`);
      else if (!target[kind].isLeaf(newCode)) badTargets.push(`${KIND_LABEL[kind]} ${oldCode} → ${newCode}：${newCode} 不是 ${leafLen} 位末级科目`);
    }
  }
  if (badTargets.length) throw new Refusal('validation', `科目对照有误，未新建年度：${badTargets.join('；')}`);

  const unmapped = new Map<string, UnmappedCode>();
  for (const l of source.lines) {
    for (const kind of ['function', 'economic'] as const) {
      const code = l[kind];
      if (target[kind].isLeaf(code) || remap[kind][code]) continue;
      const k = `${kind}:${code}`;
      const u = unmapped.get(k);
      if (u) u.lineCount++;
      else unmapped.set(k, { kind, code, name: sourceCatalogs[kind].name(code) || source.names?.[kind]?.[code] || '', lineCount: 1 });
    }
  }
  if (unmapped.size) {
    const codes = [...unmapped.values()].sort((a, b) => (a.kind === b.kind ? (a.code < b.code ? -1 : 1) : a.kind === 'function' ? -1 : 1));
    const b = catalogBorrowing(db, toYear);
    return { status: 'needs-remap', codes, catalogYear: toYear, catalogBorrowedFrom: b?.from ?? null, catalogNote: b?.note ?? null };
  }

  const lines: Line[] = source.lines.map(({ id: _id, ...l }) => ({
    ...l,
    function: remap.function[l.function] ?? l.function,
    economic: remap.economic[l.economic] ?? l.economic,
    amount: opts.zeroAmounts ? 0n : l.amount,
  }));
  const budget: Budget = {
    year: toYear,
    department: { ...source.department },
    units: source.units.map((u) => ({ ...u })),
    lines,
    projects: source.projects.map(copyProject),
    procurement: [],
    assets: [],
    assetsAsOf: null,
    // Last year is in this database: 比上年增减 reads it from there.
    priorYear: null,
    names: null,
    narrative: { ...structuredClone(source.narrative), changeReasons: { basic: '', project: '' } },
    // The bureau gives each year its own 控制数.
    control: [],
    extra: {},
  };
  // One undo step (undo removes the new year), or a backup first when it is too large to undo.
  const { value: budgetId, backup } = await bulkWrite(
    db,
    { deptCode, year: toYear },
    { label: `新建 ${toYear} 年度`, rows: documentRowCount(budget), reason: 'before-new-year', backup: opts.backup },
    () => saveBudget(db, budget).budgetId,
  );
  const b = catalogBorrowing(db, toYear);
  return {
    status: 'created',
    budgetId,
    backup,
    lines: lines.length,
    units: budget.units.length,
    projects: budget.projects.length,
    zeroed: opts.zeroAmounts,
    catalogBorrowedFrom: b?.from ?? null,
    catalogNote: b?.note ?? null,
  };
}
