// The totals 预算明细 shows after every edit (总计/基本/项目/人员/公用/财政拨款) were a GROUP BY over all of a
// budget's lines: cheap at 30,000 lines, 50+ ms at 300,000 — an edit cost grew with the budget. These
// triggers keep one row per (budget, kind, source, economic code) up to date inside the same
// transaction as the change of the line, whoever writes it (import, edits, undo, merge, new year), so
// budgetTotals reads a few hundred rows whatever the budget's size. Rows that drop to n = 0 stay (harmless).
import type { Migration } from './types';

const KEY = 'budget_id, kind, source, economic_code';
const add = (r: 'NEW') => `INSERT INTO line_totals (${KEY}, amount_fen, n) VALUES (${r}.budget_id, ${r}.kind, ${r}.source, ${r}.economic_code, ${r}.amount_fen, 1)
    ON CONFLICT (${KEY}) DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, n = n + 1;`;
const sub = (r: 'OLD') => `UPDATE line_totals SET amount_fen = amount_fen - ${r}.amount_fen, n = n - 1
    WHERE budget_id = ${r}.budget_id AND kind = ${r}.kind AND source = ${r}.source AND economic_code = ${r}.economic_code;`;

export const migration: Migration = {
  version: 5,
  name: 'line_totals',
  up: `
CREATE TABLE line_totals (
  budget_id     INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  source        TEXT NOT NULL,
  economic_code TEXT NOT NULL,
  amount_fen    INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (${KEY})
) WITHOUT ROWID;
INSERT INTO line_totals (${KEY}, amount_fen, n)
  SELECT ${KEY}, sum(amount_fen), count(*) FROM lines GROUP BY ${KEY};
CREATE TRIGGER lines_totals_insert AFTER INSERT ON lines BEGIN
  ${add('NEW')}
END;
CREATE TRIGGER lines_totals_delete AFTER DELETE ON lines BEGIN
  ${sub('OLD')}
END;
CREATE TRIGGER lines_totals_update AFTER UPDATE OF budget_id, kind, source, economic_code, amount_fen ON lines BEGIN
  ${sub('OLD')}
  ${add('NEW')}
END;
`,
};
