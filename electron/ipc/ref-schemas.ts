// The argument pieces every contract file needs (the budget reference, a code, a year), in a leaf module:
// contract.ts imports the *-contract.ts files, so they cannot import these from it.
import { z } from 'zod';
import { MAX_BUDGET_YEAR, MIN_BUDGET_YEAR } from '../../core/model';

export const codeSchema = z.string().trim().min(1).max(64);
export const yearSchema = z.number().int().min(MIN_BUDGET_YEAR).max(MAX_BUDGET_YEAR);
export const budgetRefSchema = z.object({ dept: codeSchema, year: yearSchema });
