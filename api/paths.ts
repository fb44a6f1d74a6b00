// Where BudgetDesk keeps its data, shared by the desktop app (electron/main.ts) and browser mode
// (server/serve.ts) so both open the same database by default. No electron import: it mirrors
// app.getPath('userData') for productName "BudgetDesk" on each platform.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const APP_NAME = 'BudgetDesk';
export const DB_FILE_NAME = 'budgetdesk.sqlite';

/** The per-user data folder: ~/.config/BudgetDesk (Linux), %APPDATA%\BudgetDesk, ~/Library/Application Support/BudgetDesk. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.BUDGETDESK_DATA_DIR) return env.BUDGETDESK_DATA_DIR; // tests and portable installs
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export function defaultDbPath(dataDir: string = userDataDir()): string {
  return join(dataDir, DB_FILE_NAME);
}

export interface Settings {
  /** The database opened last; reopened at start when it still exists. */
  lastDb?: string;
  /** Folder of the last export, offered first by the save dialog. */
  lastExportDir?: string;
  /** Databases opened or created from 开始, newest first (browser mode's 最近使用). */
  recentDbs?: string[];
}

/** How many recent databases 开始 offers. */
const RECENT_DBS = 8;

/** Where unexpected failures are logged in detail (README, 可靠性): "<user data folder>/logs/errors.log". */
export function errorLogPath(dataDir: string = userDataDir()): string {
  return join(dataDir, 'logs', 'errors.log');
}

export function settingsPath(dataDir: string = userDataDir()): string {
  return join(dataDir, 'settings.json');
}

export function readSettings(dataDir: string = userDataDir()): Settings {
  try {
    const v: unknown = JSON.parse(readFileSync(settingsPath(dataDir), 'utf8'));
    if (typeof v !== 'object' || v === null) return {};
    const o = v as Record<string, unknown>;
    const s: Settings = {};
    if (typeof o.lastDb === 'string') s.lastDb = o.lastDb;
    if (typeof o.lastExportDir === 'string') s.lastExportDir = o.lastExportDir;
    if (Array.isArray(o.recentDbs)) s.recentDbs = o.recentDbs.filter((x): x is string => typeof x === 'string').slice(0, RECENT_DBS);
    return s;
  } catch {
    return {}; // missing or damaged settings only cost the "reopen last" convenience
  }
}

/** Written to a temp file then renamed, so a crash never leaves half a settings file. */
export function writeSettings(patch: Settings, dataDir: string = userDataDir()): Settings {
  const next = { ...readSettings(dataDir), ...patch };
  const p = settingsPath(dataDir);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(`${p}.tmp`, JSON.stringify(next, null, 2));
  renameSync(`${p}.tmp`, p);
  return next;
}

/** Puts a database first in the recent list (its absolute path; the list keeps RECENT_DBS). */
export function rememberDb(path: string, dataDir: string = userDataDir()): void {
  const recent = readSettings(dataDir).recentDbs ?? [];
  writeSettings({ recentDbs: [path, ...recent.filter((p) => p !== path)].slice(0, RECENT_DBS) }, dataDir);
}

/** The recent databases that still exist. */
export function recentDbs(dataDir: string = userDataDir()): string[] {
  return (readSettings(dataDir).recentDbs ?? []).filter((p) => existsSync(p));
}

/** The database to open at start: the last one if it still exists, else null (the UI offers 新建/打开). */
export function startupDb(dataDir: string = userDataDir()): string | null {
  const last = readSettings(dataDir).lastDb;
  return last && existsSync(last) ? last : null;
}
