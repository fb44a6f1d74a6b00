// Contract pieces of prior years (年度、定稿、新建年度、往年对比、导入上年公开表). Spread into contract.ts
// argSchemas / ResultTypes. Kept free of imports from contract.ts (which imports this file).
import { z } from 'zod';
import { budgetRefSchema as budgetRef, deptCodeSchema as deptCode, yearSchema as year } from './ref-schemas';
import type { TotalsChart } from '../../core/compare/chart';
import type { Comparison } from '../../core/compare/compare';
import type { FiguresOrigin } from '../../core/compare/types';

const codeMap = z.record(z.string().regex(/^\d+$/, '编码只能包含数字').max(7), z.string().max(7));

export const yearsArgSchemas = {
  /** Every year held for a department: budgets, and years known only from imported figures. */
  'years.list': z.object({ dept: deptCode }),
  /** 定稿: the budget becomes read-only. */
  'years.finalize': z.object({ budget: budgetRef }),
  /** 解除定稿: refused unless `confirmed` is true (the UI asks the clerk first). */
  'years.unfinalize': z.object({ budget: budgetRef, confirmed: z.boolean() }),
  /** 新建年度 from an earlier one. Answers needs-remap (nothing written) while codes lack a mapping. */
  'years.create': z.object({
    dept: deptCode, fromYear: year, toYear: year, zeroAmounts: z.boolean(),
    remap: z.object({ function: codeMap.optional(), economic: codeMap.optional() }).optional(),
  }),
  /** 往年对比 of a budget's year against `priorYear` (default the year before). */
  'compare.get': z.object({ budget: budgetRef, priorYear: year.optional() }),
  /** Last year's published workbook (BudgetDesk export layout), base64, stored as prior-year figures. */
  'compare.importPrior': z.object({ budget: budgetRef, fileName: z.string().min(1).max(255), data: z.string().max(60_000_000) }),
  'compare.deletePrior': z.object({ budget: budgetRef }),
} as const;

export interface YearDto {
  year: number;
  /** false: known only from figures imported with the following year. */
  held: boolean;
  finalized: boolean;
  origin: FiguresOrigin;
  /** 元 */
  total: string;
  /** printed 万元 */
  totalWan: string;
  /** The year has no catalog of its own and uses this year's. */
  catalogBorrowedFrom: number | null;
  /** "2024 年没有自己的科目表，使用 2025 年科目表" */
  catalogNote: string | null;
  fileName: string | null;
}
export interface YearsListDto { dept: { code: string; name: string }; years: YearDto[] }

export interface UnmappedCodeDto { kind: 'function' | 'economic'; code: string; name: string; lineCount: number }
export type NewYearDto =
  | { status: 'created'; budget: { dept: string; year: number }; lines: number; units: number; projects: number; zeroed: boolean; catalogBorrowedFrom: number | null; catalogNote: string | null }
  | { status: 'needs-remap'; codes: UnmappedCodeDto[]; catalogYear: number; catalogBorrowedFrom: number | null; catalogNote: string | null };

export interface CompareDto {
  comparison: Comparison;
  borrowed: { year: number; from: number; note: string }[];
  chart: TotalsChart;
  priorFileName: string | null;
}
export interface PriorImportDto { year: number; fileName: string; total: string; functionRows: number }

export interface YearsResults {
  'years.list': YearsListDto;
  'years.finalize': { finalized: true };
  'years.unfinalize': { finalized: false };
  'years.create': NewYearDto;
  'compare.get': CompareDto;
  'compare.importPrior': PriorImportDto;
  'compare.deletePrior': { deleted: true };
}
