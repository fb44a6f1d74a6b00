// A stored budget's lines as 报表预览, 校验 and 控制数 reach them (core/line-digest.ts LineSource): the
// digest the triggers keep (db/line-aggregates.ts), and only the lines a finding names, fetched by value.
import type { LineMatch, LineSource } from '../core/line-digest';
import type { Line } from '../core/model';
import type { BudgetDb } from './budget-db';
import { LINE_SELECT, lineOfRow } from './budgets';
import { lineField, loadDigest } from './line-aggregates';

export function storedLines(db: BudgetDb, budgetId: number): LineSource {
  const digest = loadDigest(db, budgetId);
  let ids: number[] | undefined;
  // A line's position in the budget's line order (ORDER BY id, as loadBudgetById): "明细第 n 行".
  const positionOf = (id: number): number => {
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
  const placed = (rows: unknown[][]): { line: Line; index: number }[] => rows.map((r) => ({ line: lineOfRow(r), index: positionOf(Number(r[0])) }));
  return {
    digest,
    stored: true,
    get lineCount() {
      return digest.byFunction.reduce((s, g) => s + g.n, 0);
    },
    matching(m: LineMatch) {
      if (!m.keys.size) return [];
      const key = m.fields.map((f) => lineField(f, 'l')).join(' || char(1) || ');
      const sql = `SELECT ${LINE_SELECT.split(', ')
        .map((c) => `l.${c}`)
        .join(', ')} FROM lines l WHERE l.budget_id = ?${m.currentOnly ? ' AND l.carryover = 0' : ''}
        AND ${key} IN (SELECT value FROM json_each(?)) ORDER BY l.id`;
      return placed(db.stmt(sql, { raw: true, exact: true }).all(budgetId, JSON.stringify([...m.keys])) as unknown[][]);
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
