// The per-budget (kind, source, economic code) aggregate of line amounts that 预算明细's totals read
// (migration 005), and the bulk path that keeps it without a trigger call per inserted line.
import type { BudgetDb } from './open';

const KEY = 'budget_id, kind, source, economic_code';
const add = `INSERT INTO line_totals (${KEY}, amount_fen, n) VALUES (NEW.budget_id, NEW.kind, NEW.source, NEW.economic_code, NEW.amount_fen, 1)
    ON CONFLICT (${KEY}) DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, n = n + 1;`;
const sub = `UPDATE line_totals SET amount_fen = amount_fen - OLD.amount_fen, n = n - 1
    WHERE budget_id = OLD.budget_id AND kind = OLD.kind AND source = OLD.source AND economic_code = OLD.economic_code;`;

export const LINE_TOTALS_TABLE = `CREATE TABLE line_totals (
  budget_id     INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  source        TEXT NOT NULL,
  economic_code TEXT NOT NULL,
  amount_fen    INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (${KEY})
) WITHOUT ROWID;`;

export const INSERT_TRIGGER = `CREATE TRIGGER lines_totals_insert AFTER INSERT ON lines BEGIN
  ${add}
END;`;
export const LINE_TOTALS_TRIGGERS = `${INSERT_TRIGGER}
CREATE TRIGGER lines_totals_delete AFTER DELETE ON lines BEGIN
  ${sub}
END;
CREATE TRIGGER lines_totals_update AFTER UPDATE OF budget_id, kind, source, economic_code, amount_fen ON lines BEGIN
  ${sub}
  ${add}
END;`;

/** Recomputes one budget's aggregate from its lines (one GROUP BY over the covering index lines_totals). */
export function refreshLineTotals(db: BudgetDb, budgetId: number): void {
  db.stmt('DELETE FROM line_totals WHERE budget_id = ?').run(budgetId);
  db.stmt(`INSERT INTO line_totals (${KEY}, amount_fen, n) SELECT ${KEY}, sum(amount_fen), count(*) FROM lines WHERE budget_id = ? GROUP BY kind, source, economic_code`).run(budgetId);
}

/** Below this many lines, the per-line trigger is cheaper than a GROUP BY over the whole budget. */
export const BULK_LINES = 2_000;

/**
 * Inserts many lines of one budget without the per-line trigger (which would cost about a third more on a
 * 300,000-line import), then recomputes that budget's aggregate once. Must run inside the caller's
 * transaction: the trigger is dropped and re-created in it, so a rollback restores it with everything else.
 */
export function withBulkLines(db: BudgetDb, budgetId: number, insert: () => void): void {
  if (!db.sqlite.inTransaction) throw new Error('withBulkLines: not inside a transaction');
  db.sqlite.exec('DROP TRIGGER IF EXISTS lines_totals_insert');
  try {
    insert();
  } finally {
    db.sqlite.exec(INSERT_TRIGGER);
  }
  refreshLineTotals(db, budgetId);
}
