// The first schema. Amounts are INTEGER 分 (CHECK typeof = 'integer' so a REAL can never slip in).
// Lines refer to units and projects by (budget_id, code) so that loadBudget reads lines with one
// SELECT and no join; ON UPDATE CASCADE keeps them right when a code is renamed.
import type { Migration } from './types';

const KINDS = `'basic','project','operating','remit','subsidy'`;
const SOURCES = `'general','fund','soe','special','business','operating','superior','affiliate','other'`;

export const migration: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE catalogs (
  year   INTEGER NOT NULL,
  kind   TEXT NOT NULL CHECK (kind IN ('function','economic')),
  code   TEXT NOT NULL CHECK (code GLOB '[0-9]*' AND length(code) IN (3,5,7)),
  name   TEXT NOT NULL CHECK (name <> ''),
  origin TEXT NOT NULL CHECK (origin IN ('builtin','file','import','manual')),
  PRIMARY KEY (year, kind, code)
) WITHOUT ROWID;

CREATE TABLE departments (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name TEXT NOT NULL
);

CREATE TABLE budgets (
  id            INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
  year          INTEGER NOT NULL,
  finalized     INTEGER NOT NULL DEFAULT 0 CHECK (finalized IN (0,1)),
  assets_as_of  TEXT,
  names_json    TEXT,            -- the budget file's "names", as given
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (department_id, year)
);

CREATE TABLE units (
  id        INTEGER PRIMARY KEY,
  budget_id INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  code      TEXT NOT NULL CHECK (code <> ''),
  name      TEXT NOT NULL,
  nature    TEXT NOT NULL DEFAULT '',
  grade     TEXT NOT NULL DEFAULT '',
  funding   TEXT NOT NULL DEFAULT '',
  UNIQUE (budget_id, code)
);

CREATE TABLE projects (
  id        INTEGER PRIMARY KEY,
  budget_id INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  code      TEXT NOT NULL CHECK (code <> ''),
  name      TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  purpose   TEXT NOT NULL DEFAULT '',
  plan_mar  TEXT,
  plan_jun  TEXT,
  plan_oct  TEXT,
  plan_dec  TEXT,
  UNIQUE (budget_id, code),
  FOREIGN KEY (budget_id, unit_code) REFERENCES units(budget_id, code) ON UPDATE CASCADE
);
CREATE INDEX projects_unit ON projects(budget_id, unit_code);

CREATE TABLE project_goals (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (project_id, seq)
) WITHOUT ROWID;

CREATE TABLE indicators (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  level1      TEXT NOT NULL,
  level2      TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  op          TEXT NOT NULL DEFAULT '',
  value       TEXT NOT NULL DEFAULT '',
  unit        TEXT NOT NULL DEFAULT '',
  basis       TEXT NOT NULL DEFAULT '',
  UNIQUE (project_id, seq)
);

CREATE TABLE lines (
  id            INTEGER PRIMARY KEY,
  budget_id     INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  unit_code     TEXT NOT NULL,
  function_code TEXT NOT NULL CHECK (length(function_code) = 7 AND function_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  economic_code TEXT NOT NULL CHECK (length(economic_code) = 5 AND economic_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
  kind          TEXT NOT NULL CHECK (kind IN (${KINDS})),
  source        TEXT NOT NULL CHECK (source IN (${SOURCES})),
  carryover     INTEGER NOT NULL DEFAULT 0 CHECK (carryover IN (0,1)),
  amount_fen    INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen > 0),
  project_code  TEXT,
  memo          TEXT,
  CHECK ((kind = 'project') = (project_code IS NOT NULL)),
  FOREIGN KEY (budget_id, unit_code) REFERENCES units(budget_id, code) ON UPDATE CASCADE,
  FOREIGN KEY (budget_id, project_code) REFERENCES projects(budget_id, code) ON UPDATE CASCADE
);
-- (budget_id, rowid) order = insertion order: loadBudget needs no sort step.
CREATE INDEX lines_budget ON lines(budget_id);
CREATE INDEX lines_unit ON lines(budget_id, unit_code);
CREATE INDEX lines_project ON lines(budget_id, project_code) WHERE project_code IS NOT NULL;

CREATE TABLE procurement (
  id             INTEGER PRIMARY KEY,
  budget_id      INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  project_code   TEXT,           -- NULL: not tied to a project
  item           TEXT NOT NULL,
  catalog        TEXT NOT NULL DEFAULT '',
  measure        TEXT NOT NULL DEFAULT '',
  quantity       TEXT NOT NULL DEFAULT '',
  unit_price_fen INTEGER CHECK (unit_price_fen IS NULL OR (typeof(unit_price_fen) = 'integer' AND unit_price_fen >= 0)),
  source         TEXT NOT NULL CHECK (source IN (${SOURCES})),
  carryover      INTEGER NOT NULL DEFAULT 0 CHECK (carryover IN (0,1)),
  amount_fen     INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen > 0),
  sme_fen        INTEGER CHECK (sme_fen IS NULL OR (typeof(sme_fen) = 'integer' AND sme_fen >= 0)),
  FOREIGN KEY (budget_id, project_code) REFERENCES projects(budget_id, code) ON UPDATE CASCADE
);
CREATE INDEX procurement_budget ON procurement(budget_id, seq);
CREATE INDEX procurement_project ON procurement(budget_id, project_code) WHERE project_code IS NOT NULL;

CREATE TABLE assets (
  id        INTEGER PRIMARY KEY,
  budget_id INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  item      TEXT NOT NULL,
  quantity  TEXT NOT NULL DEFAULT '',
  value_fen INTEGER NOT NULL CHECK (typeof(value_fen) = 'integer' AND value_fen >= 0)
);
CREATE INDEX assets_budget ON assets(budget_id, seq);

-- The clerk's 情况说明 text, the budget file's narrative object as JSON (free keys included).
CREATE TABLE narrative (
  budget_id INTEGER PRIMARY KEY REFERENCES budgets(id) ON DELETE CASCADE,
  json      TEXT NOT NULL CHECK (json_valid(json))
);

-- Last year's figures as given by the budget file's "priorYear".
CREATE TABLE prior_year (
  budget_id        INTEGER PRIMARY KEY REFERENCES budgets(id) ON DELETE CASCADE,
  year             INTEGER NOT NULL,
  total_fen        INTEGER NOT NULL CHECK (typeof(total_fen) = 'integer'),
  basic_fen        INTEGER NOT NULL CHECK (typeof(basic_fen) = 'integer'),
  project_fen      INTEGER NOT NULL CHECK (typeof(project_fen) = 'integer'),
  three_public_fen INTEGER NOT NULL CHECK (typeof(three_public_fen) = 'integer')
);

-- Further prior-year figures by key (e.g. imported from last year's published workbook).
CREATE TABLE prior_figures (
  budget_id  INTEGER NOT NULL REFERENCES budgets(id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'),
  label      TEXT NOT NULL DEFAULT '',
  origin     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (budget_id, key)
) WITHOUT ROWID;

-- Unknown top-level keys of an imported budget file, kept for export.
CREATE TABLE budget_extra (
  budget_id INTEGER PRIMARY KEY REFERENCES budgets(id) ON DELETE CASCADE,
  json      TEXT NOT NULL CHECK (json_valid(json))
);
`,
};
