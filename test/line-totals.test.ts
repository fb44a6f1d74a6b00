// The totals 预算明细 shows after an edit, and the lines' digest 报表预览/校验/控制数 read (db/line-aggregates.ts),
// come from aggregates kept by triggers (and added once after bulk inserts) instead of a scan of every line.
// After every kind of write — bulk import, single edits, undo, redo, merge with 替换, deleting a budget — each
// equals the lines themselves: line_totals a GROUP BY, every grain of the digest digestOf over the loaded lines.
import { describe, expect, test } from 'vitest';
import { generateBudgetDoc } from '../bench/generate';
import { SHAPES } from '../bench/generate';
import { digestOf, GRAIN_NAMES, type LineDigest } from '../core/line-digest';
import { deleteBudget, loadBudgetById } from '../db/budgets';
import { loadDigest } from '../db/line-aggregates';
import * as edits from '../db/edits';
import { importBudgetFile } from '../db/import';
import { mergeBudgetFile } from '../db/merge';
import { useTempDb } from './helpers/db';
import { splitByUnit, multiUnitDoc } from './helpers/multi-unit';

const t = useTempDb('totals.sqlite');

/** The aggregate as stored, and as a GROUP BY over the lines, rows with n = 0 left out. */
function bothWays(): [unknown[], unknown[]] {
  const s = t.db.sqlite;
  const stored = s
    .prepare('SELECT budget_id, kind, source, economic_code, amount_fen, n FROM line_totals WHERE n > 0 ORDER BY 1, 2, 3, 4')
    .raw(true)
    .safeIntegers(true)
    .all();
  const scanned = s
    .prepare('SELECT budget_id, kind, source, economic_code, sum(amount_fen), count(*) FROM lines GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4')
    .raw(true)
    .safeIntegers(true)
    .all();
  return [stored, scanned];
}
/** A digest as comparable data: per grain, its groups that hold lines, sorted. */
const comparable = (d: LineDigest) =>
  Object.fromEntries(
    GRAIN_NAMES.map((g) => [
      g,
      d[g]
        .filter((x) => x.n > 0)
        .map((x) => JSON.stringify({ ...x, amount: String(x.amount) }))
        .sort(),
    ]),
  );
const expectConsistent = () => {
  const [stored, scanned] = bothWays();
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toEqual(scanned);
  const ids = t.db.sqlite.prepare('SELECT id FROM budgets').pluck().all() as number[];
  for (const id of ids) expect(comparable(loadDigest(t.db, id))).toEqual(comparable(digestOf(loadBudgetById(t.db, id).lines)));
};

describe('line totals aggregate', () => {
  test('stays equal to the lines through bulk import, edits, undo/redo, merge and delete', async () => {
    // Bulk path (3,000 lines ≥ BULK_LINES) and the per-line trigger path (the fixture-sized second budget).
    const big = await importBudgetFile(t.db, JSON.stringify(generateBudgetDoc(SHAPES.medium, 3)));
    expect(big.ok).toBe(true);
    const doc = multiUnitDoc(5);
    const parts = splitByUnit({ ...doc, department: { code: '712', name: '另一部门' } });
    expect((await importBudgetFile(t.db, JSON.stringify(parts[0]))).ok).toBe(true);
    expectConsistent();

    const b = edits.writableBudget(t.db, '711', 2025);
    const lines = edits.listLines(t.db, b.id);
    edits.updateLine(t.db, b, lines[0]!.id, { amount: '12345.67' });
    edits.updateLine(t.db, b, lines[1]!.id, { source: lines[1]!.source === 'general' ? 'fund' : 'general' });
    const [added] = edits.addLines(t.db, b, [
      { unit: lines[2]!.unit, function: lines[2]!.function, economic: lines[2]!.economic, kind: 'basic', source: 'general', amount: '99.01' },
    ]);
    edits.deleteLines(t.db, b, [lines[3]!.id, added!]);
    expectConsistent();
    const totals = edits.budgetTotals(t.db, b.id);
    const sum = t.db.sqlite.prepare('SELECT sum(amount_fen) FROM lines WHERE budget_id = ?').safeIntegers(true).pluck().get(b.id);
    expect(totals.total).toBe(sum);
    edits.undoRedo(t.db, b, 'undo');
    edits.undoRedo(t.db, b, 'undo');
    expectConsistent();
    edits.undoRedo(t.db, b, 'redo');
    expectConsistent();

    for (const p of parts.slice(1)) expect((await mergeBudgetFile(t.db, JSON.stringify(p))).ok).toBe(true);
    expect((await mergeBudgetFile(t.db, JSON.stringify(parts[1]), { replace: true })).ok).toBe(true);
    expectConsistent();

    deleteBudget(t.db, '711', 2025);
    expectConsistent();
  });
  test('a bulk merge into a budget that already has lines adds its sums to the existing groups', async () => {
    expect((await importBudgetFile(t.db, JSON.stringify(generateBudgetDoc(SHAPES.medium, 3)))).ok).toBe(true);
    // A second file of the same department with other units and projects: 3,000 lines (the bulk path)
    // whose (kind, source, economic code) groups mostly exist already.
    const other = generateBudgetDoc(SHAPES.medium, 4) as {
      units: { code: string }[];
      projects: { code: string; unit: string }[];
      lines: { unit: string; project?: string }[];
      procurement: { project: string }[];
    };
    const unit = (c: string) => `712${c.slice(3)}`;
    const project = (c: string) => `9${c}`;
    for (const u of other.units) u.code = unit(u.code);
    for (const p of other.projects) {
      p.code = project(p.code);
      p.unit = unit(p.unit);
    }
    for (const l of other.lines) {
      l.unit = unit(l.unit);
      if (l.project) l.project = project(l.project);
    }
    for (const r of other.procurement) r.project = project(r.project);
    const before = t.db.sqlite.prepare('SELECT count(*) FROM line_totals').pluck().get() as number;
    const merged = await mergeBudgetFile(t.db, JSON.stringify(other));
    expect(merged.ok).toBe(true);
    expect(t.db.sqlite.prepare('SELECT count(*) FROM lines').pluck().get()).toBe(6000);
    // Most groups were updated in place rather than added.
    expect(t.db.sqlite.prepare('SELECT count(*) FROM line_totals').pluck().get() as number).toBeLessThan(before * 2);
    expectConsistent();
  });
});
