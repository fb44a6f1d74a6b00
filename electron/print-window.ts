// The desktop app's PDF printer: the disclosure HTML (from the engine's disclosure.html channel) printed
// by a hidden, script-less, sandboxed BrowserWindow with webContents.printToPDF, in the two passes that
// core/export/pdf documents (first pass → pdfDestinationPages → second pass with the 目录 page numbers).
// Kept apart from main.ts, whose one visible window stays the only one built from the app's options.
import { app, BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pdfDestinationPages, PRINT_OPTIONS } from '../core/export/pdf/print';
import type { AppError, BudgetRef, DisclosureHtml, ExportFile, Result } from '../api/contract';
import { SECURE_WEB_PREFERENCES } from './window-options';

/** In-memory (no "persist:" prefix): nothing of the print window is kept. */
export const PRINT_PARTITION = 'budgetdesk-print';

type Call = (channel: 'disclosure.html', args: { budget: BudgetRef; pages?: Record<string, number> }) => Promise<Result<unknown>>;

async function printHtml(html: string, dir: string, n: number): Promise<Uint8Array> {
  // A file, not a data: URL: the disclosure of a large department is several MB of HTML.
  const file = join(dir, `disclosure-${n}.html`);
  await writeFile(file, html, 'utf8');
  // Its own in-memory session: the app session's CSP header (no inline <style>) is for the app's page, not
  // for this self-contained document; scripts are off, so nothing in it can run.
  const w = new BrowserWindow({ show: false, webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false, partition: PRINT_PARTITION } });
  try {
    await w.loadFile(file);
    const { preferCSSPageSize, printBackground, displayHeaderFooter, headerTemplate, footerTemplate } = PRINT_OPTIONS;
    return await w.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize, printBackground, displayHeaderFooter, headerTemplate, footerTemplate });
  } finally {
    w.destroy();
  }
}

/** The finished disclosure PDF as an ExportFile (the transport then shows the save dialog). */
export async function printDisclosurePdf(call: Call, budget: BudgetRef): Promise<Result<ExportFile>> {
  const dir = await mkdtemp(join(app.getPath('temp'), 'budgetdesk-pdf-'));
  try {
    const pass1 = (await call('disclosure.html', { budget })) as Result<DisclosureHtml>;
    if (!pass1.ok) return pass1;
    const pages = pdfDestinationPages(await printHtml(pass1.value.html, dir, 1));
    const pass2 = (await call('disclosure.html', { budget, pages })) as Result<DisclosureHtml>;
    if (!pass2.ok) return pass2;
    const pdf = await printHtml(pass2.value.html, dir, 2);
    return { ok: true, value: { fileName: pass2.value.fileName, mime: 'application/pdf', data: Buffer.from(pdf).toString('base64') } };
  } catch (e) {
    const error: AppError = { code: 'io', message: `生成 PDF 失败：${(e as Error).message}` };
    return { ok: false, error };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
