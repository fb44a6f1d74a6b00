// 导入预算文件: budget file text (dept-budget/1). An existing budget of the same dept+year is refused unless replace.
import { z } from 'zod';
import { parseBudgetFile } from '../../core/budget-file';
import { saveBudget } from '../../db/budgets';
import { getCatalogs } from '../../db/catalogs';
import { Refusal } from '../../db/errors';
import { MAX_BUDGET_FILE_CHARS } from '../../core/limits';
import { method } from '../method';

export const importing = {
  'import.budgetFile': method(
    z.object({ fileName: z.string().max(255), text: z.string().max(MAX_BUDGET_FILE_CHARS), replace: z.boolean().optional() }),
    ({ text, replace }, api) => {
      const d = api.db();
      const parsed = parseBudgetFile(text, (year) => getCatalogs(d, year));
      if (!parsed.ok) throw new Refusal('validation', parsed.message);
      const { budgetId, replaced } = saveBudget(d, parsed.budget, { replace: replace === true, addedCodes: parsed.addedCodes });
      api.invalidate(budgetId);
      return { budget: { dept: parsed.budget.department.code, year: parsed.budget.year }, warnings: parsed.warnings, replaced };
    },
  ),
};
