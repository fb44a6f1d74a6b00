// 控制数 (spec control-figures.md): one row per cell of a department-year. NULL unit: the whole department;
// NULL kind: both kinds; NULL project: all projects. The unique index makes a duplicate cell impossible.
import type { Migration } from './types';

export const migration: Migration = {
  version: 9,
  name: 'control',
  up: `
CREATE TABLE control (
  id           INTEGER PRIMARY KEY,
  budget_id    INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  unit_code    TEXT,
  source       TEXT NOT NULL CHECK (source IN ('general','fund','soe','special')),
  kind         TEXT CHECK (kind IS NULL OR kind IN ('basic','project')),
  project_code TEXT,
  amount_fen   INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen >= 0),
  CHECK (project_code IS NULL OR kind = 'project'),
  FOREIGN KEY (budget_id, unit_code) REFERENCES units(budget_id, code) ON UPDATE CASCADE,
  FOREIGN KEY (budget_id, project_code) REFERENCES projects(budget_id, code) ON UPDATE CASCADE
);
CREATE UNIQUE INDEX control_cell ON control(budget_id, coalesce(unit_code, ''), source, coalesce(kind, ''), coalesce(project_code, ''));
`,
};
