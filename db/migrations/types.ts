import type Database from 'better-sqlite3';

/**
 * One schema step. Applied once, in its own transaction, after which PRAGMA user_version = version.
 * `up` is SQL (several statements allowed) or a function for steps that need code (data moves).
 */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}
