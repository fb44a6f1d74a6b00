// The totals 预算明细 shows after every edit (总计/基本/项目/人员/公用/财政拨款) were a GROUP BY over all of a
// budget's lines: cheap at 30,000 lines, 50+ ms at 300,000 — an edit's cost grew with the budget. Triggers
// keep one row per (budget, kind, source, economic code) up to date inside the same transaction as the
// change of the line, whoever writes it (edits, undo, merge, import, new year), so budgetTotals reads a
// few hundred rows whatever the budget's size. Bulk inserts go around the insert trigger and recompute
// once (db/line-totals.ts withBulkLines). Rows that drop to n = 0 stay (harmless, skipped when read).
import { LINE_TOTALS_TABLE, LINE_TOTALS_TRIGGERS } from '../line-totals';
import type { Migration } from './types';

export const migration: Migration = {
  version: 6,
  name: 'line_totals',
  up: `
${LINE_TOTALS_TABLE}
INSERT INTO line_totals (budget_id, kind, source, economic_code, amount_fen, n)
  SELECT budget_id, kind, source, economic_code, sum(amount_fen), count(*) FROM lines GROUP BY budget_id, kind, source, economic_code;
${LINE_TOTALS_TRIGGERS}
`,
};
