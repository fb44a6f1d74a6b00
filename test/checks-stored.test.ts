// 校验 of a stored budget reads the lines' digest the triggers keep and fetches only the lines a finding
// names (db/line-digest.ts). Its findings — every message, line number and target — are those of the same
// rules over the loaded lines, for a generated department full of findings (function–economic pairs, 工资
// 福利 in 项目支出, zero amounts, lines outside any 控制数, units over their ceilings).
import { describe, expect, test } from 'vitest';
import { generateBudgetDoc, SHAPES } from '../bench/generate';
import { runChecks } from '../core/checks';
import type { ControlCell } from '../core/model';
import { loadBudgetById } from '../db/budgets';
import { writeControl } from '../db/control';
import { loadDisclosureInputs } from '../db/disclosure';
import * as edits from '../db/edits';
import { importBudgetFile } from '../db/import';
import { useTempDb } from './helpers/db';

const t = useTempDb('checks-stored.sqlite');

describe('校验 from the stored digest', () => {
  test('finds exactly what the rules find over the loaded lines', async () => {
    expect((await importBudgetFile(t.db, JSON.stringify(generateBudgetDoc(SHAPES.medium, 7)))).ok).toBe(true);
    const b = edits.writableBudget(t.db, '711', 2025);
    const lines = edits.listLines(t.db, b.id);
    const l = lines[5]!;
    // A line of amount 0 (a draft row the schema allows, migration 002), written as the triggers see any insert.
    t.db.sqlite
      .prepare(
        'INSERT INTO lines (budget_id, unit_code, function_code, economic_code, kind, source, carryover, amount_fen) ' +
          "VALUES (?, ?, ?, ?, 'basic', 'general', 0, 0)",
      )
      .run(b.id, l.unit, l.function, l.economic);
    const units = [...new Set(lines.map((x) => x.unit))];
    const control: ControlCell[] = [
      { source: 'fund', amount: 100n },
      { unit: units[0]!, source: 'general', kind: 'basic', amount: 5_000n },
      { unit: units[1]!, source: 'general', amount: 900_000_000_000n },
    ];
    t.db.sqlite.transaction(() => writeControl(t.db, b.id, control))();

    const bothWays = () => {
      const stored = loadDisclosureInputs(t.db, b.id, { withoutLines: true });
      expect(stored.budget.lines).toEqual([]);
      const fromDigest = runChecks(stored.budget, stored.catalogs, stored.prior(), { lines: stored.lines });
      const fromLines = runChecks(loadBudgetById(t.db, b.id), stored.catalogs, stored.prior());
      const ids = new Set(fromLines.map((f) => f.ruleId));
      for (const id of ['policy.function-economic-mismatch', 'line.amount-not-positive', 'control.exceeded', 'control.lines-without-control'])
        expect(ids).toContain(id);
      expect(fromDigest).toEqual(fromLines);
    };
    bothWays(); // line ids in one run: a line's number is its id's place in the run
    edits.deleteLines(t.db, b, [lines[1]!.id, lines[2]!.id]);
    bothWays(); // ids with a gap: the numbers come from the ids themselves
  });
});
