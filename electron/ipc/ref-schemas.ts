// The argument pieces every contract file needs (the budget reference, a code, a year), in a leaf module:
// contract.ts imports the *-contract.ts files, so they cannot import these from it.
import { z } from 'zod';
import { MAX_BUDGET_YEAR, MAX_DEPT_CODE_LENGTH, MIN_BUDGET_YEAR } from '../../core/model';

export const codeSchema = z.string().trim().min(1).max(64);
export const yearSchema = z.number().int().min(MIN_BUDGET_YEAR).max(MAX_BUDGET_YEAR);
export const deptCodeSchema = z.string().trim().min(1).max(MAX_DEPT_CODE_LENGTH);
export const budgetRefSchema = z.object({ dept: deptCodeSchema, year: yearSchema });

/** A file path from the renderer: bounded, no NUL, and well-formed Unicode (a lone surrogate cannot name a file:
 *  Node and SQLite would each replace it differently and write to a name nobody chose). */
export const pathSchema = z.string().min(1).max(4096)
  .refine((p) => !p.includes('\u0000'), '不能含有空字符')
  .refine((p) => !/\p{Surrogate}/u.test(p), '含有无效的字符');
