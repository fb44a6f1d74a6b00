// The database file: open/create/close, 另存备份 to a chosen path, and the desktop's file dialogs that
// open or create one (answered by Electron main; refused here).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { writeBackup } from '../../db/backup';
import { Refusal } from '../../db/errors';
import { guardWritePath } from '../../db/write-guard';
import { recentDbs, rememberDb } from '../paths';
import { desktopOnly } from '../desktop-only';
import { method, type EngineApi } from '../method';
import { pathSchema } from '../schemas';

export interface DbStatus {
  open: boolean;
  path: string | null;
  defaultPath: string;
}

/** The database just opened goes first in the recent list (kept in the data folder beside the default database),
 *  the one it replaced (e.g. browser mode's --db) right after it. */
function remember(api: EngineApi, previous: string | null): void {
  try {
    for (const p of [previous, api.dbPath()]) if (p) rememberDb(resolve(p), dirname(api.ctx.defaultDbPath));
  } catch {
    /* an unwritable data folder only costs the recent list */
  }
}

const dbStatus = (api: EngineApi): DbStatus => ({ open: api.dbPath() !== null, path: api.dbPath(), defaultPath: api.ctx.defaultDbPath });

export const db = {
  'db.status': method(z.object({}), (_a, api) => dbStatus(api)),
  'db.open': method(z.object({ path: pathSchema }), ({ path }, api) => {
    if (!existsSync(path)) throw new Refusal('not_found', `数据库文件“${path}”不存在`, { field: 'path' });
    const previous = api.dbPath();
    api.open(path, { create: false });
    remember(api, previous);
    return dbStatus(api);
  }),
  'db.create': method(z.object({ path: pathSchema }), ({ path }, api) => {
    // Never replace an existing file here: it may be someone's only copy of a budget.
    if (existsSync(path) && statSync(path).size > 0)
      throw new Refusal('conflict', `文件“${path}”已存在，未覆盖；要使用它请选择“打开数据库”`, { field: 'path' });
    // The guards of every file the app writes (as db.backup): never the open database's journal or lock, a
    // folder or a device.
    const current = api.dbPath();
    if (!existsSync(path)) guardWritePath(path, '数据库文件', { kind: 'backup', protect: current ? [current] : [], overwrite: false });
    mkdirSync(dirname(resolve(path)), { recursive: true });
    api.open(path, { create: true });
    remember(api, current);
    return dbStatus(api);
  }),
  /** Databases opened or created lately that still exist, newest first (开始's 最近使用). */
  'db.recent': method(z.object({}), (_a, api) => ({ paths: recentDbs(dirname(api.ctx.defaultDbPath)) })),
  /** Closes the open database (e.g. before the file is moved); budget calls then answer no_database. */
  'db.close': method(z.object({}), (_a, api) => {
    api.close();
    return dbStatus(api);
  }),
  /** SQLite online backup of the open database to path (另存备份). */
  'db.backup': method(z.object({ path: pathSchema, overwrite: z.boolean().optional() }), async ({ path, overwrite }, api) => {
    const d = api.db();
    if (resolve(path) === resolve(d.path)) throw new Refusal('validation', '备份文件不能是当前数据库本身，请选择其他文件名', { field: 'path' });
    // Never silently replace a file: the desktop save dialog asks first and then passes overwrite.
    if (existsSync(path) && overwrite !== true) throw new Refusal('conflict', `文件“${path}”已存在，未覆盖；请换一个文件名`, { field: 'path' });
    // Guarded (db/write-guard.ts): never the database's own files; an existing file only when it is a backup.
    await writeBackup(d, path, { overwrite: overwrite === true }); // temp file, verified, then renamed into place
    return { path: resolve(path) };
  }),
  /** Desktop only (main answers them with native dialogs): pick a file, then open/create it. Value null = the
   *  clerk cancelled. Browser mode uses db.open/db.create with a typed path. */
  'dialog.openDatabase': method(z.object({}), desktopOnly<DbStatus | null>('打开数据库…', '请输入数据库文件的路径')),
  'dialog.createDatabase': method(z.object({}), desktopOnly<DbStatus | null>('新建数据库…', '请输入数据库文件的路径')),
};
