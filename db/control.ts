// 控制数 in storage: read, written with a whole budget (import), and the clerk's undoable writes
// (a sheet or a list replacing or adding cells, one cell by hand, one deleted). Each write one transaction.
import { grainTable } from './line-aggregates';
import { cellCovers, cellKey, cellLabel, controlFigures, type ControlFigure, type CoveredLine } from '../core/control/cells';
import type { ControlCell, ControlKind, ControlSource, Line } from '../core/model';
import { CONTROL_SOURCES } from '../core/model';
import type { BudgetInfo } from './budget-info';
import { assertWritable } from './budget-info';
import { st, type Row } from './edit-rows';
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { edit } from './undo';

const SELECT = 'SELECT id, unit_code, source, kind, project_code, amount_fen FROM control WHERE budget_id = ? ORDER BY seq, id';

function cellOf(r: Row): ControlCell {
  const c: ControlCell = { source: r.source as ControlSource, amount: BigInt(r.amount_fen as bigint) };
  if (r.unit_code !== null) c.unit = String(r.unit_code);
  if (r.kind !== null) c.kind = r.kind as ControlKind;
  if (r.project_code !== null) c.project = String(r.project_code);
  return c;
}

/** A budget's 控制数, in list order. */
export function loadControl(db: BudgetDb, budgetId: number): ControlCell[] {
  return (st(db, SELECT).all(budgetId) as Row[]).map(cellOf);
}

const values = (budgetId: number, seq: number, c: ControlCell): Row => ({
  budget_id: budgetId,
  seq,
  unit_code: c.unit ?? null,
  source: c.source,
  kind: c.kind ?? null,
  project_code: c.project ?? null,
  amount_fen: c.amount,
});

/** Inserts cells inside the caller's transaction (a whole budget being saved). */
export function writeControl(db: BudgetDb, budgetId: number, cells: readonly ControlCell[], firstSeq = 0): void {
  const ins = st(db, 'INSERT INTO control (budget_id, seq, unit_code, source, kind, project_code, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?)');
  cells.forEach((c, i) => ins.run(budgetId, firstSeq + i, c.unit ?? null, c.source, c.kind ?? null, c.project ?? null, c.amount));
}

export interface ControlWrite {
  added: number;
  updated: number;
  removed: number;
}

/**
 * Writes checked cells as one undoable edit: `replace` removes every 控制数 not among them first; otherwise a
 * cell already there is refused (named by the caller's row), unless `update` lets the new amount replace it.
 */
export function storeControl(
  db: BudgetDb,
  b: BudgetInfo,
  cells: readonly ControlCell[],
  opts: { replace?: boolean; update?: boolean; label: string },
): ControlWrite {
  assertWritable(db, b.id);
  const current = new Map(
    (st(db, SELECT).all(b.id) as Row[]).map((r) => {
      const c = cellOf(r);
      return [cellKey(c), { id: r.id, cell: c }];
    }),
  );
  if (!opts.replace && !opts.update) {
    const units = st(db, 'SELECT code, name FROM units WHERE budget_id = ?').all(b.id) as { code: string; name: string }[];
    const projects = st(db, 'SELECT code, name FROM projects WHERE budget_id = ?').all(b.id) as { code: string; name: string }[];
    const clash = cells.filter((c) => current.has(cellKey(c)));
    if (clash.length) {
      const named = clash
        .slice(0, 20)
        .map((c) => cellLabel(c, { units, projects }))
        .join('；');
      throw new Refusal('conflict', `以下 ${clash.length} 个控制数已经存在，未作任何修改（如需以新数替换原有控制数，请选择替换）：${named}`);
    }
  }
  const out: ControlWrite = { added: 0, updated: 0, removed: 0 };
  edit(db, b, opts.label, (rec) => {
    const keep = new Set(cells.map(cellKey));
    if (opts.replace) {
      for (const [k, c] of current)
        if (!keep.has(k)) {
          rec.delete('control', { id: c.id });
          out.removed++;
        }
    }
    let seq = Number((st(db, 'SELECT coalesce(max(seq), -1) + 1 AS n FROM control WHERE budget_id = ?').get(b.id) as Row).n);
    for (const c of cells) {
      const old = current.get(cellKey(c));
      if (old) {
        if (old.cell.amount !== c.amount) {
          rec.update('control', { id: old.id }, { amount_fen: c.amount });
          out.updated++;
        }
      } else {
        rec.insert('control', values(b.id, seq++, c));
        out.added++;
      }
    }
  });
  return out;
}

/** Deletes one 控制数 (by its cell), undoably. */
export function deleteControl(db: BudgetDb, b: BudgetInfo, cell: Omit<ControlCell, 'amount'>): void {
  assertWritable(db, b.id);
  const row = (st(db, SELECT).all(b.id) as Row[]).find((r) => cellKey(cellOf(r)) === cellKey(cell));
  if (!row) throw new Refusal('not_found', '要删除的控制数不存在（可能已被删除）');
  edit(db, b, '删除控制数', (rec) => rec.delete('control', { id: row.id }));
}

/**
 * The 控制数 figures of a budget without loading its lines: the sums per unit × project × kind × source the
 * triggers keep (db/line-aggregates.ts, grain `cells`) of the lines that count (财政拨款 of the two kinds,
 * without 结转), restricted to one source and unit when `only` says the cells need no more.
 */
export function controlFiguresOf(db: BudgetDb, budgetId: number, only?: { source: string; unit?: string; cells: readonly ControlCell[] }): ControlFigure[] {
  const control = only ? [...only.cells] : loadControl(db, budgetId);
  if (!control.length) return [];
  const units = st(db, 'SELECT code, name FROM units WHERE budget_id = ?').all(budgetId) as { code: string; name: string }[];
  const projects = st(db, 'SELECT code, name FROM projects WHERE budget_id = ?').all(budgetId) as { code: string; name: string }[];
  const where = [
    `budget_id = ?`,
    `n > 0`,
    `carryover = 0`,
    `(kind = 'basic' OR kind = 'project')`,
    `(${CONTROL_SOURCES.map((s) => `source = '${s}'`).join(' OR ')})`,
  ];
  const params: unknown[] = [budgetId];
  if (only) {
    where.push('source = ?');
    params.push(only.source);
  }
  if (only?.unit !== undefined) {
    where.push('unit_code = ?');
    params.push(only.unit);
  }
  const rows = st(db, `SELECT unit_code, source, kind, project_code, amount_fen AS s FROM ${grainTable('cells')} WHERE ${where.join(' AND ')}`).all(
    ...params,
  ) as Row[];
  const lines = rows.map((r): CoveredLine => ({
    unit: String(r.unit_code),
    source: r.source as Line['source'],
    kind: r.kind as Line['kind'],
    project: String(r.project_code),
    carryover: false,
    amount: BigInt(r.s as bigint),
  }));
  return controlFigures({ control, lines, units, projects });
}

/** The figures of the cells a line falls in (预算明细's panel): only that source's (and, when it suffices, unit's) lines are summed. */
export function figuresForLine(db: BudgetDb, budgetId: number, line: Pick<Line, 'unit' | 'source' | 'kind' | 'project' | 'carryover'>): ControlFigure[] {
  const cells = loadControl(db, budgetId).filter((c) => cellCovers(c, line));
  if (!cells.length) return [];
  const unit = cells.every((c) => c.unit !== undefined) ? line.unit : undefined;
  return controlFiguresOf(db, budgetId, { source: line.source, unit, cells });
}
