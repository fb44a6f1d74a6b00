// A database as a newer BudgetDesk leaves it while open: its last commit (the version bump) still in the -wal.
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../../db/migrations';
import { isServed, serve, stopAll } from './serve';

/** `db` (and `db-wal`) written from a new database that browser mode created at `src`. */
export async function newerDbWithPendingWal(src: string, db: string, env: NodeJS.ProcessEnv): Promise<void> {
  const first = await serve(['--db', src], env);
  if (!isServed(first)) throw new Error(first.err);
  await stopAll();
  const live = new Database(src);
  live.pragma('journal_mode = WAL');
  live.pragma('wal_autocheckpoint = 0');
  live.pragma(`user_version = ${LATEST_VERSION + 1}`);
  writeFileSync(db, readFileSync(src));
  writeFileSync(`${db}-wal`, readFileSync(`${src}-wal`));
  live.close();
}
