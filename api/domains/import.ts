// 导入预算文件: budget file text (dept-budget/1). An existing budget of the same dept+year is refused unless replace;
// 覆盖 writes a backup (覆盖导入前) first and is one undo step when small enough (db/import.ts, db/bulk-write.ts).
import { z } from 'zod';
import { Refusal } from '../../db/errors';
import { importBudgetFile, replacedBy } from '../../db/import';
import { MAX_BUDGET_FILE_CHARS } from '../../core/limits';
import { method } from '../method';
import { backupWriter } from './backup';

const budgetFile = z.object({ fileName: z.string().max(255), text: z.string().max(MAX_BUDGET_FILE_CHARS), replace: z.boolean().optional() });

export const importing = {
  'import.budgetFile': method(budgetFile, async ({ text, replace }, api) => {
    const d = api.db();
    const r = await importBudgetFile(d, text, { replace: replace === true, backup: backupWriter(api) });
    if (!r.ok) throw new Refusal('validation', r.message);
    // 覆盖 stays undoable (its step is on the log); a new department-year starts its own history.
    if (r.replaced) api.dropMemos();
    else api.invalidate(r.budgetId);
    return {
      budget: { dept: r.budget.department.code, year: r.budget.year },
      warnings: r.warnings,
      replaced: r.replaced,
      backup: r.backup,
      undoable: r.undoable,
    };
  }),
  /** What 覆盖 with this file would replace (the confirmation names it): null when its department-year is not
   *  in the database or the file is refused (import.budgetFile then says why). Writes nothing. */
  'import.replaced': method(budgetFile, ({ text }, api) => replacedBy(api.db(), text)),
};
