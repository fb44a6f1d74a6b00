// 定稿 must freeze what a year's disclosure reads from outside its own rows: last year's figures (比上年增减,
// the budget file's priorYear), 往年对比's rows against last year, and the 科目表 names and codes of its year.
// Each is stored when the year is finalized (db/finalize.ts) and read instead of the live sources while it
// stays finalized. finalize_log records every 定稿 and 解除定稿 with its time (and the clerk's reason).
import type { Migration } from './types';

export const migration: Migration = {
  version: 8,
  name: 'finalize_snapshot',
  up: `
CREATE TABLE finalize_snapshots (
  budget_id     INTEGER PRIMARY KEY REFERENCES budgets(id) ON DELETE CASCADE,
  prior_json    TEXT NOT NULL,
  compare_json  TEXT NOT NULL,
  catalogs_json TEXT NOT NULL,
  taken_at      TEXT NOT NULL
);
CREATE TABLE finalize_log (
  id        INTEGER PRIMARY KEY,
  budget_id INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  action    TEXT NOT NULL CHECK (action = 'finalize' OR action = 'unfinalize'),
  at        TEXT NOT NULL,
  reason    TEXT NOT NULL DEFAULT '',
  errors    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX finalize_log_budget ON finalize_log (budget_id, id);
`,
};
