// Main's bridge to the engine utilityProcess (electron/engine.ts), which owns the database: the client,
// restarted with the database reopened, and opening a database as main must know it (title, settings).
import { app, utilityProcess } from 'electron';
import { join } from 'node:path';
import type { DbStatus, Result } from '../api/contract';
import { userDataDir, writeSettings } from '../api/paths';
import { EngineClient } from './engine-client';
import { main, updateTitle } from './main-state';

export const engine = new EngineClient(
  () =>
    utilityProcess.fork(join(__dirname, 'engine.cjs'), [], {
      serviceName: 'BudgetDesk Engine',
      env: { ...process.env, BUDGETDESK_DATA_DIR: userDataDir(), BUDGETDESK_VERSION: app.getVersion() },
    }),
  // A restarted engine has no database open: reopen the current one.
  () => {
    if (main.dbPath && !main.quitting) void engine.call('db.open', { path: main.dbPath });
  },
);

export async function openDb(channel: 'db.open' | 'db.create', path: string): Promise<Result<DbStatus>> {
  const r = (await engine.call(channel, { path })) as Result<DbStatus>;
  if (r.ok) {
    main.dbPath = r.value.path;
    if (main.dbPath) writeSettings({ lastDb: main.dbPath });
    updateTitle();
  }
  return r;
}
