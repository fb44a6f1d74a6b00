// Contract pieces of the disclosure PDF export, the database-copy download and 打开所在文件夹. Spread into
// contract.ts argSchemas / ResultTypes. Kept free of value imports from contract.ts (which imports this file).
import { z } from 'zod';
import { budgetRefSchema as budgetRef, pathSchema } from './ref-schemas';
import type { ExportFile } from './contract';

export const exportArgSchemas = {
  /** The whole 部门预算公开 as PDF (目录 with page numbers). An export channel: the engine returns the bytes,
   *  the transport saves (Electron save dialog) or downloads (browser). The engine prints with the system
   *  Chromium (core/export/pdf); Electron main prints with webContents.printToPDF instead. */
  'export.pdf': z.object({ budget: budgetRef }),
  /** A consistent copy of the open database (SQLite online backup) as an export: browser mode downloads it
   *  (另存备份); the desktop app uses dialog.saveBackup instead. */
  'export.databaseCopy': z.object({}),
  /** Desktop only: show an exported file in the system file manager. Main accepts only paths that one of its
   *  save dialogs returned in this session; the engine (browser mode) refuses. */
  'shell.showExportFolder': z.object({ path: pathSchema }),
} as const;

export interface ExportResults {
  'export.pdf': ExportFile;
  'export.databaseCopy': ExportFile;
  'shell.showExportFolder': { shown: true };
}
