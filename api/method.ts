// One channel = one `method(argsSchema, run)`: its argument schema and its implementation side by side
// (Actual Budget's `app.method()`), declared in the channel's domain module (api/domains/*). The
// result type is what `run` returns; the engine (handlers.ts) validates the argument, runs, and turns a
// thrown Refusal into the Result the transports carry.
import type { z } from 'zod';
import type { BudgetInfo } from '../db/edits';
import type { BudgetDb } from '../db/open';
import type { BudgetRef } from './schemas';

export interface HandlerContext {
  mode: 'electron' | 'browser' | 'test';
  /** Shown by db.status so the UI can offer it for 新建. */
  defaultDbPath: string;
  version: string;
  /** Automatic backups (db/backup.ts) every N minutes while editing; default 10. */
  backupIntervalMinutes?: number;
}

/** What implementations get besides their argument: the open database and the budget lookups with the 定稿 check. */
export interface EngineApi {
  readonly ctx: HandlerContext;
  /** The open database, or a 'no_database' refusal. */
  db(): BudgetDb;
  /** The open database's file, or null. */
  dbPath(): string | null;
  /** Opens a database (closing the current one). Throws a Refusal. */
  open(path: string, opts?: { create?: boolean }): void;
  close(): void;
  budget(ref: BudgetRef): BudgetInfo;
  /** The budget for a write; refused when 定稿. */
  writable(ref: BudgetRef): BudgetInfo;
  /** A per-database memo (e.g. the catalog search index), dropped on open/close, dropMemos() and invalidate(). */
  memo<T>(key: string, make: () => T): T;
  dropMemos(): void;
  /** After writes that bypass db/edits.ts (imports, restore): drop the undo history (of one budget, or all) and the memos. */
  invalidate(budgetId?: number): void;
}

export interface Method<S extends z.ZodTypeAny = z.ZodTypeAny, R = unknown> {
  readonly args: S;
  readonly run: (args: z.output<S>, api: EngineApi) => R | Promise<R>;
}

export function method<S extends z.ZodTypeAny, R>(args: S, run: (args: z.output<S>, api: EngineApi) => R | Promise<R>): Method<S, R> {
  return { args, run };
}
