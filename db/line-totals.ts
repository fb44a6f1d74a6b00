// The per-budget (kind, source, economic code) aggregate of line amounts that 预算明细's totals read
// (migration 006), and the bulk path that keeps it without a trigger call per inserted line.
import { digestOf } from '../core/line-digest';
import type { Line } from '../core/model';
import { addDigest, GRAINS_INSERT_TRIGGER, GRAINS_INSERT_TRIGGER_SQL } from './line-aggregates';
import type { BudgetDb } from './budget-db';

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

/** Below this many lines, the per-line trigger is cheaper than summing in JS and adding per group. */
export const BULK_LINES = 2_000;

/**
 * Inserts many lines of one budget without the per-line triggers (a trigger call per line costs about a
 * third more on a 300,000-line import): the lines' digest (core/line-digest.ts) is made once here; its groups
 * are added to the grain tables (db/line-aggregates.ts), and its per-economic-code grain, taken over 结转,
 * to line_totals — each group once, as the triggers would have added its lines one by one. Must run inside
 * the caller's transaction: the triggers are dropped and re-created in it, so a rollback restores them with
 * everything else.
 */
export function withBulkLines(db: BudgetDb, budgetId: number, lines: readonly Line[], insert: () => void): void {
  if (!db.sqlite.inTransaction) throw new Error('withBulkLines: not inside a transaction');
  db.sqlite.exec(`DROP TRIGGER IF EXISTS lines_totals_insert; DROP TRIGGER IF EXISTS ${GRAINS_INSERT_TRIGGER}`);
  try {
    insert();
  } finally {
    db.sqlite.exec(INSERT_TRIGGER + GRAINS_INSERT_TRIGGER_SQL);
  }
  const digest = digestOf(lines);
  addDigest(db, budgetId, digest);
  const add = db.stmt(`INSERT INTO line_totals (${KEY}, amount_fen, n) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (${KEY}) DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, n = n + excluded.n`);
  for (const g of digest.byEconomic) add.run(budgetId, g.kind, g.source, g.economic, g.amount, g.n);
}
