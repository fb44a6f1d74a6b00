// Exports. Each export channel's engine result is an ExportFile (base64); the transport turns it into an
// ExportOutcome (Electron: save dialog + write; browser: download; e2e: a temp folder). The PDF is printed
// here with the system Chromium (core/export/pdf); Electron main prints with printToPDF instead.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { serializeBudgetFile, unfinishedForFile } from '../../core/budget-file';
import { ChromiumNotFoundError, exportDisclosurePdf } from '../../core/export/pdf';
import { deriveTables, tableFigures } from '../../core/tables';
import { writeBackup } from '../../db/backup';
import { loadDisclosureInputs } from '../../db/disclosure';
import { Refusal } from '../../db/errors';
import { internalFailureMessage } from '../../db/error-log';
import { desktopOnly } from '../desktop-only';
import { disclosurePdfName, safeName } from '../file-names';
import { method } from '../method';
import type { ExportFile } from '../result';
import { budgetRefSchema as budgetRef, pathSchema, withBudget } from '../schemas';

const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64');

export const exporting = {
  'export.workbook': method(withBudget({}), async ({ budget }, api): Promise<ExportFile> => {
    const b = api.budget(budget);
    // exceljs is loaded on first export only: it is the slow part of start-up.
    const { writeWorkbook } = await import('../../core/export/xlsx');
    const i = loadDisclosureInputs(api.db(), b.id, { withoutLines: true });
    const data = await writeWorkbook(deriveTables(i.budget, i.catalogs, tableFigures(i.budget, i.lines)));
    return {
      fileName: safeName(`${b.deptCode}${b.deptName}${b.year}年部门预算公开表.xlsx`),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: b64(data),
    };
  }),
  /** The budget file (dept-budget/1) of one budget. */
  'export.budgetFile': method(withBudget({}), ({ budget }, api): ExportFile => {
    const b = api.budget(budget);
    const forFile = loadDisclosureInputs(api.db(), b.id).forFile();
    const unfinished = unfinishedForFile(forFile);
    if (unfinished) throw new Refusal('validation', unfinished);
    return { fileName: safeName(`${b.deptCode}-${b.year}.budget.json`), mime: 'application/json', data: b64(serializeBudgetFile(forFile)) };
  }),
  /** The whole 部门预算公开 as PDF (目录 with page numbers). */
  'export.pdf': method(z.object({ budget: budgetRef }), async ({ budget }, api): Promise<ExportFile> => {
    const { budget: b, catalogs, prior, lines } = loadDisclosureInputs(api.db(), api.budget(budget).id, { withoutLines: true });
    let bytes: Uint8Array;
    try {
      const tf = tableFigures(b, lines); // one derivation for the tables and the 情况说明
      bytes = await exportDisclosurePdf({ budget: b, catalogs, tables: deriveTables(b, catalogs, tf), tableFigures: tf, prior: prior() });
    } catch (e) {
      // findChromium's message already says what was searched and how to fix it.
      if (e instanceof ChromiumNotFoundError) throw new Refusal('io', e.message);
      throw new Refusal('io', internalFailureMessage(e, '生成 PDF'));
    }
    return { fileName: disclosurePdfName(b), mime: 'application/pdf', data: b64(bytes) };
  }),
  /** A consistent copy of the open database (SQLite online backup) as an export: browser mode downloads it
   *  (另存备份); the desktop app uses dialog.saveBackup instead. */
  'export.databaseCopy': method(z.object({}), async (_a, api): Promise<ExportFile> => {
    const d = api.db();
    // The online backup writes a file; read it back and drop it (the transport saves/downloads the bytes).
    const dir = mkdtempSync(join(tmpdir(), 'budgetdesk-copy-'));
    try {
      const file = join(dir, 'copy.sqlite');
      await writeBackup(d, file);
      const stamp = new Date().toISOString().slice(0, 10);
      return {
        fileName: safeName(`${basename(d.path, extname(d.path))}-备份-${stamp}.sqlite`),
        mime: 'application/vnd.sqlite3',
        data: readFileSync(file).toString('base64'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }),
  /** Desktop only: show an exported file in the system file manager. Main accepts only paths that one of its
   *  save dialogs returned in this session; the engine (browser mode) refuses. */
  'shell.showExportFolder': method(z.object({ path: pathSchema }), desktopOnly<{ shown: true }>('打开所在文件夹')),
};
