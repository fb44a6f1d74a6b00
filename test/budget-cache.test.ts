// What the engine keeps of a budget between requests (db/budget-cache.ts) is exactly what reading it afresh
// gives, after every kind of write: an edit of lines patches the kept digest (its untouched groups stay the
// same objects — nothing was read again); any other write — a project, a paste, undo of a paste, another
// connection's commit, a refused edit — makes the next request read the budget again. 校验 over what is kept
// finds exactly what it finds after opening the file.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateBudgetDoc, SHAPES } from '../bench/generate';
import { runChecks } from '../core/checks';
import { GRAIN_NAMES, type LineDigest } from '../core/line-digest';
import { forgetBudgets } from '../db/kept-budgets';
import { getCatalogs } from '../db/catalogs';
import { loadDisclosureInputs } from '../db/disclosure';
import * as edits from '../db/edits';
import { importBudgetFile } from '../db/import';
import { loadDigest } from '../db/line-aggregates';
import { storedLines } from '../db/line-digest';
import { useTempDb } from './helpers/db';

const t = useTempDb('cache.sqlite');

/** Every grain's groups in their order, amounts as text. */
const asData = (d: LineDigest) => Object.fromEntries(GRAIN_NAMES.map((g) => [g, d[g].map((x) => ({ ...x, amount: String(x.amount) }))]));

function findings(id: number) {
  const i = loadDisclosureInputs(t.db, id, { withoutLines: true });
  return runChecks(i.budget, i.catalogs, i.prior(), { lines: i.lines });
}

/** The kept digest equals the stored one read afresh, and 校验 over what is kept equals 校验 after opening. */
function expectAsRead(id: number): void {
  expect(asData(storedLines(t.db, id).digest)).toEqual(asData(loadDigest(t.db, id)));
  const kept = findings(id);
  forgetBudgets(t.db);
  expect(kept).toEqual(findings(id));
  // Kept again, every grain read, for the next write to patch.
  asData(storedLines(t.db, id).digest);
}

/** How many groups of the kept byFunction grain are the very objects kept before. */
function sameObjects(before: LineDigest, id: number): number {
  const old = new Set(before.byFunction);
  return storedLines(t.db, id).digest.byFunction.filter((g) => old.has(g)).length;
}

describe('what the engine keeps of a budget', () => {
  test('equals the budget read afresh after every kind of write', async () => {
    expect((await importBudgetFile(t.db, JSON.stringify(generateBudgetDoc(SHAPES.medium, 3)))).ok).toBe(true);
    const b = edits.writableBudget(t.db, '711', 2025);
    expectAsRead(b.id);
    const lines = edits.listLines(t.db, b.id);
    const groups = storedLines(t.db, b.id).digest.byFunction.length;

    // An amount: patched — all but the one group are the objects kept before.
    let before = storedLines(t.db, b.id).digest;
    edits.updateLine(t.db, b, lines[0]!.id, { amount: '12345.67' });
    expect(sameObjects(before, b.id)).toBe(groups - 1);
    expectAsRead(b.id);

    // Codes, source, kind: groups emptied and new groups made, in the table's order.
    before = storedLines(t.db, b.id).digest;
    const used = new Set(lines.map((l) => l.function));
    const unused = getCatalogs(t.db, 2025)
      .function.entries()
      .find((e) => e.code.length === 7 && !used.has(e.code))!.code;
    edits.updateLine(t.db, b, lines[1]!.id, { function: unused });
    edits.updateLine(t.db, b, lines[2]!.id, { source: lines[2]!.source === 'general' ? 'fund' : 'general', amount: '0.01' });
    const project = lines.find((l) => l.kind === 'project')!;
    edits.updateLine(t.db, b, project.id, { kind: 'basic' });
    expect(sameObjects(before, b.id)).toBeGreaterThan(groups - 10);
    expectAsRead(b.id);

    // One line edited three times between two reads: each edit leaves the group the one before put it in.
    edits.updateLine(t.db, b, lines[8]!.id, { function: unused });
    edits.updateLine(t.db, b, lines[8]!.id, { amount: '77.77' });
    edits.updateLine(t.db, b, lines[8]!.id, { function: lines[9]!.function, source: 'fund' });
    expectAsRead(b.id);

    // Added and deleted lines, undo and redo.
    const [added] = edits.addLines(t.db, b, [{ unit: lines[3]!.unit, function: unused, economic: '30299', kind: 'basic', source: 'general', amount: '99.01' }]);
    edits.deleteLines(t.db, b, [lines[4]!.id, lines[5]!.id, added!]);
    expectAsRead(b.id);
    edits.undoRedo(t.db, b, 'undo');
    edits.undoRedo(t.db, b, 'undo');
    expectAsRead(b.id);
    edits.undoRedo(t.db, b, 'redo');
    expectAsRead(b.id);

    // A refused edit changes nothing.
    expect(() => edits.updateLine(t.db, b, lines[6]!.id, { economic: '99999' })).toThrow();
    expectAsRead(b.id);

    // A project's name (not lines): read again — no group is an object kept before.
    before = storedLines(t.db, b.id).digest;
    const p = edits.listProjects(t.db, b.id)[0]!;
    edits.updateProject(t.db, b, p.code, { ...p, name: `${p.name}（调整）` });
    expect(sameObjects(before, b.id)).toBe(0);
    expect(loadDisclosureInputs(t.db, b.id, { withoutLines: true }).budget.projects[0]!.name).toBe(`${p.name}（调整）`);
    expectAsRead(b.id);

    // A paste (a bulk write) and its undo.
    await edits.pasteLines(
      t.db,
      b,
      Array.from({ length: 300 }, (_x, i) => ({
        unit: lines[i]!.unit,
        function: lines[i]!.function,
        economic: lines[i]!.economic,
        kind: 'basic',
        source: 'general',
        amount: `${i + 1}.00`,
      })),
    );
    expectAsRead(b.id);
    edits.undoRedo(t.db, b, 'undo');
    expectAsRead(b.id);

    // Another connection's commit (the CLI writing the same file).
    const other = new Database(t.db.path);
    other.prepare('UPDATE lines SET amount_fen = amount_fen + 100 WHERE id = ?').run(lines[7]!.id);
    other.close();
    expectAsRead(b.id);
  });

  test('what is kept is frozen: a reader cannot change what the next one reads', async () => {
    expect((await importBudgetFile(t.db, JSON.stringify(generateBudgetDoc(SHAPES.medium, 3)))).ok).toBe(true);
    const b = edits.writableBudget(t.db, '711', 2025);
    const i = loadDisclosureInputs(t.db, b.id, { withoutLines: true });
    expect(i.budget.projects.length).toBeGreaterThan(0);
    expect(() => (i.budget.units as unknown[]).push({})).toThrow(TypeError);
    expect(() => ((i.budget.projects[0]!.indicators as unknown[]).length = 0)).toThrow(TypeError);
    expect(loadDisclosureInputs(t.db, b.id, { withoutLines: true }).budget.units).toBe(i.budget.units);
  });

  test('random edits, undo and redo with reads between: what is kept is always what is read afresh', async () => {
    expect((await importBudgetFile(t.db, JSON.stringify(generateBudgetDoc(SHAPES.medium, 5)))).ok).toBe(true);
    const b = edits.writableBudget(t.db, '711', 2025);
    const all = edits.listLines(t.db, b.id);
    const sample = all.slice(0, 40);
    const values = {
      function: [...new Set(all.map((l) => l.function))].slice(0, 6),
      economic: [...new Set(all.map((l) => l.economic))].slice(0, 6),
      unit: [...new Set(all.map((l) => l.unit))].slice(0, 3),
    };
    const step = fc.oneof(
      fc.record({ op: fc.constant('amount' as const), i: fc.nat(39), cents: fc.integer({ min: 1, max: 999_999 }) }),
      fc.record({
        op: fc.constant('code' as const),
        i: fc.nat(39),
        field: fc.constantFrom('function' as const, 'economic' as const, 'unit' as const),
        j: fc.nat(5),
      }),
      fc.record({ op: fc.constant('source' as const), i: fc.nat(39), source: fc.constantFrom('general', 'fund', 'business') }),
      fc.record({ op: fc.constant('add' as const), i: fc.nat(39) }),
      fc.record({ op: fc.constant('delete' as const), i: fc.nat(39) }),
      fc.record({ op: fc.constantFrom('undo' as const, 'redo' as const) }),
      fc.record({ op: fc.constant('read' as const) }),
    );
    const live = () => new Set(edits.listLines(t.db, b.id).map((l) => l.id));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        asData(storedLines(t.db, b.id).digest); // every grain kept
        for (const s of steps) {
          const l = sample[('i' in s ? s.i : 0) % sample.length]!;
          try {
            if (s.op === 'amount') edits.updateLine(t.db, b, l.id, { amount: (s.cents / 100).toFixed(2) });
            else if (s.op === 'code') {
              const pool = values[s.field];
              edits.updateLine(t.db, b, l.id, { [s.field]: pool[s.j % pool.length]! });
            } else if (s.op === 'source') edits.updateLine(t.db, b, l.id, { source: s.source });
            else if (s.op === 'add')
              edits.addLines(t.db, b, [{ unit: l.unit, function: l.function, economic: l.economic, kind: 'basic', source: 'general', amount: '12.34' }]);
            else if (s.op === 'delete') {
              if (live().has(l.id)) edits.deleteLines(t.db, b, [l.id]);
            } else if (s.op === 'undo' || s.op === 'redo') edits.undoRedo(t.db, b, s.op);
            else asData(storedLines(t.db, b.id).digest);
          } catch {
            /* a refused edit (a deleted line, nothing to undo): the database is unchanged */
          }
        }
        expect(asData(storedLines(t.db, b.id).digest)).toEqual(asData(loadDigest(t.db, b.id)));
      }),
      { numRuns: 25 },
    );
  });
});
