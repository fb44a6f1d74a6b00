// The data location shared by the desktop app and browser mode, and the settings file (last database).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { defaultDbPath, readSettings, startupDb, userDataDir, writeSettings } from '../api/paths';
import { tempDir } from './helpers/db';

let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(() => tmp?.cleanup());

it('matches Electron userData for productName BudgetDesk on each platform', () => {
  expect(userDataDir({}, 'linux', '/home/k')).toBe('/home/k/.config/BudgetDesk');
  expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/k')).toBe('/x/BudgetDesk');
  expect(userDataDir({}, 'darwin', '/Users/k')).toBe('/Users/k/Library/Application Support/BudgetDesk');
  expect(userDataDir({ APPDATA: 'C:\\Users\\k\\AppData\\Roaming' }, 'win32', 'C:\\Users\\k')).toBe(join('C:\\Users\\k\\AppData\\Roaming', 'BudgetDesk'));
  expect(userDataDir({ BUDGETDESK_DATA_DIR: '/data' }, 'linux', '/home/k')).toBe('/data');
  expect(defaultDbPath('/data')).toBe(join('/data', 'budgetdesk.sqlite'));
});

it('remembers the last database only while it exists; damaged settings are ignored', () => {
  tmp = tempDir();
  expect(startupDb(tmp.dir)).toBeNull();
  const db = tmp.file('a.sqlite');
  writeSettings({ lastDb: db }, tmp.dir);
  expect(startupDb(tmp.dir)).toBeNull(); // not created yet
  writeFileSync(db, '');
  expect(startupDb(tmp.dir)).toBe(db);
  writeSettings({ lastExportDir: tmp.dir }, tmp.dir);
  expect(readSettings(tmp.dir)).toEqual({ lastDb: db, lastExportDir: tmp.dir });
  writeFileSync(join(tmp.dir, 'settings.json'), '{not json');
  expect(readSettings(tmp.dir)).toEqual({});
});
