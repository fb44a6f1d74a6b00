// Where the open database stands, for what is kept between requests (db/budget-totals.ts, db/kept-budgets.ts):
// this connection's total_changes() (every row any statement or trigger wrote, committed or rolled back) and
// data_version (moved by another connection's commit). Any write since changes the stamp.
import type { BudgetDb } from './budget-db';

export interface Stamp {
  changes: number;
  version: number;
}

export function stampOf(db: BudgetDb): Stamp {
  const [changes, version] = db.stmt('SELECT total_changes(), data_version FROM pragma_data_version', { raw: true }).get() as [number, number];
  return { changes, version };
}

export const sameStamp = (a: Stamp, b: Stamp): boolean => a.changes === b.changes && a.version === b.version;
