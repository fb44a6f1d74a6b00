// 定稿 and 解除定稿 (channels years.finalize / years.unfinalize, `budget finalize`). 定稿 stores what the year's
// disclosure reads from outside its own rows (db/final-snapshot.ts) and records the event (db/finalize-log.ts),
// all in one transaction; while 错误 remain it goes through only when the clerk says so.
import { runChecks, summarizeFindings } from '../core/checks';
import { budgetById, budgetLabel } from './budget-info';
import { loadDisclosureInputs } from './disclosure';
import { Refusal } from './errors';
import { dropSnapshot, storeSnapshot } from './final-snapshot';
import { recordFinalizeEvent } from './finalize-log';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import { compareBudgetYears } from './years';

/** The longest reason for 解除定稿 a clerk may type. */
export const UNFINALIZE_REASON_MAX = 500;

/**
 * Marks a budget 定稿: from now on every write is refused until 解除定稿, and its disclosure reads what is
 * frozen here. Refused while 错误 remain unless `despiteErrors` (the UI shows the count and asks first).
 */
export function finalizeBudget(db: BudgetDb, budgetId: number, opts: { despiteErrors?: boolean } = {}): { errors: number } {
  return inTransaction(db, () => {
    const b = budgetById(db, budgetId);
    if (b.finalized) throw new Refusal('conflict', `${budgetLabel(b)}的预算已经定稿`);
    const live = loadDisclosureInputs(db, budgetId, { withoutLines: true });
    const errors = summarizeFindings(runChecks(live.budget, live.catalogs, live.prior(), { lines: live.lines })).errors;
    if (errors > 0 && opts.despiteErrors !== true) {
      throw new Refusal('validation', `${budgetLabel(b)}的预算还有 ${errors} 个错误（见“校验”页），未定稿；确需带着错误定稿，请确认后重试`, {
        field: 'despiteErrors',
      });
    }
    const c = compareBudgetYears(db, b.deptCode, b.year, b.year - 1);
    storeSnapshot(db, budgetId, {
      prior: live.prior(),
      catalogs: live.catalogs,
      compare: { comparison: c.comparison, borrowed: c.borrowed, priorFileName: c.priorFileName },
    });
    db.stmt(`UPDATE budgets SET finalized = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(budgetId);
    recordFinalizeEvent(db, budgetId, { action: 'finalize', reason: '', errors });
    return { errors };
  });
}

/** 解除定稿 — only with the clerk's explicit confirmation (the UI asks; the CLI needs --confirm); the reason the
 *  clerk typed goes into the record (the UI asks for one; older callers may give none). */
export function unfinalizeBudget(db: BudgetDb, budgetId: number, opts: { confirmed: boolean; reason?: string }): void {
  inTransaction(db, () => {
    const b = budgetById(db, budgetId);
    if (!b.finalized) throw new Refusal('conflict', `${budgetLabel(b)}的预算没有定稿，无需解除`);
    if (opts.confirmed !== true) throw new Refusal('validation', `解除定稿需要确认：${budgetLabel(b)}的预算已定稿，解除后可以再次修改，请确认后重试`);
    const reason = (opts.reason ?? '').trim();
    if (reason.length > UNFINALIZE_REASON_MAX) throw new Refusal('validation', `解除定稿的原因：不能超过 ${UNFINALIZE_REASON_MAX} 个字符`, { field: 'reason' });
    db.stmt(`UPDATE budgets SET finalized = 0, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(budgetId);
    // The year reads the live sources again; the next 定稿 freezes them anew.
    dropSnapshot(db, budgetId);
    recordFinalizeEvent(db, budgetId, { action: 'unfinalize', reason, errors: 0 });
  });
}
