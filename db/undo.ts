// Undo/redo: every undoable edit records row images (before/after) of each row it touches, inside its
// transaction. The images go to an in-memory, per-budget undo log kept for this database handle (the
// engine is the only writer, so memory is enough; the log is lost when the app closes, as in any editor).
// Undo restores the before-images (in reverse order) in one transaction, first checking that each row
// still equals its after-image — so a row changed behind our back (e.g. by the CLI) makes undo refuse
// instead of silently overwriting. Redo is the mirror image. A new edit clears the redo stack; writes that
// are not undoable (budget file import, budget creation) clear the budget's log.
import { Refusal, toRefusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import { st, type Row } from './edit-rows';
import { budgetLabel as label, type BudgetInfo } from './budget-info';

/** Tables the recorder may touch, with their key columns. */
const KEYS = {
  lines: ['id'], units: ['id'], projects: ['id'], project_goals: ['project_id', 'seq'], indicators: ['id'],
  procurement: ['id'], assets: ['id'], narrative: ['budget_id'], budgets: ['id'], departments: ['id'], control: ['id'],
} as const;
type Table = keyof typeof KEYS;
/** Bookkeeping columns that are neither compared nor restored. */
const IGNORED = new Set(['updated_at', 'created_at']);

interface RowChange { table: Table; key: Row; before: Row | null; after: Row | null }
interface EditOp { label: string; changes: RowChange[] }
interface Stacks { undo: EditOp[]; redo: EditOp[] }

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

function whereKey(table: Table): string {
  return KEYS[table].map((k) => `${k} = ?`).join(' AND ');
}
function keyValues(table: Table, key: Row): unknown[] {
  return KEYS[table].map((k) => key[k]);
}
function image(db: BudgetDb, table: Table, key: Row): Row | null {
  return (st(db, `SELECT * FROM ${table} WHERE ${whereKey(table)}`).get(...keyValues(table, key)) as Row | undefined) ?? null;
}
function sameRow(a: Row | null, b: Row | null): boolean {
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
  constructor(private readonly db: BudgetDb) {}
  insert(table: Table, values: Row): number {
    const cols = Object.keys(values);
    const id = Number(st(this.db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => values[c])).lastInsertRowid);
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
    st(this.db, `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${whereKey(table)}`).run(...cols.map((c) => values[c]), ...keyValues(table, key));
    this.changes.push({ table, key, before, after: image(this.db, table, key) });
  }
  delete(table: Table, key: Row): void {
    const before = image(this.db, table, key);
    if (!before) return;
    st(this.db, `DELETE FROM ${table} WHERE ${whereKey(table)}`).run(...keyValues(table, key));
    this.changes.push({ table, key, before, after: null });
  }
}

/** Runs one undoable edit in one transaction and logs it. */
export function edit<T>(db: BudgetDb, b: BudgetInfo, opLabel: string, fn: (rec: Recorder) => T): T {
  const rec = new Recorder(db);
  const out = tx(db, () => {
    const r = fn(rec);
    touch(db, b.id);
    return r;
  });
  if (rec.changes.length) {
    const s = stacks(db, b.id);
    s.undo.push({ label: opLabel, changes: rec.changes });
    if (s.undo.length > UNDO_LIMIT) s.undo.shift();
    s.redo = [];
  }
  return out;
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

export interface UndoState { canUndo: boolean; canRedo: boolean; undoLabel: string | null; redoLabel: string | null }

export function undoState(db: BudgetDb, budgetId: number): UndoState {
  const s = logs.get(db)?.get(budgetId);
  const u = s?.undo[s.undo.length - 1];
  const r = s?.redo[s.redo.length - 1];
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

/** Undoes (or redoes) the budget's last edit in one transaction; returns its label. */
export function undoRedo(db: BudgetDb, b: BudgetInfo, dir: 'undo' | 'redo'): string {
  if (b.finalized) throw new Refusal('finalized', `${label(b)}的预算已定稿，不能${dir === 'undo' ? '撤销' : '重做'}修改；如需修改请先取消定稿`);
  const s = stacks(db, b.id);
  const from = dir === 'undo' ? s.undo : s.redo;
  const op = from[from.length - 1];
  if (!op) throw new Refusal('nothing_to_undo', dir === 'undo' ? '没有可撤销的操作' : '没有可重做的操作');
  try {
    tx(db, () => {
      const list = dir === 'undo' ? [...op.changes].reverse() : op.changes;
      for (const c of list) {
        const expect = dir === 'undo' ? c.after : c.before;
        const target = dir === 'undo' ? c.before : c.after;
        const current = image(db, c.table, c.key);
        if (!sameRow(current, expect)) throw new Refusal('conflict', `无法${dir === 'undo' ? '撤销' : '重做'}“${op.label}”：相关数据已被其他操作修改`);
        writeImage(db, c.table, c.key, current, target);
      }
      touch(db, b.id);
    });
  } catch (e) {
    // A stale entry can never apply later either; drop the history rather than leave a trap.
    if (e instanceof Refusal && e.code === 'conflict') forgetUndo(db, b.id);
    throw e;
  }
  from.pop();
  (dir === 'undo' ? s.redo : s.undo).push(op);
  return op.label;
}

