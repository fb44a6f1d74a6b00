// The engine: the handler map and the one SQLite connection, in an Electron utilityProcess so that
// database work never blocks the UI event loop, and so that every write goes through this one process.
// Protocol with main: electron/engine-loop.ts.
import { attachEngine } from './engine-loop';
import { createHandlers } from '../api/handlers';
import { useElectronSqliteBinding } from './native-binding';
import { setErrorLogFile } from '../db/error-log';
import { defaultDbPath, errorLogPath } from '../api/paths';

setErrorLogFile(errorLogPath());
useElectronSqliteBinding(); // before the first database is opened (better-sqlite3 loads its addon lazily)

attachEngine(process.parentPort, createHandlers({ mode: 'electron', defaultDbPath: defaultDbPath(), version: process.env.BUDGETDESK_VERSION ?? '0.0.0' }));
