// Contract pieces of issue 12 (a clerk's first hour): 删除 of a department-year, and the 上年数 panel where
// the clerk types last year's published figures. Spread into contract.ts argSchemas / ResultTypes.
import { z } from 'zod';
import type { PriorFigureKey } from '../../core/model';
import { budgetRefSchema as budgetRef } from './ref-schemas';

/** 元 as typed ("156,211,123.00" allowed); '' or null: not known. */
const priorAmount = z.string().max(40).nullable().optional();

export const clerkDataArgSchemas = {
  /** Deletes one department-year (a backup is written first); the department goes with its last year. */
  'budgets.delete': z.object({ budget: budgetRef }),
  /** Last year's figures as the 上年数 panel shows them, and which source 比上年增减 actually uses. */
  'years.getPriorFigures': z.object({ budget: budgetRef }),
  /** Stores the figures the clerk typed for last year (any of them; none clears them). */
  'years.setPriorFigures': z.object({
    budget: budgetRef,
    figures: z.object({ total: priorAmount, basic: priorAmount, project: priorAmount, threePublic: priorAmount, officeCost: priorAmount }).strict(),
  }),
} as const;

export interface DeletedBudgetDto { dept: string; deptName: string; year: number; lines: number; departmentRemoved: boolean; backupPath: string }

export interface PriorFiguresDto {
  /** The year before the budget's. */
  year: number;
  /** The stored figures (元, '' when unknown), as the panel edits them. */
  figures: Record<PriorFigureKey, string>;
  /** Where the stored figures came from: the budget file, the clerk's panel, or none stored. */
  storedFrom: 'file' | 'manual' | null;
  /** What 比上年增减 uses: last year's lines or an imported workbook take precedence over the stored figures. */
  usedFrom: 'lines' | 'workbook' | 'stored' | null;
}

export interface ClerkDataResults {
  'budgets.delete': DeletedBudgetDto;
  'years.getPriorFigures': PriorFiguresDto;
  'years.setPriorFigures': PriorFiguresDto;
}
