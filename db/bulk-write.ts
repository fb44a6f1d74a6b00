// THE wrapper of every bulk write (paste, 合并单位预算, 复制指标, 覆盖导入, 新建年度, 导入明细表): one transaction that
// is one undo step, or — when it touches more rows than the in-memory undo log should hold — an automatic
// backup written before it instead (the backup list names the reason). Writes that always back up first
// (覆盖导入, 合并) do both when they are small enough.
//
// Recording: writes through the undo Recorder (paste, 复制指标, 导入明细表) record their own rows; the others write
// with plain SQL (saveBudget, the merge), so the wrapper reads the department-year's rows before and after,
// inside the same transaction, and logs the difference as the step's row images. Too large to undo, nothing is
// recorded (the Recorder keeps no images).
import type { Budget } from '../core/model';
import type { BackupReason } from './backup';
import { findBudgetId } from './budgets';
import type { Row } from './edit-rows';
import type { BudgetDb } from './open';
import { Recorder, forgetUndo, keyOf, logEdit, sameRow, tx, type RowChange, type Table } from './undo';

/** Above this many rows (existing rows read plus rows written), a bulk write is backed up instead of undoable. */
export const BULK_UNDO_ROWS = 20_000;

/** Writes a backup of the open database for `reason`; answers where it went. */
export type BackupWriter = (reason: BackupReason) => Promise<string>;

export interface BulkWrite {
  /** The undo step's name (撤销“…”). */
  label: string;
  /** Rows the write reads and writes: the department-year's rows when `record` is 'budget', plus those written. */
  rows: number;
  /** The backup's reason when one is written. */
  reason: BackupReason;
  /** Where backups go; none (e.g. a test of the storage layer): no backup. */
  backup?: BackupWriter;
  /** Back up first whatever the size (覆盖导入, 合并). */
  alwaysBackup?: boolean;
  /** 'recorder': the write records its rows through the Recorder; 'budget' (default): the wrapper diffs the budget. */
  record?: 'recorder' | 'budget';
}

export interface BulkOutcome<T> {
  value: T;
  undoable: boolean;
  backup: string | null;
}

/** The department-year a bulk write changes (it may not exist yet before the write, or after it). */
export interface BulkTarget {
  deptCode: string;
  year: number;
}

/**
 * Runs `write` as one transaction: one undo step of the target's budget when op.rows ≤ BULK_UNDO_ROWS, else
 * after a backup (and the budget's undo history is dropped: it no longer describes the rows).
 */
export async function bulkWrite<T>(db: BudgetDb, target: BulkTarget, op: BulkWrite, write: (rec: Recorder) => T): Promise<BulkOutcome<T>> {
  const undoable = op.rows <= BULK_UNDO_ROWS;
  const backup = op.backup && (op.alwaysBackup || !undoable) ? await op.backup(op.reason) : null;
  const diffing = undoable && op.record !== 'recorder';
  const rec = new Recorder(db, undoable && !diffing);
  let changes: RowChange[] = [];
  let budgetId: number | null = null;
  const value = tx(db, () => {
    const before = diffing ? snapshot(db, target) : null;
    const v = write(rec);
    budgetId = findBudgetId(db, target.deptCode, target.year) ?? before?.budgetId ?? null;
    changes = before ? diff(before, snapshot(db, target)) : rec.changes;
    if (budgetId !== null) db.stmt(`UPDATE budgets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(budgetId);
    return v;
  });
  if (budgetId !== null) {
    if (undoable && changes.length) logEdit(db, budgetId, { label: op.label, changes, bulk: op.record !== 'recorder' });
    else if (!undoable) forgetUndo(db, budgetId);
  }
  return { value, undoable, backup };
}

/** Rows a whole budget (a file's, a new year's) writes. */
export function documentRowCount(b: Pick<Budget, 'units' | 'lines' | 'projects' | 'procurement' | 'assets'>): number {
  return (
    b.units.length + b.lines.length + b.procurement.length + b.assets.length + b.projects.reduce((n, p) => n + 1 + p.indicators.length + p.goals.length, 0)
  );
}

/** Rows of a budget's content tables (what a whole-budget write may change). */
export function budgetRowCount(db: BudgetDb, budgetId: number | null): number {
  if (budgetId === null) return 0;
  const n = (sql: string) => Number(db.stmt(sql, { pluck: true }).get({ b: budgetId }));
  return (
    n('SELECT coalesce(sum(n), 0) FROM line_totals WHERE budget_id = @b') +
    n(`SELECT (SELECT count(*) FROM units ${OF_BUDGET}) + (SELECT count(*) FROM projects ${OF_BUDGET})
      + (SELECT count(*) FROM procurement ${OF_BUDGET}) + (SELECT count(*) FROM assets ${OF_BUDGET})`) +
    n(`SELECT count(*) FROM indicators ${OF_PROJECTS}`)
  );
}

// Every table holding a department-year, with the query of its rows (@d department code, @b budget id).
const OF_BUDGET = 'WHERE budget_id = @b';
const OF_PROJECTS = 'WHERE project_id IN (SELECT id FROM projects WHERE budget_id = @b)';
const SCOPE: readonly [Table, string][] = [
  ['departments', 'WHERE code = @d'],
  ['budgets', 'WHERE id = @b'],
  ['units', OF_BUDGET],
  ['projects', OF_BUDGET],
  ['project_goals', OF_PROJECTS],
  ['indicators', OF_PROJECTS],
  ['lines', OF_BUDGET],
  ['procurement', OF_BUDGET],
  ['assets', OF_BUDGET],
  ['narrative', OF_BUDGET],
  ['prior_year', OF_BUDGET],
  ['prior_figures', OF_BUDGET],
  ['budget_extra', OF_BUDGET],
];

interface Snapshot {
  budgetId: number | null;
  rows: Map<Table, Map<string, Row>>;
}

function snapshot(db: BudgetDb, t: BulkTarget): Snapshot {
  const budgetId = findBudgetId(db, t.deptCode, t.year);
  const rows = new Map<Table, Map<string, Row>>();
  for (const [table, where] of SCOPE) {
    const m = new Map<string, Row>();
    const all = db.stmt(`SELECT * FROM ${table} ${where}`).all({ d: t.deptCode, b: budgetId ?? -1 }) as Row[];
    for (const r of all) m.set(JSON.stringify(Object.values(keyOf(table, r))), r);
    rows.set(table, m);
  }
  return { budgetId, rows };
}

function diff(a: Snapshot, b: Snapshot): RowChange[] {
  const out: RowChange[] = [];
  for (const [table] of SCOPE) {
    const before = a.rows.get(table)!;
    const after = b.rows.get(table)!;
    for (const [k, row] of before) {
      const now = after.get(k) ?? null;
      if (!sameRow(row, now)) out.push({ table, key: keyOf(table, row), before: row, after: now });
    }
    for (const [k, row] of after) if (!before.has(k)) out.push({ table, key: keyOf(table, row), before: null, after: row });
  }
  return out;
}
