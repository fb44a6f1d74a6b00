// Handlers of ./clerk-data-contract.ts: thin; the work is db/delete-budget.ts, db/prior-year.ts, db/years.ts.
import { PRIOR_FIGURE_KEYS, PRIOR_FIGURE_LABELS, type PriorFigureKey } from '../../core/model';
import { formatYuan, parseYuan, type Fen } from '../../core/money';
import { createBackup } from '../../db/backup';
import { budgetToDelete, deleteBudget } from '../../db/delete-budget';
import { EditError } from '../../db/edits';
import type { BudgetDb } from '../../db/open';
import { loadPriorYearWithOrigin, setPriorFigures } from '../../db/prior-year';
import { yearFigures } from '../../db/years';
import { backupSchedulerFor } from './backup-handlers';
import type { PriorFiguresDto } from './clerk-data-contract';
import type { EngineApi, ImplMap } from './handlers';

type ClerkDataChannel = 'budgets.delete' | 'years.getPriorFigures' | 'years.setPriorFigures';

function priorDto(db: BudgetDb, budgetId: number, deptCode: string, year: number): PriorFiguresDto {
  const stored = loadPriorYearWithOrigin(db, budgetId);
  const figures = Object.fromEntries(PRIOR_FIGURE_KEYS.map((k) => [k, stored?.prior[k] === undefined ? '' : formatYuan(stored.prior[k]!)])) as Record<PriorFigureKey, string>;
  const f = yearFigures(db, deptCode, year - 1);
  const usedFrom = !f ? null : f.origin === 'lines' ? 'lines' : f.origin === 'workbook' ? 'workbook' : 'stored';
  return { year: year - 1, figures, storedFrom: stored?.origin ?? null, usedFrom };
}

export function clerkDataHandlers(api: EngineApi): ImplMap<ClerkDataChannel> {
  const scheduler = backupSchedulerFor(api.ctx);
  return {
    'budgets.delete': async ({ budget }) => {
      const db = api.db();
      const b = budgetToDelete(db, budget.dept, budget.year); // refuse an unknown year before writing a backup
      if (b.finalized) throw new EditError('finalized', `部门 ${budget.dept} ${b.deptName} ${budget.year} 年的预算已定稿，不能删除；如确需删除，请先解除定稿`);
      await scheduler.idle();
      const backup = await createBackup(db, scheduler.dirFor(db), 'before-delete');
      const r = deleteBudget(db, budget.dept, budget.year);
      api.invalidate(b.id);
      return { ...r, backupPath: backup.path };
    },
    'years.getPriorFigures': ({ budget }) => {
      const info = api.budget(budget);
      return priorDto(api.db(), info.id, info.deptCode, info.year);
    },
    'years.setPriorFigures': ({ budget, figures }) => {
      const info = api.writable(budget);
      const parsed: Partial<Record<PriorFigureKey, Fen>> = {};
      for (const k of PRIOR_FIGURE_KEYS) {
        const v = figures[k];
        if (v === undefined || v === null || v.trim() === '') continue;
        const r = parseYuan(v, { allowZero: true, allowSeparators: true });
        if (!r.ok) throw new EditError('validation', `上年${PRIOR_FIGURE_LABELS[k]}：${r.reason}`, `figures.${k}`);
        parsed[k] = r.fen;
      }
      const db = api.db();
      setPriorFigures(db, info.id, parsed);
      return priorDto(db, info.id, info.deptCode, info.year);
    },
  };
}
