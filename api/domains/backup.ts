// Backups (work: db/backup.ts). The engine owns one BackupScheduler: a backup when a database is opened,
// then every N minutes while edits happen. 另存备份 to a chosen path is `db.backup` (domains/app.ts); in the
// desktop app the renderer uses `dialog.saveBackup` (main shows the save dialog and refuses a
// renderer-supplied path, so backups are written only where the clerk chose).
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { BACKUP_REASON_NAMES, BackupScheduler, createBackup, listBackups, restoreBackup, type BackupEntry } from '../../db/backup';
import type { BackupWriter } from '../../db/bulk-write';
import type { BudgetDb } from '../../db/open';
import { desktopOnly } from '../desktop-only';
import { method, type EngineApi } from '../method';
import { pathSchema } from '../schemas';

const dto = (e: BackupEntry) => ({
  file: e.file,
  path: e.path,
  /** ISO 8601 (UTC); the UI shows it in local time. */
  createdAt: e.createdAt.toISOString(),
  reason: e.reason,
  /** 打开时 / 定时 / 手动 / 恢复前 */
  reasonName: BACKUP_REASON_NAMES[e.reason],
  size: e.size,
});
export type BackupDto = ReturnType<typeof dto>;
export interface RestoreDto {
  restoredFrom: string;
  safetyBackup: BackupDto;
}

/** Where automatic backups live: "<data folder>/backups/<db>-<hash>/" (the data folder holds the default database). */
export function backupRoot(defaultDbPath: string): string {
  return join(dirname(defaultDbPath), 'backups');
}

/** One scheduler per engine (keyed by its context object). */
const schedulers = new WeakMap<object, BackupScheduler>();
export function backupSchedulerFor(ctx: { defaultDbPath: string; backupIntervalMinutes?: number }): BackupScheduler {
  let s = schedulers.get(ctx);
  if (!s) schedulers.set(ctx, (s = new BackupScheduler({ root: backupRoot(ctx.defaultDbPath), intervalMinutes: ctx.backupIntervalMinutes })));
  return s;
}

const dirOf = (ctx: { defaultDbPath: string }, d: BudgetDb) => backupSchedulerFor(ctx).dirFor(d);

/** Backups before bulk writes (db/bulk-write.ts) go to the backup folder, after any automatic one in progress. */
export function backupWriter(api: EngineApi): BackupWriter {
  return async (reason) => {
    const d = api.db();
    await backupSchedulerFor(api.ctx).idle();
    return (await createBackup(d, dirOf(api.ctx, d), reason)).path;
  };
}

export const backup = {
  /** The open database's automatic backups, newest first, and their folder. */
  'backup.list': method(z.object({}), (_a, api) => {
    const d = api.db();
    return { dir: dirOf(api.ctx, d), backups: listBackups(dirOf(api.ctx, d)).map(dto) };
  }),
  /** A backup into the backup folder now (立即备份). */
  'backup.now': method(z.object({}), async (_a, api) => {
    const d = api.db();
    await backupSchedulerFor(api.ctx).idle();
    return dto(await createBackup(d, dirOf(api.ctx, d), 'manual'));
  }),
  /** 从备份恢复: a file from backup.list, or any BudgetDesk database/backup the clerk picked. The current
   *  state is first saved as a 'before-restore' backup; undo history is cleared; the renderer reloads. */
  'backup.restore': method(z.object({ path: pathSchema }), async ({ path }, api): Promise<RestoreDto> => {
    const d = api.db();
    await backupSchedulerFor(api.ctx).idle();
    const r = await restoreBackup(d, path, dirOf(api.ctx, d));
    api.invalidate(); // undo history and catalog caches describe the replaced content
    return { restoredFrom: r.restoredFrom, safetyBackup: dto(r.safetyBackup) };
  }),
  /** Desktop only: save dialog, then db.backup to the chosen file. Value null = cancelled. */
  'dialog.saveBackup': method(z.object({}), desktopOnly<{ path: string } | null>('另存备份…', '请输入备份文件的路径')),
  /** Desktop only: open dialog (starting in the backup folder), confirmation, then backup.restore. Null = cancelled. */
  'dialog.restoreBackup': method(z.object({}), desktopOnly<RestoreDto | null>('从备份恢复…', '请输入备份文件的路径')),
};
