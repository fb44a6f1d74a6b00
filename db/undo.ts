// Undo/redo: every undoable edit records row images (before/after) of each row it touches, inside its
// transaction. The images go to an in-memory, per-budget undo log kept for this database handle (the
// engine is the only writer, so memory is enough; the log is lost when the app closes, as in any editor).
// Undo restores the before-images (in reverse order) in one transaction, first checking that each row
// still equals its after-image — so a row changed behind our back (e.g. by the CLI) makes undo refuse
// instead of silently overwriting. Redo is the mirror image. A new edit clears the redo stack; writes that
// are not undoable (a new department-year's import, budget creation, a bulk write above the undo log's size)
// clear the budget's log. Bulk writes (db/bulk-write.ts) log one step of whole-budget row images.
import { Refusal, toRefusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import { st, type Row } from './edit-rows';
import { budgetLabel as label, type BudgetInfo } from './budget-info';
import { afterEdit, stampBeforeEdit } from './kept-budgets';

/** Tables the recorder may touch, with their key columns. */
const KEYS = {
  lines: ['id'],
  units: ['id'],
  projects: ['id'],
  project_goals: ['project_id', 'seq'],
  indicators: ['id'],
  procurement: ['id'],
  assets: ['id'],
  narrative: ['budget_id'],
  budgets: ['id'],
  departments: ['id'],
  control: ['id'],
  prior_year: ['budget_id'],
  prior_figures: ['budget_id', 'key'],
  budget_extra: ['budget_id'],
} as const;
export type Table = keyof typeof KEYS;
/** Bookkeeping columns that are neither compared nor restored. */
const IGNORED = new Set(['updated_at', 'created_at']);

export interface RowChange {
  table: Table;
  key: Row;
  before: Row | null;
  after: Row | null;
}
/** `bulk`: a whole-budget write recorded by db/bulk-write.ts (row images in no particular order). */
interface EditOp {
  label: string;
  changes: RowChange[];
  bulk?: boolean;
}
interface Stacks {
  undo: EditOp[];
  redo: EditOp[];
}

export const UNDO_LIMIT = 200;
const logs = new WeakMap<BudgetDb, Map<number, Stacks>>();
function stacks(db: BudgetDb, budgetId: number): Stacks {
  let m = logs.get(db);
  if (!m) logs.set(db, (m = new Map()));
  let s = m.get(budgetId);
  if (!s) m.set(budgetId, (s = { undo: [], redo: [] }));
  return s;
}

/** Drops the undo/redo history of one budget (or of all, without budgetId): after non-undoable writes. */
export function forgetUndo(db: BudgetDb, budgetId?: number): void {
  if (budgetId === undefined) logs.delete(db);
  else logs.get(db)?.delete(budgetId);
}

/** A row's key within its table (for comparing two sets of row images). */
export function keyOf(table: Table, row: Row): Row {
  return Object.fromEntries(KEYS[table].map((k) => [k, row[k]]));
}

function whereKey(table: Table): string {
  return KEYS[table].map((k) => `${k} = ?`).join(' AND ');
}
function keyValues(table: Table, key: Row): unknown[] {
  return KEYS[table].map((k) => key[k]);
}
function image(db: BudgetDb, table: Table, key: Row): Row | null {
  return (st(db, `SELECT * FROM ${table} WHERE ${whereKey(table)}`).get(...keyValues(table, key)) as Row | undefined) ?? null;
}
export function sameRow(a: Row | null, b: Row | null): boolean {
  if (a === null || b === null) return a === b;
  for (const k of Object.keys(a)) if (!IGNORED.has(k) && String(a[k]) !== String(b[k])) return false;
  return true;
}
function writeImage(db: BudgetDb, table: Table, key: Row, current: Row | null, target: Row | null): void {
  if (target === null) {
    st(db, `DELETE FROM ${table} WHERE ${whereKey(table)}`).run(...keyValues(table, key));
    return;
  }
  const cols = Object.keys(target).filter((c) => !IGNORED.has(c));
  if (current === null) st(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => target[c]));
  else {
    const set = cols.filter((c) => !(KEYS[table] as readonly string[]).includes(c));
    st(db, `UPDATE ${table} SET ${set.map((c) => `${c} = ?`).join(', ')} WHERE ${whereKey(table)}`).run(...set.map((c) => target[c]), ...keyValues(table, key));
  }
}

/** Records row images while an edit runs. Every write of an undoable edit goes through it. */
export class Recorder {
  readonly changes: RowChange[] = [];
  /** `recording` false: the writes still go through, no image is kept (a bulk write too large to undo, db/bulk-write.ts). */
  constructor(
    private readonly db: BudgetDb,
    readonly recording = true,
  ) {}
  insert(table: Table, values: Row): number {
    const cols = Object.keys(values);
    const id = Number(
      st(this.db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => values[c])).lastInsertRowid,
    );
    if (!this.recording) return id;
    const key: Row = KEYS[table].length === 1 && KEYS[table][0] === 'id' ? { id } : Object.fromEntries(KEYS[table].map((k) => [k, values[k]]));
    // Every insert here names all columns, so the after-image is the values themselves (no read-back:
    // a 30,000-row paste would otherwise double its statements).
    this.changes.push({ table, key, before: null, after: { ...values, ...key } });
    return id;
  }
  update(table: Table, key: Row, values: Row): void {
    const before = image(this.db, table, key);
    if (!before) throw new Refusal('not_found', '要修改的记录不存在（可能已被删除）');
    const cols = Object.keys(values);
    st(this.db, `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${whereKey(table)}`).run(
      ...cols.map((c) => values[c]),
      ...keyValues(table, key),
    );
    if (this.recording) this.changes.push({ table, key, before, after: image(this.db, table, key) });
  }
  delete(table: Table, key: Row): void {
    const before = image(this.db, table, key);
    if (!before) return;
    st(this.db, `DELETE FROM ${table} WHERE ${whereKey(table)}`).run(...keyValues(table, key));
    if (this.recording) this.changes.push({ table, key, before, after: null });
  }
  /** Rows another writer inserted (bulk inserts read back by id, read only when recording): logged as inserts. */
  inserted(table: Table, rows: () => readonly Row[]): void {
    if (this.recording)
      for (const r of rows()) this.changes.push({ table, key: Object.fromEntries(KEYS[table].map((k) => [k, r[k]])), before: null, after: r });
  }
  /** Rows about to be deleted by another writer (read only when recording): logged as deletes (call before deleting). */
  deleted(table: Table, rows: () => readonly Row[]): void {
    if (this.recording)
      for (const r of rows()) this.changes.push({ table, key: Object.fromEntries(KEYS[table].map((k) => [k, r[k]])), before: r, after: null });
  }
}

/** Runs one undoable edit in one transaction and logs it. */
export function edit<T>(db: BudgetDb, b: BudgetInfo, opLabel: string, fn: (rec: Recorder) => T): T {
  const rec = new Recorder(db);
  const stamp = stampBeforeEdit(db);
  const out = tx(db, () => {
    const r = fn(rec);
    touch(db, b.id);
    return r;
  });
  if (rec.changes.length) logEdit(db, b.id, { label: opLabel, changes: rec.changes });
  afterEdit(db, b.id, stamp, rec.changes);
  return out;
}

/** Puts a committed edit on the budget's undo stack (clearing redo). */
export function logEdit(db: BudgetDb, budgetId: number, op: EditOp): void {
  const s = stacks(db, budgetId);
  s.undo.push(op);
  if (s.undo.length > UNDO_LIMIT) s.undo.shift();
  s.redo = [];
}

/** inTransaction, with SQLite failures turned into Refusal (refusals pass through). */
export function tx<T>(db: BudgetDb, fn: () => T): T {
  try {
    return inTransaction(db, fn);
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw toRefusal(e, '保存修改');
  }
}

function touch(db: BudgetDb, budgetId: number): void {
  st(db, `UPDATE budgets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(budgetId);
}

/** A bulk edit's images restored as deletes, then updates, then inserts: no unique code is held twice midway. */
function bulkOrder(list: RowChange[], dir: 'undo' | 'redo'): RowChange[] {
  const target = (c: RowChange) => (dir === 'undo' ? c.before : c.after);
  const from = (c: RowChange) => (dir === 'undo' ? c.after : c.before);
  return [...list.filter((c) => !target(c)), ...list.filter((c) => target(c) && from(c)), ...list.filter((c) => !from(c))];
}

/**
 * A bulk edit restores every row image of the budget exactly, so the result is as consistent as the state it
 * came from; with foreign keys on, ON DELETE/UPDATE CASCADE would change rows the images restore next (a
 * project's indicators, a unit's lines). The pragma cannot change inside a transaction, hence around it.
 */
function withoutForeignKeys(db: BudgetDb, fn: () => void): void {
  db.sqlite.pragma('foreign_keys = OFF');
  try {
    fn();
  } finally {
    db.sqlite.pragma('foreign_keys = ON');
  }
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

export function undoState(db: BudgetDb, budgetId: number): UndoState {
  const s = logs.get(db)?.get(budgetId);
  const u = s?.undo[s.undo.length - 1];
  const r = s?.redo[s.redo.length - 1];
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

/** Undoes (or redoes) the budget's last edit in one transaction; returns its label. */
export function undoRedo(db: BudgetDb, b: BudgetInfo, dir: 'undo' | 'redo'): string {
  if (b.finalized) throw new Refusal('finalized', `${label(b)}的预算已定稿，不能${dir === 'undo' ? '撤销' : '重做'}修改；如需修改请先解除定稿`);
  const s = stacks(db, b.id);
  const from = dir === 'undo' ? s.undo : s.redo;
  const op = from[from.length - 1];
  if (!op) throw new Refusal('nothing_to_undo', dir === 'undo' ? '没有可撤销的操作' : '没有可重做的操作');
  const stamp = stampBeforeEdit(db);
  try {
    const apply = () =>
      tx(db, () => {
        const list = dir === 'undo' ? [...op.changes].reverse() : op.changes;
        for (const c of op.bulk ? bulkOrder(list, dir) : list) {
          const expect = dir === 'undo' ? c.after : c.before;
          const target = dir === 'undo' ? c.before : c.after;
          const current = image(db, c.table, c.key);
          if (!sameRow(current, expect)) throw new Refusal('conflict', `无法${dir === 'undo' ? '撤销' : '重做'}“${op.label}”：相关数据已被其他操作修改`);
          writeImage(db, c.table, c.key, current, target);
        }
        if (op.bulk) st(db, 'DELETE FROM line_totals WHERE budget_id NOT IN (SELECT id FROM budgets)').run();
        touch(db, b.id);
      });
    if (op.bulk) withoutForeignKeys(db, apply);
    else apply();
  } catch (e) {
    // A stale entry can never apply later either; drop the history rather than leave a trap.
    if (e instanceof Refusal && e.code === 'conflict') forgetUndo(db, b.id);
    throw e;
  }
  from.pop();
  (dir === 'undo' ? s.redo : s.undo).push(op);
  // A bulk step's images are whole tables: what is kept of the budget is read again instead.
  if (!op.bulk)
    afterEdit(db, b.id, stamp, dir === 'undo' ? [...op.changes].reverse().map((c) => ({ table: c.table, before: c.after, after: c.before })) : op.changes);
  return op.label;
}
