// Backup channels' argument schemas and result types (implementation: electron/ipc/backup-handlers.ts,
// db/backup.ts). No node imports: the renderer imports the contract. 另存备份 is the core channel
// `db.backup`; in the desktop app the renderer uses `dialog.saveBackup` (main shows the save dialog and
// refuses a renderer-supplied path, so backups are written only where the clerk chose).
import { z } from 'zod';
import { pathSchema } from './ref-schemas';
import type { BackupReason } from '../../db/backup'; // type only: erased, the renderer bundle stays node-free

export const backupArgSchemas = {
  /** The open database's automatic backups, newest first, and their folder. */
  'backup.list': z.object({}),
  /** A backup into the backup folder now (立即备份). */
  'backup.now': z.object({}),
  /** 从备份恢复: a file from backup.list, or any BudgetDesk database/backup the clerk picked. The current
   *  state is first saved as a 'before-restore' backup; undo history is cleared; the renderer reloads. */
  'backup.restore': z.object({ path: pathSchema }),
  /** Desktop only: save dialog, then db.backup to the chosen file. Value null = cancelled. */
  'dialog.saveBackup': z.object({}),
  /** Desktop only: open dialog (starting in the backup folder), confirmation, then backup.restore. Null = cancelled. */
  'dialog.restoreBackup': z.object({}),
} as const;

export type { BackupReason };
export interface BackupDto {
  file: string;
  path: string;
  /** ISO 8601 (UTC); the UI shows it in local time. */
  createdAt: string;
  reason: BackupReason;
  /** 打开时 / 定时 / 手动 / 恢复前 */
  reasonName: string;
  size: number;
}
export interface BackupListDto { dir: string; backups: BackupDto[] }
export interface RestoreDto { restoredFrom: string; safetyBackup: BackupDto }

export interface BackupResults {
  'backup.list': BackupListDto;
  'backup.now': BackupDto;
  'backup.restore': RestoreDto;
  'dialog.saveBackup': { path: string } | null;
  'dialog.restoreBackup': RestoreDto | null;
}
