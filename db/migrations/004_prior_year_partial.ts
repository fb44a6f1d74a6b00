// A published disclosure often gives only last year's total. prior_year so far required all four
// figures; SQLite cannot drop NOT NULL, so the table is rebuilt with every figure nullable (NULL =
// not known, never 0), 机关运行经费 added, and where the figures came from (the budget file, or the
// clerk's 上年数 panel) so 往年对比 can say so. Existing rows keep their four figures.
import type { Migration } from './types';

export const migration: Migration = {
  version: 4,
  name: 'prior_year_partial',
  up: `
CREATE TABLE prior_year_new (
  budget_id        INTEGER PRIMARY KEY REFERENCES budgets(id) ON DELETE CASCADE,
  year             INTEGER NOT NULL,
  total_fen        INTEGER CHECK (total_fen IS NULL OR typeof(total_fen) = 'integer'),
  basic_fen        INTEGER CHECK (basic_fen IS NULL OR typeof(basic_fen) = 'integer'),
  project_fen      INTEGER CHECK (project_fen IS NULL OR typeof(project_fen) = 'integer'),
  three_public_fen INTEGER CHECK (three_public_fen IS NULL OR typeof(three_public_fen) = 'integer'),
  office_cost_fen  INTEGER CHECK (office_cost_fen IS NULL OR typeof(office_cost_fen) = 'integer'),
  origin           TEXT NOT NULL DEFAULT 'file' CHECK (origin IN ('file','manual')),
  CHECK (coalesce(total_fen, basic_fen, project_fen, three_public_fen, office_cost_fen) IS NOT NULL)
);
INSERT INTO prior_year_new (budget_id, year, total_fen, basic_fen, project_fen, three_public_fen)
  SELECT budget_id, year, total_fen, basic_fen, project_fen, three_public_fen FROM prior_year;
DROP TABLE prior_year;
ALTER TABLE prior_year_new RENAME TO prior_year;
`,
};
