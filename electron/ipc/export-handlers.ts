// Engine side of the PDF export (system Chromium via core/export/pdf; Electron main intercepts the channel
// and prints with printToPDF), the database copy for download, and the desktop-only 打开所在文件夹.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { ChromiumNotFoundError, exportDisclosurePdf } from '../../core/export/pdf';
import { deriveTables, tableFigures } from '../../core/tables';
import { writeBackup } from '../../db/backup';
import { loadBudgetById } from '../../db/budgets';
import { getCatalogs } from '../../db/catalogs';
import { priorFiguresFor } from '../../db/years';
import { DbError } from '../../db/errors';
import { internalFailureMessage } from '../../db/error-log';
import { desktopOnly } from './desktop-only';
import { disclosurePdfName, safeName } from './file-names';
import type { EngineApi, ImplMap } from './handlers';

type ExportModuleChannel = 'export.pdf' | 'export.databaseCopy' | 'shell.showExportFolder';


export function exportHandlers(api: EngineApi): ImplMap<ExportModuleChannel> {
  return {
    'export.pdf': async ({ budget }) => {
      const info = api.budget(budget);
      const db = api.db();
      const b = loadBudgetById(db, info.id);
      const catalogs = getCatalogs(db, b.year);
      let bytes: Uint8Array;
      try {
        const tf = tableFigures(b); // one pass over the lines for the tables and the 情况说明
        bytes = await exportDisclosurePdf({ budget: b, catalogs, tables: deriveTables(b, catalogs, tf), tableFigures: tf, prior: priorFiguresFor(db, info.id) });
      } catch (e) {
        // findChromium's message already says what was searched and how to fix it.
        if (e instanceof ChromiumNotFoundError) throw new DbError('io', e.message);
        throw new DbError('io', internalFailureMessage(e, '生成 PDF'));
      }
      return { fileName: disclosurePdfName(b), mime: 'application/pdf', data: Buffer.from(bytes).toString('base64') };
    },
    'export.databaseCopy': async () => {
      const d = api.db();
      // The online backup writes a file; read it back and drop it (the transport saves/downloads the bytes).
      const dir = mkdtempSync(join(tmpdir(), 'budgetdesk-copy-'));
      try {
        const file = join(dir, 'copy.sqlite');
        await writeBackup(d, file);
        const stamp = new Date().toISOString().slice(0, 10);
        return { fileName: safeName(`${basename(d.path, extname(d.path))}-备份-${stamp}.sqlite`), mime: 'application/vnd.sqlite3', data: readFileSync(file).toString('base64') };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    'shell.showExportFolder': desktopOnly('打开所在文件夹'),
  };
}
