// The channel names, and nothing else the transports need to know: Electron main and preload, the engine
// loop, browser mode (server and renderer/http-bridge.ts) and the e2e bridge read this list. Zod-free and
// implementation-free, so that the renderer bundle and main stay small; api/api.ts proves at compile
// time (and test/api-channels.test.ts at run time) that it is exactly the handler map's keys.
import type { Result } from './result';

export const CHANNELS = [
  'app.info',
  'db.status',
  'db.open',
  'db.create',
  'db.close',
  'db.backup',
  'db.recent',
  'dialog.openDatabase',
  'dialog.createDatabase',
  'budgets.list',
  'budgets.create',
  'budgets.delete',
  'department.get',
  'department.update',
  'units.list',
  'units.add',
  'units.update',
  'units.delete',
  'lines.list',
  'lines.chunk',
  'lines.add',
  'lines.update',
  'lines.delete',
  'budget.totals',
  'edit.state',
  'edit.undo',
  'edit.redo',
  'catalog.search',
  'catalog.add',
  'catalog.import',
  'projects.list',
  'projects.add',
  'projects.update',
  'projects.delete',
  'projects.copyIndicators',
  'procurement.list',
  'procurement.add',
  'procurement.update',
  'procurement.delete',
  'assets.list',
  'assets.add',
  'assets.update',
  'assets.delete',
  'assets.setAsOf',
  'narrative.get',
  'narrative.set',
  'narrative.document',
  'tables.preview',
  'tables.list',
  'checks.run',
  'disclosure.html',
  'years.list',
  'years.finalize',
  'years.unfinalize',
  'years.finalizeLog',
  'years.create',
  'compare.get',
  'compare.series',
  'compare.seriesWorkbook',
  'compare.importPrior',
  'compare.deletePrior',
  'years.getPriorFigures',
  'years.setPriorFigures',
  'years.priorLineAmounts',
  'export.workbook',
  'export.budgetFile',
  'export.pdf',
  'export.databaseCopy',
  'shell.showExportFolder',
  'backup.list',
  'backup.now',
  'backup.restore',
  'dialog.saveBackup',
  'dialog.restoreBackup',
  'import.budgetFile',
  'import.replaced',
  'sheets.preview',
  'sheets.import',
  'merge.preview',
  'merge.apply',
  'summary.years',
  'summary.get',
  'summary.workbook',
  'control.list',
  'control.forLine',
  'control.save',
  'control.delete',
  'control.previewSheet',
  'control.importSheet',
  'control.handout',
] as const;

export type Channel = (typeof CHANNELS)[number];

const channelSet: ReadonlySet<string> = new Set(CHANNELS);
/** The allow-list: preload, main, the engine loop and the HTTP server refuse anything else. */
export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && channelSet.has(x);
}

/** The refusal the transports (preload, engine, browser client, e2e bundle) give for a channel outside the
 *  allow-list; main.ts spells the same check out where test/electron-security.test.ts pins it. */
export function unknownChannel(channel: unknown): Result<never> {
  return { ok: false, error: { code: 'forbidden', message: `未知的调用通道“${String(channel)}”` } };
}

/** The channels whose engine result is a file the transport saves/downloads. */
export const EXPORT_CHANNELS = [
  'export.workbook',
  'export.budgetFile',
  'export.pdf',
  'export.databaseCopy',
  'summary.workbook',
  'compare.seriesWorkbook',
  'control.handout',
] as const satisfies readonly Channel[];
export type ExportChannel = (typeof EXPORT_CHANNELS)[number];
export function isExportChannel(c: string): c is ExportChannel {
  return (EXPORT_CHANNELS as readonly string[]).includes(c);
}

/** Browser mode: the header that carries the server's random token on every `POST /api/<channel>`. */
export const TOKEN_HEADER = 'X-BudgetDesk-Token';
