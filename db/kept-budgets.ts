// What the engine keeps of the budgets being looked at (read and patched in db/budget-cache.ts), and how it
// learns of writes. An entry holds while its stamp does (db/write-stamp.ts: no row written since, by this
// connection or another). An undoable edit of lines alone (db/undo.ts) moves its budget's entry on to the new
// stamp, keeping the edit's lines (its row images) to patch into the digest when it is next read — the edit
// itself costs nothing more. Any other write leaves entries behind their stamp, and the next read starts over.
// Nothing is kept or patched inside a transaction, which may still roll back. Its own module, apart from the
// loaders, because every edit reports here.
import type { GrainName, Group, LineDigest } from '../core/line-digest';
import type { Budget, Project } from '../core/model';
import type { PriorFigures } from '../core/narrative';
import type { BudgetDb } from './budget-db';
import { lineOfImage, type LineMove } from './digest-patch';
import type { Row } from './edit-rows';
import { sameStamp, stampOf, type Stamp } from './write-stamp';

export interface Entry {
  stamp: Stamp;
  /** Without lines or projects; frozen, as everything here: every reader shares it. */
  budget?: Budget;
  projects?: readonly Project[];
  /** The grains read so far, as they were before the `pending` edits. */
  grains: Partial<Record<GrainName, Group[]>>;
  /** Lines that edits since took out (-1) and put in (+1), in order, not yet patched into `grains`. */
  pending: LineMove[];
  /** Over `grains` (made only with nothing pending); a new object after each patch (memos key on it). */
  digest?: LineDigest;
  prior?: { figures: PriorFigures | null };
}

/** Budgets kept per database: the year on screen, last year (比上年) and one more. */
const KEEP = 3;
/** Edits of more lines than this (since the last read) are read again rather than patched (patching is per line). */
const PATCH_LIMIT = 20_000;
const caches = new WeakMap<BudgetDb, Map<number, Entry>>();

/** The budget's current entry (a fresh one after any write), or null inside a transaction. */
export function entryOf(db: BudgetDb, budgetId: number): Entry | null {
  if (db.sqlite.inTransaction) return null;
  const stamp = stampOf(db);
  let m = caches.get(db);
  if (!m) caches.set(db, (m = new Map()));
  let e = m.get(budgetId);
  if (!e || !sameStamp(e.stamp, stamp)) e = { stamp, grains: {}, pending: [] };
  m.delete(budgetId); // most recently used last
  m.set(budgetId, e);
  for (const id of m.keys()) if (m.size > KEEP) m.delete(id);
  return e;
}

/** Where the database stands before an edit: null inside a transaction (the edit is then part of a larger
 *  write, which may roll back, and is never patched in). */
export function stampBeforeEdit(db: BudgetDb): Stamp | null {
  return db.sqlite.inTransaction ? null : stampOf(db);
}

/** An edit's row changes in the order applied. */
export interface AppliedChange {
  table: string;
  before: Row | null;
  after: Row | null;
}

/**
 * After a committed undoable edit of one budget: when its entry was current just before and the edit changed
 * lines of that budget only, the entry moves on to the new stamp with the edit's lines to patch in; otherwise
 * nothing is done, and the entry, now behind, is read again when next asked for.
 */
export function afterEdit(db: BudgetDb, budgetId: number, before: Stamp | null, changes: readonly AppliedChange[]): void {
  const m = caches.get(db);
  const e = m?.get(budgetId);
  if (!e || !before || db.sqlite.inTransaction || !sameStamp(e.stamp, before)) return;
  const now = stampOf(db);
  if (now.version !== before.version) return;
  const moves: LineMove[] = [];
  for (const c of changes) {
    const rows = [c.before, c.after].filter((r): r is Row => r !== null);
    if (c.table !== 'lines' || rows.some((r) => Number(r.budget_id) !== budgetId)) return;
    if (c.before) moves.push({ line: lineOfImage(c.before), sign: -1 });
    if (c.after) moves.push({ line: lineOfImage(c.after), sign: 1 });
  }
  if (e.pending.length + moves.length > PATCH_LIMIT) return;
  for (const x of moves) e.pending.push(x); // the entry is replaced below: its pending list moves with it
  // A new entry: a digest handed out before keeps its grains (a grain it reads now is the database's, edit included).
  m!.set(budgetId, { stamp: now, budget: e.budget, projects: e.projects, prior: e.prior, grains: { ...e.grains }, pending: e.pending });
}

/** Forgets what is kept of every budget of the database (bench: 校验 as after opening the file). */
export function forgetBudgets(db: BudgetDb): void {
  caches.delete(db);
}
