// A stored budget's lines as 报表预览, 校验 and 控制数 reach them (core/line-digest.ts LineSource): the
// digest the triggers keep (db/line-aggregates.ts), and only the lines a finding names, fetched by value.
import { splitKey, type LineMatch, type LineSource } from '../core/line-digest';
import type { Line } from '../core/model';
import type { BudgetDb } from './budget-db';
import { LINE_SELECT, lineOfRow } from './budgets';
import { cachedDigest } from './budget-cache';
import { lineField } from './line-aggregates';

export function storedLines(db: BudgetDb, budgetId: number): LineSource {
  const digest = cachedDigest(db, budgetId);
  let ids: number[] | undefined;
  let range: { min: number; contiguous: boolean } | undefined;
  // A line's position in the budget's line order (ORDER BY id, as loadBudgetById): "明细第 n 行". Lines written
  // together have consecutive ids; only when some were deleted between are all the ids read.
  const positionOf = (id: number): number => {
    if (!range) {
      // Two lookups at the ends of the index (min and max together would read the whole budget's range).
      const r = db
        .stmt('SELECT (SELECT min(id) FROM lines WHERE budget_id = ?) AS lo, (SELECT max(id) FROM lines WHERE budget_id = ?) AS hi')
        .get(budgetId, budgetId) as { lo: number | null; hi: number | null };
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
      const tuples = [...m.keys].map(splitKey);
      // The fields compared as a row value with the wanted tuples (no string built per line), after a cheaper
      // test most lines fail: one of the covering values in one field.
      const cover = coverOf(tuples, m.fields.length);
      const fields = m.fields.map((f) => lineField(f, 'l')).join(', ');
      const wanted = m.fields.map((_f, i) => `value ->> ${i}`).join(', ');
      const coverSql = cover
        ? ` AND (${cover.map(({ field }) => `${lineField(m.fields[field]!, 'l')} IN (SELECT value FROM json_each(?))`).join(' OR ')})`
        : '';
      const sql = `SELECT ${LINE_SELECT.split(', ')
        .map((c) => `l.${c}`)
        .join(', ')} FROM lines l WHERE l.budget_id = ?${m.currentOnly ? ' AND l.carryover = 0' : ''}${coverSql}
        AND (${fields}) IN (SELECT ${wanted} FROM json_each(?)) ORDER BY l.id`;
      const args = [budgetId, ...(cover ?? []).map(({ values }) => JSON.stringify(values)), JSON.stringify(tuples)];
      return placed(db.stmt(sql, { raw: true, exact: true }).all(...args) as unknown[][]);
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

/**
 * Values of single fields such that every wanted tuple holds one of them (greedily, the value most tuples share
 * first), grouped by field; null for one field, or when it takes more values than it would save. A line holding
 * none of them cannot match (a rule's bad pairs share a few codes: 30108 under any but one function …).
 */
function coverOf(tuples: readonly string[][], width: number): { field: number; values: string[] }[] | null {
  if (width < 2) return null;
  const left = new Set(tuples.map((_t, i) => i));
  const chosen = new Map<number, string[]>();
  let taken = 0;
  while (left.size) {
    const count = new Map<string, number>();
    for (const i of left)
      for (let f = 0; f < width; f++) {
        const k = `${f}\u0000${tuples[i]![f]}`;
        count.set(k, (count.get(k) ?? 0) + 1);
      }
    let best = '',
      most = 0;
    for (const [k, n] of count) if (n > most) [best, most] = [k, n];
    const at = best.indexOf('\u0000');
    const field = Number(best.slice(0, at)),
      value = best.slice(at + 1);
    for (const i of [...left]) if (tuples[i]![field] === value) left.delete(i);
    const values = chosen.get(field);
    if (values) values.push(value);
    else chosen.set(field, [value]);
    if (++taken > MAX_COVER) return null;
  }
  return [...chosen].map(([field, values]) => ({ field, values }));
}
/** Beyond this many covering values the test costs about what it saves. */
const MAX_COVER = 64;
