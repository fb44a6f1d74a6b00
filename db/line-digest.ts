// A stored budget's lines as 报表预览, 校验 and 控制数 reach them (core/line-digest.ts LineSource): the
// digest the triggers keep (db/line-aggregates.ts), and only the lines a finding names, fetched by value.
import { splitKey, type LineMatch, type LineSource } from '../core/line-digest';
import type { Line } from '../core/model';
import type { BudgetDb } from './budget-db';
import { LINE_SELECT, lineOfRow } from './budgets';
import { lineField, loadDigest } from './line-aggregates';

export function storedLines(db: BudgetDb, budgetId: number): LineSource {
  const digest = loadDigest(db, budgetId);
  let ids: number[] | undefined;
  let range: { min: number; contiguous: boolean } | undefined;
  // A line's position in the budget's line order (ORDER BY id, as loadBudgetById): "明细第 n 行". Lines written
  // together have consecutive ids; only when some were deleted between are all the ids read.
  const positionOf = (id: number): number => {
    if (!range) {
      const r = db.stmt('SELECT min(id) AS lo, max(id) AS hi FROM lines WHERE budget_id = ?').get(budgetId) as { lo: number | null; hi: number | null };
      range = { min: r.lo ?? 0, contiguous: r.lo !== null && r.hi! - r.lo + 1 === lineCount() };
    }
    if (range.contiguous) return id - range.min;
    ids ??= db.stmt('SELECT id FROM lines WHERE budget_id = ? ORDER BY id', { pluck: true }).all(budgetId) as number[];
    let lo = 0,
      hi = ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lineCount = () => digest.byFunction.reduce((s, g) => s + g.n, 0);
  const placed = (rows: unknown[][]): { line: Line; index: number }[] => rows.map((r) => ({ line: lineOfRow(r), index: positionOf(Number(r[0])) }));
  return {
    digest,
    stored: true,
    get lineCount() {
      return lineCount();
    },
    matching(m: LineMatch) {
      if (!m.keys.size) return [];
      // The fields compared as a row value with the wanted tuples (no string built per line).
      const fields = m.fields.map((f) => lineField(f, 'l')).join(', ');
      const wanted = m.fields.map((_f, i) => `value ->> ${i}`).join(', ');
      const sql = `SELECT ${LINE_SELECT.split(', ')
        .map((c) => `l.${c}`)
        .join(', ')} FROM lines l WHERE l.budget_id = ?${m.currentOnly ? ' AND l.carryover = 0' : ''}
        AND (${fields}) IN (SELECT ${wanted} FROM json_each(?)) ORDER BY l.id`;
      const tuples = [...m.keys].map(splitKey);
      return placed(db.stmt(sql, { raw: true, exact: true }).all(budgetId, JSON.stringify(tuples)) as unknown[][]);
    },
    zeroAmount() {
      if (!digest.byFunction.some((g) => g.zeros > 0)) return [];
      return placed(
        db
          .stmt(`SELECT ${LINE_SELECT} FROM lines WHERE budget_id = ? AND amount_fen <= 0 ORDER BY id`, { raw: true, exact: true })
          .all(budgetId) as unknown[][],
      );
    },
  };
}
