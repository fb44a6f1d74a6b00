import { fileRefusal } from './errors';
import type { BudgetDb } from './budget-db';

/**
 * Runs fn in one IMMEDIATE transaction (nested calls become savepoints). Any throw rolls everything
 * back and is rethrown; fn must be synchronous (better-sqlite3 refuses a promise and rolls back).
 */
export function inTransaction<T>(db: BudgetDb, fn: () => T): T {
  if (db.readonly) throw fileRefusal('readonly', '数据库是以只读方式打开的，不能修改');
  return db.sqlite.transaction(fn).immediate();
}
