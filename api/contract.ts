// What the renderer (and anything else that calls the engine) sees of the API, with no zod and no
// implementation in it: the channel list and its checks (channels.ts), the Result shape (result.ts), the CSP
// (csp.ts), and types only — argument and result types inferred from the methods in api/domains/
// (see api.ts). Conventions:
// - Amounts cross the boundary as 元 strings ("41650.50"); codes are strings; bigint never crosses
//   (tables.preview carries exact 分 as strings).
// - Every call resolves to a Result; a handler never rejects. Errors carry a Chinese message naming the field
//   and the reason; batch writes also carry row-level errors (`rows`).
// - A budget is addressed by `{dept, year}` (BudgetRef): department code + 预算年度.
// - Exports: the engine returns an ExportFile (base64); the transport turns it into an ExportOutcome.
// - Window title: the renderer sets document.title to "<部门编码> <部门名称> <year>年 — <db file> — 部门预算编制台"
//   (just "<db file> — 部门预算编制台" or "部门预算编制台" without a budget/database); Electron main shows it as is.
// - Menu 撤销/重做 arrive as MenuEvents; in a text field the renderer undoes typing, elsewhere calls edit.undo/redo.
import type { ArgsIn, Channel, ResultTypes } from './api';
import type { ExportChannel } from './channels';
import type { AppError, ExportOutcome, Result } from './result';

export { CHANNELS, isChannel, type Channel, type ExportChannel } from './channels';
export { CSP, CSP_HEADER } from './csp';
export { type AppError, type ErrorCode, type ExportFile, type ExportOutcome, type Result } from './result';
export { lineOfRow, type LineDto, type LineRow } from './line-row';
export type { Args, ArgsIn, RawHandlers, ResultTypes } from './api';
export type { BudgetRef } from './schemas';
export type { CatalogHit } from './domains/catalogs';
export type { DbStatus } from './domains/db';
export type { BackupDto, RestoreDto } from './domains/backup';
export type { NarrativeDocumentDto } from './domains/narrative';
export type { MergeDoneDto, MergePreviewDto } from './domains/consolidation';

/** What the renderer receives: the engine result, except exports which the transport turned into an outcome. */
export type RendererResult<K extends Channel> = K extends ExportChannel ? ExportOutcome : ResultTypes[K];

// The result types the pages name, each what its channel's implementation returns.
export type BudgetSummary = ResultTypes['budgets.list'][number];
export type UnitDto = ResultTypes['units.list'][number];
export type LineInput = ArgsIn<'lines.add'>['lines'][number];
export type Totals = ResultTypes['budget.totals'];
export type EditState = ResultTypes['edit.state'];
export type LineUpdated = ResultTypes['lines.update'];
export type ProjectDto = ResultTypes['projects.list'][number];
export type ProcurementDto = ResultTypes['procurement.list'][number];
export type AssetsDto = ResultTypes['assets.list'];
export type AssetDto = AssetsDto['rows'][number];
export type NarrativeDto = ResultTypes['narrative.get'];
export type ImportOutcome = ResultTypes['import.budgetFile'];
/** What 覆盖 replaces (the confirmation names it). */
export type ReplacedDto = NonNullable<ResultTypes['import.replaced']>;
export type SheetPreviewDto = ResultTypes['sheets.preview'];
export type SheetIndicatorPreviewDto = Extract<SheetPreviewDto, { kind: 'indicators' }>;
export type ChecksRunResult = ResultTypes['checks.run'];
export type DisclosureHtml = ResultTypes['disclosure.html'];
export type NewYearDto = ResultTypes['years.create'];
export type UnmappedCodeDto = Extract<NewYearDto, { status: 'needs-remap' }>['codes'][number];
export type BackupListDto = ResultTypes['backup.list'];

/** Menu commands main sends to the renderer (Electron only). Commands that need the current budget or
 *  the UI's focus are forwarded; 新建/打开数据库 and 导入预算文件 are done in main and reported afterwards. */
export type MenuEvent =
  | { type: 'db-changed'; status: ResultTypes['db.status'] }
  | { type: 'budget-imported'; outcome: ImportOutcome }
  | { type: 'export-workbook' }
  | { type: 'export-pdf' }
  | { type: 'export-budget-file' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'about' }
  | { type: 'error'; error: AppError };

export type Invoke = <K extends Channel>(channel: K, args: ArgsIn<K>) => Promise<Result<RendererResult<K>>>;

/** `window.budgetdesk`: exposed by electron/preload.ts, or created by renderer/http-bridge.ts in browser mode. */
export interface BudgetDeskBridge {
  mode: 'electron' | 'browser' | 'test';
  invoke: Invoke;
  /** Subscribe to menu commands; returns the unsubscribe function. A no-op in browser mode. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
}
