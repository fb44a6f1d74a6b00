// Backup channels (contract: ./backup-contract.ts; work: db/backup.ts). The engine owns one
// BackupScheduler: a backup when a database is opened, then every N minutes while edits happen.
import { dirname, join } from 'node:path';
import { BACKUP_REASON_NAMES, BackupScheduler, createBackup, listBackups, restoreBackup, type BackupEntry } from '../../db/backup';
import type { BudgetDb } from '../../db/open';
import type { BackupDto } from './backup-contract';
import { desktopOnly } from './desktop-only';
import type { EngineApi, ImplMap } from './handlers';

type BackupChannel = 'backup.list' | 'backup.now' | 'backup.restore' | 'dialog.saveBackup' | 'dialog.restoreBackup';

const dto = (e: BackupEntry): BackupDto => ({ file: e.file, path: e.path, createdAt: e.createdAt.toISOString(), reason: e.reason, reasonName: BACKUP_REASON_NAMES[e.reason], size: e.size });

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

export function backupHandlers(api: EngineApi): ImplMap<BackupChannel> {
  const scheduler = backupSchedulerFor(api.ctx);
  const dir = (d: BudgetDb) => scheduler.dirFor(d);
  return {
    'backup.list': () => {
      const d = api.db();
      return { dir: dir(d), backups: listBackups(dir(d)).map(dto) };
    },
    'backup.now': async () => {
      const d = api.db();
      await scheduler.idle();
      return dto(await createBackup(d, dir(d), 'manual'));
    },
    'backup.restore': async ({ path }) => {
      const d = api.db();
      await scheduler.idle();
      const r = await restoreBackup(d, path, dir(d));
      api.invalidate(); // undo history and catalog caches describe the replaced content
      return { restoredFrom: r.restoredFrom, safetyBackup: dto(r.safetyBackup) };
    },
    'dialog.saveBackup': desktopOnly('另存备份…', '请输入备份文件的路径'),
    'dialog.restoreBackup': desktopOnly('从备份恢复…', '请输入备份文件的路径'),
  };
}
