// The engine: the handler map built from the API's methods (api/api.ts), plus the one open database.
// No electron import: the Electron engine process (electron/engine.ts), the browser-mode server
// (server/serve.ts), the e2e bridge (server/handlers-bundle.ts) and the tests all use exactly this map.
// Every handler validates its argument with its method's schema and resolves to a Result; nothing throws past it.
import { internalFailureMessage } from '../db/error-log';
import { resolve } from 'node:path';
import { z } from 'zod';
import * as edits from '../db/edits';
import { Refusal } from '../db/errors';
import { openLockedDatabase } from '../db/instance-lock';
import type { BudgetDb } from '../db/open';
import { checkArgs, METHODS, type Channel, type RawHandlers } from './api';
import { backupSchedulerFor } from './domains/backup';
import type { EngineApi, HandlerContext } from './method';
import type { AppError, Result } from './result';
import { zodMessage } from './schemas';
import { forgetBudgets } from '../db/kept-budgets';

export type { HandlerContext };

export interface Engine {
  handlers: RawHandlers;
  api: EngineApi;
  /** Opens a database directly (server start-up, tests). Throws a Refusal. */
  open(path: string, opts?: { create?: boolean }): void;
  close(): void;
}

/** A thrown refusal as the Result's error: code, message, field and rows as they are. */
export function toAppError(e: unknown): AppError {
  if (e instanceof Refusal) {
    const err: AppError = { code: e.code, message: e.message };
    if (e.field) err.field = e.field;
    if (e.rows) err.rows = e.rows;
    return err;
  }
  if (e instanceof z.ZodError) return { code: 'invalid_args', ...zodMessage(e) };
  // A bug, not a refusal: the detail goes to the error log, the clerk reads a plain sentence.
  return { code: 'internal', message: internalFailureMessage(e, '操作') };
}

export function createEngine(ctx: HandlerContext): Engine {
  let db: BudgetDb | null = null;
  const memos = new Map<string, unknown>();

  const api: EngineApi = {
    ctx,
    db() {
      if (!db) throw new Refusal('no_database', '尚未打开数据库：请先新建或打开一个数据库文件');
      return db;
    },
    dbPath: () => db?.path ?? null,
    open(path, opts = {}) {
      // Instance lock (db/instance-lock.ts): a second BudgetDesk on the same file is refused.
      const next = openLockedDatabase(resolve(path), { create: opts.create ?? false });
      if (db) db.close();
      db = next;
      memos.clear();
      void backupSchedulerFor(ctx).opened(next); // backup on open, then every N minutes of editing
    },
    close() {
      backupSchedulerFor(ctx).stop();
      db?.close();
      db = null;
      memos.clear();
    },
    budget: (ref) => edits.findBudget(api.db(), ref.dept, ref.year),
    writable: (ref) => edits.writableBudget(api.db(), ref.dept, ref.year),
    memo<T>(key: string, make: () => T): T {
      if (!memos.has(key)) memos.set(key, make());
      return memos.get(key) as T;
    },
    dropMemos: () => memos.clear(),
    invalidate(budgetId) {
      memos.clear();
      if (db) {
        edits.forgetUndo(db, budgetId);
        // What is kept of budgets notices any write by itself (db/budget-cache.ts); dropped here all the same.
        forgetBudgets(db);
      }
    },
  };

  const handlers = {} as Record<Channel, (args: unknown) => Promise<Result<unknown>>>;
  for (const channel of Object.keys(METHODS) as Channel[]) {
    const run = METHODS[channel].run as (a: unknown, api: EngineApi) => unknown;
    handlers[channel] = async (args: unknown): Promise<Result<unknown>> => {
      try {
        const checked = checkArgs(channel, args);
        return checked.ok ? { ok: true, value: await run(checked.value, api) } : checked;
      } catch (e) {
        return { ok: false, error: toAppError(e) };
      }
    };
  }

  return { handlers: handlers as RawHandlers, api, open: api.open, close: api.close };
}

/** The handler map alone (engine process, server). */
export function createHandlers(ctx: HandlerContext): RawHandlers {
  return createEngine(ctx).handlers;
}
