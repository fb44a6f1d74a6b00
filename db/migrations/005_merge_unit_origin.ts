// 合并单位预算 replaces "that unit's part": lines and projects name their unit, but procurement rows
// without a project and asset rows do not. A merged unit file's rows remember the unit they came
// with, so that replacing the unit removes exactly them. NULL: entered for the department as a whole.
import type { Migration } from './types';

export const migration: Migration = {
  version: 5,
  name: 'merge_unit_origin',
  up: `
ALTER TABLE procurement ADD COLUMN unit_code TEXT;
ALTER TABLE assets ADD COLUMN unit_code TEXT;
CREATE INDEX procurement_unit ON procurement(budget_id, unit_code) WHERE unit_code IS NOT NULL;
CREATE INDEX assets_unit ON assets(budget_id, unit_code) WHERE unit_code IS NOT NULL;
`,
};
