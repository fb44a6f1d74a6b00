// The handler map: plain functions, one argument object each, NO electron import. The Electron engine
// (electron/engine.ts), the browser-mode server (server/serve.ts), the e2e bridge (server/handlers-bundle.ts)
// and the tests all use exactly this map. Every handler validates its argument with the contract's zod
// schema and resolves to a Result; nothing throws past it.
//
// Adding a module (e.g. prior years): write `xxxHandlers(engine: EngineApi): ImplMap<'xxx.a' | 'xxx.b'>` in your
// own file (throw EditError/DbError/Failure for refusals, return plain values) and list it in HANDLER_MODULES.
import { desktopOnly } from './desktop-only';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseBudgetFile, serializeBudgetFile, unfinishedForFile } from '../../core/budget-file';
import { budgetForFile } from '../../db/years';
import type { CatalogKind } from '../../core/catalog';
import { parseCatalogFile } from '../../core/catalogs/import';
import { formatYuan } from '../../core/money';
import { deriveTables } from '../../core/tables';
import { budgetSummary, listBudgets, loadBudgetById, saveBudget } from '../../db/budgets';
import { addCatalogCode, getCatalogs, importCatalogEntries } from '../../db/catalogs';
import * as edits from '../../db/edits';
import { EditError, type BudgetInfo } from '../../db/edits';
import { DbError } from '../../db/errors';
import type { BudgetDb } from '../../db/open';
import { checksHandlers } from './checks-handlers';
import { yearsHandlers } from './years-handlers';
import { consolidationHandlers } from './consolidation-handlers';
import { backupHandlers, backupSchedulerFor } from './backup-handlers';
import { exportHandlers } from './export-handlers';
import { safeName } from './file-names';
import { writeBackup } from '../../db/backup';
import { openLockedDatabase } from '../../db/instance-lock';
import {
  argSchemas, checkArgs, zodMessage, type AppError, type Args, type BudgetRef, type BudgetSummary, type CatalogHit, type Channel, type CoreChannel, type ErrorCode,
  type ExportFile, type Jsonify, type RawHandlers, type ResultTypes, type Result, type Totals,
} from './contract';

// ----------------------------------------------------------------------------------------------- types

export interface HandlerContext {
  mode: 'electron' | 'browser' | 'test';
  /** Shown by db.status so the UI can offer it for 新建. */
  defaultDbPath: string;
  version: string;
  /** Automatic backups (db/backup.ts) every N minutes while editing; default 10. */
  backupIntervalMinutes?: number;
}

/** A handler's body: validated args in, a plain value out; refusals are thrown (EditError, DbError, Failure). */
export type Impl<K extends Channel> = (args: Args<K>) => Promise<ResultTypes[K]> | ResultTypes[K];
export type ImplMap<K extends Channel = Channel> = { [P in K]: Impl<P> };

/** An explicit refusal with a contract error code. */
export class Failure extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'Failure';
  }
}

/** What handler modules get: the open database and the budget lookups with the 定稿 check. */
export interface EngineApi {
  readonly ctx: HandlerContext;
  /** The open database, or a 'no_database' refusal. */
  db(): BudgetDb;
  dbPath(): string | null;
  budget(ref: BudgetRef): BudgetInfo;
  /** The budget for a write; refused when 定稿. */
  writable(ref: BudgetRef): BudgetInfo;
  /** After writes that bypass db/edits.ts (imports): drop undo history and cached catalogs. */
  invalidate(budgetId?: number): void;
}

export interface Engine {
  handlers: RawHandlers;
  api: EngineApi;
  /** Opens a database directly (server start-up, tests). Throws DbError. */
  open(path: string, opts?: { create?: boolean }): void;
  close(): void;
}

// ----------------------------------------------------------------------------------------------- errors

const DB_CODES: Record<DbError['code'], ErrorCode> = {
  'not-found': 'not_found', 'not-sqlite': 'io', 'not-budgetdesk': 'io', corrupt: 'io', 'too-new': 'io', readonly: 'io', locked: 'io', io: 'io',
  conflict: 'conflict', invalid: 'validation', internal: 'internal',
};

export function toAppError(e: unknown): AppError {
  if (e instanceof EditError) {
    const err: AppError = { code: e.code, message: e.message };
    if (e.field) err.field = e.field;
    if (e.rows) err.rows = e.rows;
    return err;
  }
  if (e instanceof Failure) return e.field ? { code: e.code, message: e.message, field: e.field } : { code: e.code, message: e.message };
  if (e instanceof DbError) return { code: DB_CODES[e.code], message: e.message };
  if (e instanceof z.ZodError) return { code: 'invalid_args', ...zodMessage(e) };
  // A bug, not a refusal: keep the detail for the log, show a plain sentence.
  console.error(e);
  return { code: 'internal', message: `内部错误：${e instanceof Error ? e.message : String(e)}` };
}

/** JSON-safe deep copy: bigint → string (RenderedTable carries exact 分 as bigint). */
export function jsonify<T>(v: T): Jsonify<T> {
  return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as Jsonify<T>;
}

/** A listBudgets row as the contract's BudgetSummary (budgets.list and budgets.create alike). */
const summaryDto = (s: ReturnType<typeof listBudgets>[number]): BudgetSummary => ({
  dept: s.deptCode, deptName: s.deptName, year: s.year, finalized: s.finalized, lineCount: s.lineCount, total: formatYuan(BigInt(s.totalFen)),
});

const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64');

// ----------------------------------------------------------------------------------------------- engine

export function createEngine(ctx: HandlerContext): Engine {
  let db: BudgetDb | null = null;
  // Catalog search index per year+kind; rebuilt after catalog writes.
  const searchIndex = new Map<string, CatalogHit[]>();

  const api: EngineApi = {
    ctx,
    db() {
      if (!db) throw new Failure('no_database', '尚未打开数据库：请先新建或打开一个数据库文件');
      return db;
    },
    dbPath: () => db?.path ?? null,
    budget: (ref) => edits.findBudget(api.db(), ref.dept, ref.year),
    writable: (ref) => edits.writableBudget(api.db(), ref.dept, ref.year),
    invalidate(budgetId) {
      searchIndex.clear();
      if (db) edits.forgetUndo(db, budgetId);
    },
  };

  const open = (path: string, opts: { create?: boolean } = {}) => {
    // Instance lock (db/instance-lock.ts): a second BudgetDesk on the same file is refused.
    const next = openLockedDatabase(resolve(path), { create: opts.create ?? false });
    if (db) db.close();
    db = next;
    searchIndex.clear();
    void backupSchedulerFor(ctx).opened(next); // backup on open, then every N minutes of editing
  };

  function closeDb(): void {
    backupSchedulerFor(ctx).stop();
    db?.close();
    db = null;
    searchIndex.clear();
  }

  function status() {
    return { open: db !== null, path: db?.path ?? null, defaultPath: ctx.defaultDbPath };
  }

  function summary(b: BudgetInfo): BudgetSummary {
    const s = budgetSummary(api.db(), b.id);
    if (!s) throw new Failure('not_found', `数据库中没有部门 ${b.deptCode} ${b.year} 年的预算`);
    return summaryDto(s);
  }

  function catalogHits(year: number, kind: CatalogKind): CatalogHit[] {
    const key = `${year}:${kind}`;
    let list = searchIndex.get(key);
    if (!list) {
      const cat = getCatalogs(api.db(), year)[kind];
      list = cat.entries().map((e) => ({ code: e.code, name: e.name, path: cat.path(e.code).map((p) => p.name).join('›'), leaf: cat.isLeaf(e.code), origin: e.origin }));
      searchIndex.set(key, list);
    }
    return list;
  }

  function totals(b: BudgetInfo): Totals {
    const t = edits.budgetTotals(api.db(), b.id);
    return {
      total: formatYuan(t.total), basic: formatYuan(t.basic), project: formatYuan(t.project), personnel: formatYuan(t.personnel),
      publicExpense: formatYuan(t.publicExpense), other: formatYuan(t.other), fiscal: formatYuan(t.fiscal), lineCount: t.lineCount,
    };
  }

  function tables(b: BudgetInfo) {
    return deriveTables(loadBudgetById(api.db(), b.id), getCatalogs(api.db(), b.year));
  }

  function undo(ref: BudgetRef, dir: 'undo' | 'redo') {
    const d = api.db();
    const b = api.budget(ref);
    const applied = edits.undoRedo(d, b, dir);
    return { applied, ...edits.undoState(d, b.id) };
  }

  const core: ImplMap<CoreChannel> = {
    'app.info': () => ({ version: ctx.version, mode: ctx.mode }),

    'db.status': () => status(),
    'db.open': ({ path }) => {
      if (!existsSync(path)) throw new Failure('not_found', `数据库文件“${path}”不存在`, 'path');
      open(path, { create: false });
      return status();
    },
    'db.create': ({ path }) => {
      // Never replace an existing file here: it may be someone's only copy of a budget.
      if (existsSync(path) && statSync(path).size > 0) throw new Failure('conflict', `文件“${path}”已存在，未覆盖；要使用它请选择“打开数据库”`, 'path');
      mkdirSync(dirname(resolve(path)), { recursive: true });
      open(path, { create: true });
      return status();
    },
    'db.close': () => {
      closeDb();
      return status();
    },
    'db.backup': async ({ path, overwrite }) => {
      const d = api.db();
      if (resolve(path) === resolve(d.path)) throw new Failure('validation', '备份文件不能是当前数据库本身，请选择其他文件名', 'path');
      // Never silently replace a file: the desktop save dialog asks first and then passes overwrite.
      if (existsSync(path) && overwrite !== true) throw new Failure('conflict', `文件“${path}”已存在，未覆盖；请换一个文件名`, 'path');
      await writeBackup(d, path); // temp file, verified, then renamed into place
      return { path: resolve(path) };
    },
    'dialog.openDatabase': desktopOnly('打开数据库…', '请输入数据库文件的路径'),
    'dialog.createDatabase': desktopOnly('新建数据库…', '请输入数据库文件的路径'),

    'budgets.list': () => listBudgets(api.db()).map(summaryDto),
    'budgets.create': ({ deptCode, deptName, year }) => summary(edits.createBudget(api.db(), deptCode, deptName, year)),

    'department.get': ({ budget }) => {
      const b = api.budget(budget);
      return { code: b.deptCode, name: b.deptName };
    },
    'department.update': ({ budget, name }) => {
      edits.updateDepartmentName(api.db(), api.writable(budget), name);
      const b = api.budget(budget);
      return { code: b.deptCode, name: b.deptName };
    },

    'units.list': ({ budget }) => edits.listUnits(api.db(), api.budget(budget).id),
    'units.add': ({ budget, unit }) => {
      edits.addUnit(api.db(), api.writable(budget), unit);
      return unit;
    },
    'units.update': ({ budget, code, unit }) => {
      edits.updateUnit(api.db(), api.writable(budget), code, unit);
      return unit;
    },
    'units.delete': ({ budget, code }) => {
      edits.deleteUnit(api.db(), api.writable(budget), code);
      return { deleted: code };
    },

    'lines.list': ({ budget }) => edits.listLines(api.db(), api.budget(budget).id),
    'lines.add': ({ budget, lines }) => ({ ids: edits.addLines(api.db(), api.writable(budget), lines) }),
    'lines.update': ({ budget, id, changes }) => {
      const b = api.writable(budget);
      const line = edits.updateLine(api.db(), b, id, changes);
      return { ...line, totals: totals(b), edit: edits.undoState(api.db(), b.id) };
    },
    'lines.delete': ({ budget, ids }) => ({ deleted: edits.deleteLines(api.db(), api.writable(budget), ids) }),

    'edit.state': ({ budget }) => edits.undoState(api.db(), api.budget(budget).id),
    'edit.undo': ({ budget }) => undo(budget, 'undo'),
    'edit.redo': ({ budget }) => undo(budget, 'redo'),

    'budget.totals': ({ budget }) => totals(api.budget(budget)),

    'catalog.search': ({ year, kind, query, limit, leafOnly }) => {
      const q = query.trim();
      const max = limit ?? 50;
      const digits = /^\d+$/.test(q);
      const out: CatalogHit[] = [];
      for (const h of catalogHits(year, kind)) {
        if (leafOnly && !h.leaf) continue;
        if (q !== '' && !(digits ? h.code.startsWith(q) : h.name.includes(q))) continue;
        out.push(h);
        if (out.length >= max) break;
      }
      return out;
    },
    'catalog.add': ({ year, kind, code, name }) => {
      addCatalogCode(api.db(), year, kind, code, name, 'manual');
      searchIndex.clear();
      const hit = catalogHits(year, kind).find((h) => h.code === code);
      if (!hit) throw new Failure('internal', `科目 ${code} 已添加但未能读回`);
      return hit;
    },
    'catalog.import': async ({ year, kind, fileName, data }) => {
      const d = api.db();
      const known = getCatalogs(d, year)[kind].entries().map((e) => e.code);
      const parsed = await parseCatalogFile(new Uint8Array(Buffer.from(data, 'base64')), fileName, kind, { knownCodes: known });
      // Row-level problems travel as rows: `field` is the place in the file ("第 3 行"), not an array index.
      if (!parsed.ok) throw new EditError('validation', parsed.message, undefined, parsed.problems.map((p, i) => ({ row: i, field: p.place, message: p.reason })));
      const r = importCatalogEntries(d, year, kind, parsed.entries);
      searchIndex.clear();
      return { added: r.added, updated: r.updated, warnings: parsed.warnings };
    },

    'projects.list': ({ budget }) => edits.listProjects(api.db(), api.budget(budget).id),
    'projects.add': ({ budget, project }) => {
      edits.addProject(api.db(), api.writable(budget), project);
      return project;
    },
    'projects.update': ({ budget, code, project }) => {
      edits.updateProject(api.db(), api.writable(budget), code, project);
      return project;
    },
    'projects.delete': ({ budget, code }) => {
      edits.deleteProject(api.db(), api.writable(budget), code);
      return { deleted: code };
    },

    'procurement.list': ({ budget }) => edits.listProcurement(api.db(), api.budget(budget).id),
    'procurement.add': ({ budget, row }) => {
      const d = api.db();
      const b = api.writable(budget);
      const id = edits.addProcurement(d, b, row);
      return edits.listProcurement(d, b.id).find((r) => r.id === id)!;
    },
    'procurement.update': ({ budget, id, row }) => {
      const d = api.db();
      const b = api.writable(budget);
      edits.updateProcurement(d, b, id, row);
      return edits.listProcurement(d, b.id).find((r) => r.id === id)!;
    },
    'procurement.delete': ({ budget, id }) => {
      edits.deleteProcurement(api.db(), api.writable(budget), id);
      return { deleted: id };
    },

    'assets.list': ({ budget }) => edits.listAssets(api.db(), api.budget(budget).id),
    'assets.add': ({ budget, row }) => {
      const d = api.db();
      const b = api.writable(budget);
      const id = edits.addAsset(d, b, row);
      return edits.listAssets(d, b.id).rows.find((r) => r.id === id)!;
    },
    'assets.update': ({ budget, id, row }) => {
      const d = api.db();
      const b = api.writable(budget);
      edits.updateAsset(d, b, id, row);
      return edits.listAssets(d, b.id).rows.find((r) => r.id === id)!;
    },
    'assets.delete': ({ budget, id }) => {
      edits.deleteAsset(api.db(), api.writable(budget), id);
      return { deleted: id };
    },
    'assets.setAsOf': ({ budget, asOf }) => {
      const d = api.db();
      const b = api.writable(budget);
      edits.setAssetsAsOf(d, b, asOf);
      return edits.listAssets(d, b.id);
    },

    'narrative.get': ({ budget }) => edits.getNarrative(api.db(), api.budget(budget).id) as ResultTypes['narrative.get'],
    'narrative.set': ({ budget, narrative }) => {
      const d = api.db();
      const b = api.writable(budget);
      edits.setNarrative(d, b, narrative);
      return edits.getNarrative(d, b.id) as ResultTypes['narrative.set'];
    },

    'tables.preview': ({ budget }) => jsonify(tables(api.budget(budget))) as ResultTypes['tables.preview'],

    'export.workbook': async ({ budget }): Promise<ExportFile> => {
      const b = api.budget(budget);
      // exceljs is loaded on first export only: it is the slow part of start-up.
      const { writeWorkbook } = await import('../../core/export/xlsx');
      const data = await writeWorkbook(tables(b));
      return { fileName: safeName(`${b.deptCode}${b.deptName}${b.year}年部门预算公开表.xlsx`), mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: b64(data) };
    },
    'export.budgetFile': ({ budget }): ExportFile => {
      const b = api.budget(budget);
      const forFile = budgetForFile(api.db(), b.id);
      const unfinished = unfinishedForFile(forFile);
      if (unfinished) throw new Failure('validation', unfinished);
      const text = serializeBudgetFile(forFile);
      return { fileName: safeName(`${b.deptCode}-${b.year}.budget.json`), mime: 'application/json', data: b64(text) };
    },

    'import.budgetFile': ({ text, replace }) => {
      const d = api.db();
      const parsed = parseBudgetFile(text, (year) => getCatalogs(d, year));
      if (!parsed.ok) throw new Failure('validation', parsed.message);
      const { budgetId, replaced } = saveBudget(d, parsed.budget, { replace: replace === true, addedCodes: parsed.addedCodes });
      api.invalidate(budgetId);
      return { budget: { dept: parsed.budget.department.code, year: parsed.budget.year }, warnings: parsed.warnings, replaced };
    },
  };

  const impls: Partial<ImplMap> = { ...core };
  for (const mod of HANDLER_MODULES) Object.assign(impls, mod(api));

  const handlers = {} as Record<Channel, (args: unknown) => Promise<Result<unknown>>>;
  for (const channel of Object.keys(argSchemas) as Channel[]) {
    const impl = impls[channel] as ((a: unknown) => unknown) | undefined;
    if (!impl) throw new Error(`contract channel ${channel} has no handler (add its module to HANDLER_MODULES)`);
    handlers[channel] = async (args: unknown): Promise<Result<unknown>> => {
      try {
        const checked = checkArgs(channel, args);
        return checked.ok ? { ok: true, value: await impl(checked.value) } : checked;
      } catch (e) {
        return { ok: false, error: toAppError(e) };
      }
    };
  }

  return {
    handlers: handlers as RawHandlers,
    api,
    open,
    close: closeDb,
  };
}

/** Handler modules of later features; each returns implementations for its own channels. */
export const HANDLER_MODULES: ((engine: EngineApi) => Partial<ImplMap>)[] = [checksHandlers, yearsHandlers, backupHandlers, exportHandlers, consolidationHandlers];

/** The handler map alone (engine process, server). */
export function createHandlers(ctx: HandlerContext): RawHandlers {
  return createEngine(ctx).handlers;
}
