// 年度、定稿、新建年度、上年数: the db/years.ts functions behind their channels (往年对比: ./compare.ts).
import { z } from 'zod';
import { FIGURES_ORIGIN_NAMES } from '../../core/compare/types';
import { formatWan, formatYuan } from '../../core/money';
import { findDepartment } from '../../db/budgets';
import { Refusal } from '../../db/errors';
import { createYearFrom, listYears, priorLineAmounts } from '../../db/years';
import { finalizeBudget, unfinalizeBudget, UNFINALIZE_REASON_MAX } from '../../db/finalize';
import { FINALIZE_ACTION_NAMES, finalizeLog } from '../../db/finalize-log';
import { method } from '../method';
import { backupWriter } from './backup';
import { PRIOR_FIGURE_KEYS, PRIOR_FIGURE_LABELS, type PriorFigureKey } from '../../core/model';
import { parseYuan, type Fen } from '../../core/money';
import type { BudgetDb } from '../../db/open';
import { loadPriorYearWithOrigin, setPriorFigures } from '../../db/prior-year';
import { yearFigures } from '../../db/years';
import { budgetRefSchema as budgetRef, deptCodeSchema as deptCode, yearSchema as year } from '../schemas';

/** 元 as typed ("156,211,123.00" allowed); '' or null: not known. */
const priorAmount = z.string().max(40).nullable().optional();

/** The 上年数 panel's view: the stored figures (元, '' unknown), where they came from, and what 比上年增减 uses. */
function priorDto(db: BudgetDb, budgetId: number, deptCode: string, year: number) {
  const stored = loadPriorYearWithOrigin(db, budgetId);
  const figures = Object.fromEntries(PRIOR_FIGURE_KEYS.map((k) => [k, stored?.prior[k] === undefined ? '' : formatYuan(stored.prior[k]!)])) as Record<
    PriorFigureKey,
    string
  >;
  const f = yearFigures(db, deptCode, year - 1);
  // Last year's lines or an imported workbook take precedence over the stored figures.
  const usedFrom: 'lines' | 'workbook' | 'stored' | null = !f ? null : f.origin === 'lines' ? 'lines' : f.origin === 'workbook' ? 'workbook' : 'stored';
  // Which source each 上年数 that 比上年增减 uses came from, as the clerk reads it (null: not known).
  const sources = Object.fromEntries(
    PRIOR_FIGURE_KEYS.map((k) => {
      const key = k === 'officeCost' ? 'runningCost' : k;
      const o = f && f.summary[key] !== null ? (f.sources?.[key] ?? f.origin) : null;
      return [k, o ? FIGURES_ORIGIN_NAMES[o] : null];
    }),
  ) as Record<PriorFigureKey, string | null>;
  return { year: year - 1, figures, storedFrom: stored?.origin ?? null, usedFrom, sources };
}

const codeMap = z.record(z.string().regex(/^\d+$/, '编码只能包含数字').max(7), z.string().max(7));

export const years = {
  /** Every year held for a department: budgets, and years known only from imported figures. */
  'years.list': method(z.object({ dept: deptCode }), ({ dept }, api) => {
    const db = api.db();
    const department = findDepartment(db, dept);
    if (!department) throw new Refusal('not_found', `数据库中没有部门 ${dept}`);
    return {
      dept: department,
      years: listYears(db, dept).map((y) => ({
        year: y.year,
        held: y.budgetId !== null,
        finalized: y.finalized,
        origin: y.origin,
        total: formatYuan(y.total),
        totalWan: formatWan(y.total),
        catalogBorrowedFrom: y.catalogBorrowedFrom,
        catalogNote: y.catalogNote,
        fileName: y.fileName,
      })),
    };
  }),
  /** 定稿: the budget becomes read-only and its disclosure frozen. While 错误 remain it needs `despiteErrors: true`
   *  (the UI shows the count and asks first). */
  'years.finalize': method(z.object({ budget: budgetRef, despiteErrors: z.boolean().optional() }), ({ budget, despiteErrors }, api) => {
    const info = api.budget(budget);
    const r = finalizeBudget(api.db(), info.id, { despiteErrors });
    api.invalidate(info.id);
    return { finalized: true as const, errors: r.errors };
  }),
  /** 解除定稿: refused unless `confirmed` is true (the UI asks the clerk first, with the reason recorded). */
  'years.unfinalize': method(
    z.object({ budget: budgetRef, confirmed: z.boolean(), reason: z.string().max(UNFINALIZE_REASON_MAX).optional() }),
    ({ budget, confirmed, reason }, api) => {
      const info = api.budget(budget);
      unfinalizeBudget(api.db(), info.id, { confirmed, reason });
      api.invalidate(info.id);
      return { finalized: false as const };
    },
  ),
  /** The record of 定稿 and 解除定稿 of a budget, oldest first. */
  'years.finalizeLog': method(z.object({ budget: budgetRef }), ({ budget }, api) =>
    finalizeLog(api.db(), api.budget(budget).id).map((e) => ({ action: FINALIZE_ACTION_NAMES[e.action], at: e.at, reason: e.reason, errors: e.errors })),
  ),
  /** 新建年度 from an earlier one. Answers needs-remap (nothing written) while codes lack a mapping. */
  'years.create': method(
    z.object({
      dept: deptCode,
      fromYear: year,
      toYear: year,
      zeroAmounts: z.boolean(),
      remap: z.object({ function: codeMap.optional(), economic: codeMap.optional() }).optional(),
    }),
    async ({ dept, fromYear, toYear, zeroAmounts, remap }, api) => {
      const r = await createYearFrom(api.db(), { deptCode: dept, fromYear, toYear, zeroAmounts, remap, backup: backupWriter(api) });
      if (r.status === 'needs-remap') return r;
      api.dropMemos(); // the new year's undo step stays: 撤销 removes it
      const { budgetId: _id, ...rest } = r;
      return { ...rest, budget: { dept, year: toYear } };
    },
  ),
  /** 预算明细's 上年数 column: last year's amount (元) by unit|function|economic|kind|project (core/compare/line-match.ts). */
  'years.priorLineAmounts': method(z.object({ budget: budgetRef }), ({ budget }, api) => {
    const r = priorLineAmounts(api.db(), api.budget(budget).id);
    return r ? { year: r.year, amounts: Object.fromEntries([...r.amounts].map(([k, fen]) => [k, formatYuan(fen)])) } : null;
  }),
  /** Last year's figures as the 上年数 panel shows them, and which source 比上年增减 actually uses. */
  'years.getPriorFigures': method(z.object({ budget: budgetRef }), ({ budget }, api) => {
    const info = api.budget(budget);
    return priorDto(api.db(), info.id, info.deptCode, info.year);
  }),
  /** Stores the figures the clerk typed for last year (any of them; none clears them). */
  'years.setPriorFigures': method(
    z.object({
      budget: budgetRef,
      figures: z.object({ total: priorAmount, basic: priorAmount, project: priorAmount, threePublic: priorAmount, officeCost: priorAmount }).strict(),
    }),
    ({ budget, figures }, api) => {
      const info = api.writable(budget);
      const parsed: Partial<Record<PriorFigureKey, Fen>> = {};
      for (const k of PRIOR_FIGURE_KEYS) {
        const v = figures[k];
        if (v === undefined || v === null || v.trim() === '') continue;
        const r = parseYuan(v, { allowZero: true, allowSeparators: true });
        if (!r.ok) throw new Refusal('validation', `上年${PRIOR_FIGURE_LABELS[k]}：${r.reason}`, { field: `figures.${k}` });
        parsed[k] = r.fen;
      }
      setPriorFigures(api.db(), info.id, parsed);
      return priorDto(api.db(), info.id, info.deptCode, info.year);
    },
  ),
};
