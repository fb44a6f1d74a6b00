// The record of 定稿 and 解除定稿 (migration 008 finalize_log): when, with how many 错误, and — for 解除定稿 — the
// reason the clerk typed. Shown on 开始 and 往年对比 and carried in the budget file (key `finalizeLog`).
import type { BudgetDb } from './open';

type FinalizeAction = 'finalize' | 'unfinalize';
export const FINALIZE_ACTION_NAMES: Record<FinalizeAction, string> = { finalize: '定稿', unfinalize: '解除定稿' };

interface FinalizeEvent {
  action: FinalizeAction;
  at: string;
  reason: string;
  errors: number;
}

/** Records one event; the caller holds the transaction. */
export function recordFinalizeEvent(db: BudgetDb, budgetId: number, e: Omit<FinalizeEvent, 'at'>): void {
  db.stmt(`INSERT INTO finalize_log (budget_id, action, at, reason, errors) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?)`).run(
    budgetId,
    e.action,
    e.reason,
    e.errors,
  );
}

/** A budget's events, oldest first. */
export function finalizeLog(db: BudgetDb, budgetId: number): FinalizeEvent[] {
  return db.stmt('SELECT action, at, reason, errors FROM finalize_log WHERE budget_id = ? ORDER BY id').all(budgetId) as FinalizeEvent[];
}

/** The record as the budget file carries it (a top-level key, kept by other readers as an unknown key), or
 *  null when there is none. */
export function finalizeLogForFile(db: BudgetDb, budgetId: number): { key: string; value: unknown } | null {
  const log = finalizeLog(db, budgetId);
  if (!log.length) return null;
  return {
    key: 'finalizeLog',
    value: log.map((e) => ({
      event: FINALIZE_ACTION_NAMES[e.action],
      at: e.at,
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.errors ? { errors: e.errors } : {}),
    })),
  };
}
