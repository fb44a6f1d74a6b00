// 预算明细's totals (总计, 基本/项目/其他, 人员经费/公用经费, 财政拨款): summed from line_totals, and kept
// between reads while nothing is written; a one-line update carries them by its difference, so the answer
// to an edit reads no aggregate.
import type { Fen } from '../core/money';
import { FISCAL_SOURCES, type Line } from '../core/model';
import { isPersonnel, PERSONNEL_CLASSES } from '../core/tables';
import type { BudgetDb } from './budget-db';
import { st, num, fen, type Row } from './edit-rows';
import { sameStamp, stampOf, type Stamp } from './write-stamp';

export interface TotalsFen {
  total: Fen;
  basic: Fen;
  project: Fen;
  personnel: Fen;
  publicExpense: Fen;
  other: Fen;
  fiscal: Fen;
  lineCount: number;
}

// Personnel (isPersonnel: economic 301xx, 303xx) and fiscal sources summed in SQL per kind: the aggregate
// is read in its key order with no sort (thousands of rows in a large budget; grouping by economic 类 sorted
// them and cost three times as much).
const TOTALS_SQL = `SELECT kind, sum(amount_fen) AS s, sum(n) AS n,
    sum(CASE WHEN source IN (${FISCAL_SOURCES.map(() => '?').join(', ')}) THEN amount_fen ELSE 0 END) AS fiscal,
    sum(CASE WHEN substr(economic_code, 1, 3) IN (${PERSONNEL_CLASSES.map(() => '?').join(', ')}) THEN amount_fen ELSE 0 END) AS personnel
  FROM line_totals WHERE budget_id = ? GROUP BY kind`;

/** 总计/基本/项目/人员经费/公用经费, exact, from the (kind, source, economic) aggregate that triggers keep
 *  (migration 006), so an edit's cost does not grow with the budget's lines. */
export function budgetTotals(db: BudgetDb, budgetId: number): TotalsFen {
  const valid = validTotals(db, budgetId);
  if (valid) return { ...valid };
  const rows = st(db, TOTALS_SQL).all(...FISCAL_SOURCES, ...PERSONNEL_CLASSES, budgetId) as Row[];
  const t: TotalsFen = { total: 0n, basic: 0n, project: 0n, personnel: 0n, publicExpense: 0n, other: 0n, fiscal: 0n, lineCount: 0 };
  for (const r of rows) {
    const s = fen(r.s);
    t.total += s;
    t.lineCount += num(r.n);
    t.fiscal += fen(r.fiscal);
    if (r.kind === 'basic') {
      t.basic += s;
      t.personnel += fen(r.personnel);
      t.publicExpense += s - fen(r.personnel);
    } else if (r.kind === 'project') t.project += s;
    else t.other += s;
  }
  keep(db, budgetId, t);
  return t;
}

// Kept for one budget per database while its stamp holds (db/write-stamp.ts: no row written since). Never kept
// inside a transaction, which may yet roll back.
const kept = new WeakMap<BudgetDb, { budgetId: number; stamp: Stamp; totals: TotalsFen }>();

function keep(db: BudgetDb, budgetId: number, totals: TotalsFen): void {
  if (!db.sqlite.inTransaction) kept.set(db, { budgetId, stamp: stampOf(db), totals });
}

/** The budget's totals when nothing has been written since they were read, else null. */
export function validTotals(db: BudgetDb, budgetId: number): TotalsFen | null {
  const k = kept.get(db);
  return k && k.budgetId === budgetId && !db.sqlite.inTransaction && sameStamp(k.stamp, stampOf(db)) ? k.totals : null;
}

type Share = Pick<Line, 'kind' | 'source' | 'economic' | 'amount'>;

/** What one line adds to each total (sign 1) or takes away (sign -1). */
function addShare(t: TotalsFen, l: Share, sign: 1n | -1n): void {
  const a = sign * l.amount;
  t.total += a;
  if ((FISCAL_SOURCES as readonly string[]).includes(l.source)) t.fiscal += a;
  if (l.kind === 'basic') {
    t.basic += a;
    if (isPersonnel(l.economic)) t.personnel += a;
    else t.publicExpense += a;
  } else if (l.kind === 'project') t.project += a;
  else t.other += a;
}

/** After `before` became `after` (one line updated, nothing else written): the totals read before, carried. */
export function carryTotals(db: BudgetDb, budgetId: number, totals: TotalsFen, before: Share, after: Share): void {
  const t = { ...totals };
  addShare(t, before, -1n);
  addShare(t, after, 1n);
  keep(db, budgetId, t);
}
