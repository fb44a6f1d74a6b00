// Contract piece of 复制绩效指标 (issue 12 §5). Spread into contract.ts argSchemas / ResultTypes.
import { z } from 'zod';
import { budgetRefSchema as budgetRef, codeSchema as code, yearSchema as year } from './ref-schemas';

export const projectsCopyArgSchemas = {
  /** Adds all indicators of project `from.code` (of `from.year`, default the budget's year) to project `code`. */
  'projects.copyIndicators': z.object({
    budget: budgetRef,
    code,
    from: z.object({ year: year.optional(), code }),
  }),
} as const;

export interface ProjectsCopyResults {
  'projects.copyIndicators': { copied: number; skipped: number };
}
