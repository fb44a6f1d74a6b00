// The clerk's 情况说明 text: read and undoable write.
import { emptyNarrative } from '../core/model';
import type { BudgetDb } from './open';
import { st, str, type Row } from './edit-rows';
import type { BudgetInfo } from './budget-info';
import { edit } from './undo';
import { validatePart } from './edit-validate';

export function getNarrative(db: BudgetDb, budgetId: number): Record<string, unknown> {
  const json = (st(db, 'SELECT json FROM narrative WHERE budget_id = ?').get(budgetId) as Row | undefined)?.json;
  return { ...emptyNarrative(), ...(json ? (JSON.parse(str(json)) as Record<string, unknown>) : {}) };
}

export function setNarrative(db: BudgetDb, b: BudgetInfo, narrative: Record<string, unknown>): void {
  const n = validatePart(db, b, 'narrative', narrative, -1);
  const json = JSON.stringify(n);
  edit(db, b, '修改情况说明', (rec) => {
    if (st(db, 'SELECT 1 FROM narrative WHERE budget_id = ?').get(b.id)) rec.update('narrative', { budget_id: b.id }, { json });
    else rec.insert('narrative', { budget_id: b.id, json });
  });
}
