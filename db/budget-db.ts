// The open database as every storage module sees it (db/open.ts opens it). Its own module, so that what
// opening runs (migrations, the catalog seed) can name it without importing the opener.
import type Database from 'better-sqlite3';

export interface BudgetDb {
  readonly sqlite: Database.Database;
  readonly path: string;
  readonly readonly: boolean;
  /** A prepared statement, cached per SQL text and read mode. The mode is set once, when the statement is
   *  prepared: a cached statement is shared, so callers never change it in place (.pluck()/.safeIntegers()). */
  stmt(sql: string, mode?: StatementMode): Database.Statement;
  close(): void;
}

/** How a reading statement answers: `pluck` the first column only; `raw` rows as arrays; `exact` integers as
 *  bigint (amounts in 分). */
export interface StatementMode {
  pluck?: boolean;
  raw?: boolean;
  exact?: boolean;
}
