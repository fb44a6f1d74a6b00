// The ONE contract between the UI and the engine (Actual Budget style): every channel has a zod schema for
// its single argument object and a result type. Electron (preload → main → engine utilityProcess), browser
// mode (POST /api/<channel>) and the e2e injected bridge all carry exactly these channels.
//
// Conventions
// - Amounts cross the boundary as 元 strings ("41650.50"); codes are strings; bigint never crosses.
// - Every call resolves to a Result; a handler never rejects. Errors carry a Chinese message naming the field
//   and the reason; batch writes also carry row-level errors (`rows`).
// - A budget is addressed by `{dept, year}` (BudgetRef): department code + 预算年度.
// - Undo/redo: the engine keeps a per-budget undo log in memory (db/edits.ts). Each undoable write records the
//   before/after images of the rows it touches inside its own transaction; `edit.undo` restores the before-
//   images in one transaction (refusing with 'conflict' if a row changed behind its back) and moves the entry
//   to the redo stack; any new write clears redo. Budget file import and budget creation clear the budget's
//   log; opening another database starts empty. The renderer only calls edit.undo / edit.redo (and
//   edit.state for the menu labels) and then refetches what it shows.
// - Exports: the engine returns an ExportFile (base64); the transport turns it into an ExportOutcome
//   (Electron: native save dialog + write; browser: download; e2e: written to a temp folder).
// - Window title: the renderer sets document.title to "<部门编码> <部门名称> <year>年 — <db file> — 部门预算编制台"
//   (just "<db file> — 部门预算编制台" or "部门预算编制台" without a budget/database); Electron main shows it as is.
// - Menu 撤销/重做 arrive as MenuEvents; in a text field the renderer undoes typing, elsewhere calls edit.undo/redo.
//
// Adding a handler module: declare `xxxArgSchemas` and `interface XxxResults` in your own file, spread the
// schemas into `argSchemas` and add `XxxResults` to `ResultTypes` below, and list `xxxHandlers(engine)` in
// HANDLER_MODULES in electron/ipc/handlers.ts.
import { z } from 'zod';
import { budgetRefSchema, codeSchema as code, deptCodeSchema as deptCode, pathSchema, yearSchema as year } from './ref-schemas';
import { LINE_KINDS, MAX_DEPT_NAME_LENGTH, SOURCES, type Narrative } from '../../core/model';
import { LINE_FIELDS, LINE_FIELD_LABELS, type LineField } from '../../core/validate-line';
import { checksArgSchemas, type ChecksResults } from './checks-contract';
import { yearsArgSchemas, type YearsResults } from './years-contract';
import { consolidationArgSchemas, type ConsolidationResults } from './consolidation-contract';
import { backupArgSchemas, type BackupResults } from './backup-contract';
import { exportArgSchemas, type ExportResults } from './export-contract';

// ---------------------------------------------------------------------------------------------------------
// Result

export type ErrorCode =
  | 'invalid_args' // argument object failed its schema
  | 'validation' // domain rule refused the input (message names field + reason)
  | 'not_found'
  | 'conflict' // e.g. budget already exists, unit still has lines
  | 'finalized' // budget marked 定稿: writes refused
  | 'no_database' // no database open
  | 'nothing_to_undo'
  | 'io' // file system / file format
  | 'forbidden' // transport: bad token, host, origin, sender
  | 'internal';

export interface RowError {
  /** 0-based index into the submitted array. */
  row: number;
  field?: string;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  /** Chinese, names the field and the reason. */
  message: string;
  field?: string;
  rows?: RowError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, extra: Partial<Omit<AppError, 'code' | 'message'>> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

// ---------------------------------------------------------------------------------------------------------
// Shared argument pieces

/** 元 string as typed or pasted ("1,234.50" allowed); the engine parses it exactly with core/money parseYuan. */
const yuan = z.string().max(40);
export { budgetRefSchema };
export type BudgetRef = z.infer<typeof budgetRefSchema>;
const withBudget = <T extends z.ZodRawShape>(shape: T) => z.object({ budget: budgetRefSchema, ...shape });

export const lineKindSchema = z.enum(LINE_KINDS);
export const sourceSchema = z.enum(SOURCES);

/** A line as typed/pasted: strings everywhere (validated by core/validate-line.ts in the engine). */
// Missing cells default to '' so that an incomplete pasted row gets validateLine's row-level Chinese reason
// ("缺少金额") instead of an argument error.
export const lineInputSchema = z.object({
  unit: z.string().max(64).default(''),
  function: z.string().max(32).default(''),
  economic: z.string().max(32).default(''),
  kind: z.string().max(32).default(''),
  source: z.string().max(32).default(''),
  carryover: z.boolean().optional(),
  amount: yuan.default(''),
  project: z.string().max(64).nullish(),
  memo: z.string().max(2000).nullish(),
});
export type LineInput = z.infer<typeof lineInputSchema>;

// The field list is core/validate-line.ts's (one place for each fact).
export type { LineField };
export { LINE_FIELDS, LINE_FIELD_LABELS };

export const unitSchema = z.object({
  code,
  name: z.string().max(200),
  nature: z.string().max(64).default(''),
  grade: z.string().max(64).default(''),
  funding: z.string().max(64).default(''),
});

const indicatorSchema = z.object({
  level1: z.string().max(32),
  level2: z.string().max(32),
  name: z.string().max(500),
  description: z.string().max(2000).default(''),
  op: z.string().max(4),
  value: z.string().max(64),
  unit: z.string().max(32).default(''),
  basis: z.string().max(500).default(''),
});
const pct = z.string().max(8).nullable();
export const projectSchema = z.object({
  code,
  name: z.string().max(500),
  unit: z.string().max(64),
  purpose: z.string().max(5000).default(''),
  spendingPlan: z.object({ mar: pct, jun: pct, oct: pct, dec: pct }).default({ mar: null, jun: null, oct: null, dec: null }),
  goals: z.array(z.string().max(2000)).max(100).default([]),
  indicators: z.array(indicatorSchema).max(500).default([]),
});

export const procurementInputSchema = z.object({
  project: z.string().max(64).default(''),
  item: z.string().max(500),
  catalog: z.string().max(64).default(''),
  measure: z.string().max(32).default(''),
  quantity: z.string().max(32).default(''),
  unitPrice: yuan.nullable().default(null),
  source: z.string().max(32),
  carryover: z.boolean().default(false),
  amount: yuan,
  sme: yuan.nullable().default(null),
});
export const assetInputSchema = z.object({ item: z.string().max(500), quantity: z.string().max(32), value: yuan });

export const narrativeSchema = z
  .object({
    duties: z.array(z.object({ title: z.string().max(500), text: z.string().max(20000) })).max(200),
    performanceGoals: z.array(z.string().max(5000)).max(200),
    changeReasons: z.object({ basic: z.string().max(5000), project: z.string().max(5000) }),
    other: z.string().max(20000),
  })
  .passthrough();

const catalogKind = z.enum(['function', 'economic']);
/** File content in base64 (JSON and structured clone both carry it; files here are a few MB at most). */
const base64 = z.string().max(60_000_000);

// ---------------------------------------------------------------------------------------------------------
// Argument schemas, one per channel. The keys ARE the channel names (also the HTTP path /api/<channel>).

export const coreArgSchemas = {
  'app.info': z.object({}),

  'db.status': z.object({}),
  'db.open': z.object({ path: pathSchema }),
  'db.create': z.object({ path: pathSchema }),
  /** Closes the open database (e.g. before the file is moved); budget calls then answer no_database. */
  'db.close': z.object({}),
  /** SQLite online backup of the open database to path (另存备份). */
  'db.backup': z.object({ path: pathSchema, overwrite: z.boolean().optional() }),
  /** Desktop only (the transport answers them with native dialogs; the engine refuses them): pick a file,
   *  then open/create it. Value null = the clerk cancelled. Browser mode uses db.open/db.create with a typed path. */
  'dialog.openDatabase': z.object({}),
  'dialog.createDatabase': z.object({}),

  'budgets.list': z.object({}),
  'budgets.create': z.object({ deptCode: deptCode, deptName: z.string().max(MAX_DEPT_NAME_LENGTH), year }),

  'department.get': withBudget({}),
  'department.update': withBudget({ name: z.string().max(200) }),

  'units.list': withBudget({}),
  'units.add': withBudget({ unit: unitSchema }),
  /** `code` addresses the unit; `unit.code` may differ (rename: lines and projects follow). */
  'units.update': withBudget({ code, unit: unitSchema }),
  'units.delete': withBudget({ code }),

  'lines.list': withBudget({}),
  /** All or nothing: one bad row → nothing stored, error.rows lists every bad row. */
  'lines.add': withBudget({ lines: z.array(lineInputSchema).min(1).max(50_000) }),
  /** Usually one cell ({amount: "100.00"}); several fields when they go together (kind → project plus its
   *  project code). Changing kind away from project clears project by itself. null clears project/memo. */
  'lines.update': withBudget({ id: z.number().int().positive(), changes: lineInputSchema.partial().refine((c) => Object.keys(c).length > 0, '至少要修改一个字段') }),
  'lines.delete': withBudget({ ids: z.array(z.number().int().positive()).min(1).max(50_000) }),

  'edit.state': withBudget({}),
  'edit.undo': withBudget({}),
  'edit.redo': withBudget({}),

  'budget.totals': withBudget({}),

  /** By code prefix or any part of the name; limit defaults to 50. */
  'catalog.search': z.object({ year, kind: catalogKind, query: z.string().max(100), limit: z.number().int().min(1).max(5000).optional(), leafOnly: z.boolean().optional() }),
  'catalog.add': z.object({ year, kind: catalogKind, code: z.string().trim().regex(/^\d+$/, '编码只能包含数字').max(7), name: z.string().trim().min(1).max(200) }),
  /** A finance bureau's catalog list (.xlsx/.csv/.tsv) of one kind for a year; all or nothing. */
  'catalog.import': z.object({ year, kind: catalogKind, fileName: z.string().max(255), data: base64 }),

  'projects.list': withBudget({}),
  'projects.add': withBudget({ project: projectSchema }),
  'projects.update': withBudget({ code, project: projectSchema }),
  'projects.delete': withBudget({ code }),

  'procurement.list': withBudget({}),
  'procurement.add': withBudget({ row: procurementInputSchema }),
  'procurement.update': withBudget({ id: z.number().int().positive(), row: procurementInputSchema }),
  'procurement.delete': withBudget({ id: z.number().int().positive() }),

  'assets.list': withBudget({}),
  'assets.add': withBudget({ row: assetInputSchema }),
  'assets.update': withBudget({ id: z.number().int().positive(), row: assetInputSchema }),
  'assets.delete': withBudget({ id: z.number().int().positive() }),
  'assets.setAsOf': withBudget({ asOf: z.string().max(32).nullable() }),

  'narrative.get': withBudget({}),
  'narrative.set': withBudget({ narrative: narrativeSchema }),

  'tables.preview': withBudget({}),

  /** One export channel per format; the transport decides: Electron shows a save dialog and writes the file,
   *  browser mode downloads it. The renderer sees an ExportOutcome either way. */
  'export.workbook': withBudget({}),
  'export.budgetFile': withBudget({}),

  /** Budget file text (dept-budget/1). An existing budget of the same dept+year is refused unless replace. */
  'import.budgetFile': z.object({ fileName: z.string().max(255), text: z.string().max(60_000_000), replace: z.boolean().optional() }),
} as const;

export const argSchemas = {
  ...coreArgSchemas,
  ...checksArgSchemas,
  ...yearsArgSchemas,
  ...consolidationArgSchemas,
  ...backupArgSchemas,
  ...exportArgSchemas,
  // ...priorYearsArgSchemas,   ← handler modules add their schemas here
} as const;

export type Channel = keyof typeof argSchemas;
export type CoreChannel = keyof typeof coreArgSchemas;
/** What the caller passes (defaults optional). */
export type ArgsIn<K extends Channel> = z.input<(typeof argSchemas)[K]>;
/** What the handler receives after validation. */
export type Args<K extends Channel> = z.output<(typeof argSchemas)[K]>;

/** The allow-list: preload, main and the HTTP server refuse anything else. */
export const CHANNELS = Object.freeze(Object.keys(argSchemas)) as readonly Channel[];
const channelSet: ReadonlySet<string> = new Set(CHANNELS);
export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && channelSet.has(x);
}

/** The refusal the transports (preload, engine, browser client, e2e bundle) give for a channel outside the
 *  allow-list; main.ts spells the same check out where test/electron-security.test.ts pins it. */
export function unknownChannel(channel: unknown): Result<never> {
  return { ok: false, error: { code: 'forbidden', message: `未知的调用通道“${String(channel)}”` } };
}

// ---------------------------------------------------------------------------------------------------------
// Result value types (DTOs). Amounts are 元 strings.

export interface AppInfo { version: string; mode: 'electron' | 'browser' | 'test' }
export interface DbStatus { open: boolean; path: string | null; defaultPath: string }
export interface BudgetSummary { dept: string; deptName: string; year: number; finalized: boolean; lineCount: number; total: string }
export interface DepartmentDto { code: string; name: string }
export interface UnitDto { code: string; name: string; nature: string; grade: string; funding: string }
export interface LineDto {
  id: number;
  unit: string;
  function: string;
  economic: string;
  kind: string;
  source: string;
  carryover: boolean;
  amount: string;
  project: string | null;
  memo: string | null;
}
export interface EditState { canUndo: boolean; canRedo: boolean; undoLabel: string | null; redoLabel: string | null }
/** After undo/redo: what was undone/redone (Chinese label) and the new state; the renderer refetches. */
export interface UndoOutcome extends EditState { applied: string }
export interface Totals {
  /** 总计 (all lines) */
  total: string;
  /** 基本支出 */
  basic: string;
  /** 项目支出 */
  project: string;
  /** 基本支出 人员经费: economic 301xx + 303xx */
  personnel: string;
  /** 基本支出 公用经费: all other economic codes */
  publicExpense: string;
  /** 经营/上解/对附属单位补助 */
  other: string;
  /** 财政拨款 (general+fund+soe) */
  fiscal: string;
  lineCount: number;
}
/** lines.update: the stored line, plus what the 预算明细 page shows after an edit (the budget's totals and
 *  the undo/redo state) read after the write, so that one edit is one round trip. */
export interface LineUpdated extends LineDto { totals: Totals; edit: EditState }
export interface CatalogHit {
  code: string;
  name: string;
  /** "类名›款名›项名" */
  path: string;
  leaf: boolean;
  origin: string;
}
export interface CatalogImportOutcome { added: number; updated: number; warnings: string[] }
export interface ProjectDto {
  code: string; name: string; unit: string; purpose: string;
  spendingPlan: { mar: string | null; jun: string | null; oct: string | null; dec: string | null };
  goals: string[];
  indicators: { level1: string; level2: string; name: string; description: string; op: string; value: string; unit: string; basis: string }[];
}
export interface ProcurementDto {
  id: number; project: string; item: string; catalog: string; measure: string; quantity: string;
  unitPrice: string | null; source: string; carryover: boolean; amount: string; sme: string | null;
}
export interface AssetDto { id: number; item: string; quantity: string; value: string }
export interface AssetsDto { asOf: string | null; rows: AssetDto[] }
/** The stored narrative has no money in it: the DTO is core's Narrative as it is. */
export type NarrativeDto = Narrative;
/** core/tables RenderedTable with every bigint as a string (JSON-safe). */
export type Jsonify<T> = T extends bigint
  ? string
  : T extends (infer U)[]
    ? Jsonify<U>[]
    : T extends readonly (infer U)[]
      ? readonly Jsonify<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;
/** Deliberately loose here so the contract does not depend on core/tables' exact shape: it is
 *  Jsonify<RenderedTable> (see handlers.ts, which serializes the real type). */
export type TablePreview = Record<string, unknown>;

/** What an export handler produces (engine side). */
export interface ExportFile { fileName: string; mime: string; data: string /* base64 */ }
/** What the renderer gets back from an export channel after the transport handled the file. */
export type ExportOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; fileName: string } | { kind: 'cancelled' };
export interface ImportOutcome { budget: BudgetRef; warnings: string[]; replaced: boolean }

export interface CoreResults {
  'app.info': AppInfo;
  'db.status': DbStatus;
  'db.open': DbStatus;
  'db.create': DbStatus;
  'db.close': DbStatus;
  'db.backup': { path: string };
  'dialog.openDatabase': DbStatus | null;
  'dialog.createDatabase': DbStatus | null;
  'budgets.list': BudgetSummary[];
  'budgets.create': BudgetSummary;
  'department.get': DepartmentDto;
  'department.update': DepartmentDto;
  'units.list': UnitDto[];
  'units.add': UnitDto;
  'units.update': UnitDto;
  'units.delete': { deleted: string };
  'lines.list': LineDto[];
  'lines.add': { ids: number[] };
  'lines.update': LineUpdated;
  'lines.delete': { deleted: number };
  'edit.state': EditState;
  'edit.undo': UndoOutcome;
  'edit.redo': UndoOutcome;
  'budget.totals': Totals;
  'catalog.search': CatalogHit[];
  'catalog.add': CatalogHit;
  'catalog.import': CatalogImportOutcome;
  'projects.list': ProjectDto[];
  'projects.add': ProjectDto;
  'projects.update': ProjectDto;
  'projects.delete': { deleted: string };
  'procurement.list': ProcurementDto[];
  'procurement.add': ProcurementDto;
  'procurement.update': ProcurementDto;
  'procurement.delete': { deleted: number };
  'assets.list': AssetsDto;
  'assets.add': AssetDto;
  'assets.update': AssetDto;
  'assets.delete': { deleted: number };
  'assets.setAsOf': AssetsDto;
  'narrative.get': NarrativeDto;
  'narrative.set': NarrativeDto;
  'tables.preview': TablePreview[];
  'export.workbook': ExportFile;
  'export.budgetFile': ExportFile;
  'import.budgetFile': ImportOutcome;
}

/** Engine-side result types. Handler modules extend this (`extends CoreResults, PriorYearsResults`). */
export interface ResultTypes extends CoreResults, ChecksResults, YearsResults, BackupResults, ExportResults, ConsolidationResults {}

/** The channels whose engine result is a file the transport saves/downloads. */
export const EXPORT_CHANNELS = ['export.workbook', 'export.budgetFile', 'export.pdf', 'export.databaseCopy', 'summary.workbook'] as const satisfies readonly Channel[];
export type ExportChannel = (typeof EXPORT_CHANNELS)[number];
export function isExportChannel(c: string): c is ExportChannel {
  return (EXPORT_CHANNELS as readonly string[]).includes(c);
}

/** The engine's handler map: validated args in, Result out, never throws. */
export type Handlers = { [K in Channel]: (args: Args<K>) => Promise<Result<ResultTypes[K]>> };
/** The same map as the transports call it: unvalidated input (each handler validates). */
export type RawHandlers = { [K in Channel]: (args: unknown) => Promise<Result<ResultTypes[K]>> };

/** What the renderer receives: the engine result, except exports which the transport turned into an outcome. */
export type RendererResult<K extends Channel> = K extends ExportChannel ? ExportOutcome : ResultTypes[K];

// ---------------------------------------------------------------------------------------------------------
// Renderer side

/** Menu commands main sends to the renderer (Electron only). Commands that need the current budget or
 *  the UI's focus are forwarded; 新建/打开数据库 and 导入预算文件 are done in main and reported afterwards. */
export type MenuEvent =
  | { type: 'db-changed'; status: DbStatus }
  | { type: 'budget-imported'; outcome: ImportOutcome }
  | { type: 'export-workbook' }
  | { type: 'export-pdf' }
  | { type: 'export-budget-file' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'about' }
  | { type: 'error'; error: AppError };

export type Invoke = <K extends Channel>(channel: K, args: ArgsIn<K>) => Promise<Result<RendererResult<K>>>;

/** `window.budgetdesk`: exposed by electron/preload.ts, or created by server/client.ts in browser mode. */
export interface BudgetDeskBridge {
  mode: 'electron' | 'browser' | 'test';
  invoke: Invoke;
  /** Subscribe to menu commands; returns the unsubscribe function. A no-op in browser mode. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
}

/** Typed shortcut for renderer code: `const r = await invoke('lines.list', { budget })`. */
export function invoke<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<Result<RendererResult<K>>> {
  const bridge = (globalThis as { budgetdesk?: BudgetDeskBridge }).budgetdesk;
  if (!bridge) return Promise.resolve(fail('internal', '应用未连接到数据引擎（window.budgetdesk 不存在）') as Result<RendererResult<K>>);
  return bridge.invoke(channel, args);
}

/** Checks one call's argument object against its channel's schema: the same check in main and in the engine. */
export function checkArgs(channel: Channel, args: unknown): Result<unknown> {
  const parsed = (argSchemas[channel] as z.ZodTypeAny).safeParse(args ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: { code: 'invalid_args', ...zodMessage(parsed.error) } };
}

/** Format a zod failure as one Chinese message naming the field. */
export function zodMessage(err: z.ZodError): { message: string; field?: string } {
  const issue = err.issues[0];
  if (!issue) return { message: '参数无效' };
  const field = issue.path.join('.');
  let reason: string;
  switch (issue.code) {
    case 'invalid_type':
      reason = issue.received === 'undefined' ? '不能为空' : `类型应为 ${issue.expected}，实际为 ${issue.received}`;
      break;
    case 'too_small':
      reason = issue.type === 'string' ? '不能为空或过短' : issue.type === 'array' ? '至少需要一项' : `不能小于 ${String(issue.minimum)}`;
      break;
    case 'too_big':
      reason = issue.type === 'string' ? '过长' : issue.type === 'array' ? '项数过多' : `不能大于 ${String(issue.maximum)}`;
      break;
    case 'invalid_enum_value':
      reason = `取值应为 ${issue.options.join('、')} 之一`;
      break;
    case 'unrecognized_keys':
      reason = `含有未知字段 ${issue.keys.join('、')}`;
      break;
    default:
      reason = issue.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式无效';
  }
  return { message: field ? `参数“${field}”${reason}` : `参数${reason}`, field: field || undefined };
}

/** Exact CSP for the renderer: the meta tag in renderer/index.html carries CSP verbatim; the session header
 *  (electron/main.ts) and the browser-mode server send CSP_HEADER, which adds directives a meta tag may not
 *  carry (Chrome logs an error for frame-ancestors in a meta tag). Inline styles via React's style prop are
 *  CSSOM and allowed; <style> elements and inline scripts are not. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
export const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;
