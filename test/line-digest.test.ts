// The lines' digest (core/line-digest.ts) the tables, the 审核 rules and 控制数 read instead of the lines:
// every grain's sums are those of the lines, the figures and all 12 tables derived from it equal those of
// one pass over the lines, and the per-project sums are those of the 项目支出 lines alone, per source too.
import { describe, expect, test } from 'vitest';
import { projectLineSums } from '../core/checks/line-facts';
import { builtinCatalogs } from './helpers/fixture';
import { digestOf, distinctTuples, fieldOf, GRAIN_NAMES, inGrain, LINE_GRAINS, linesInMemory, tupleKey, type GrainSpec } from '../core/line-digest';
import { computeFigures, deriveTables, figuresFromDigest } from '../core/tables';
import type { Budget, Line } from '../core/model';
import { fixtureBudget } from './helpers/budget';
import { bigBudgetDoc } from './helpers/fixture';
import { richBudget } from './helpers/rich-budget';
import { budgetOfDoc } from './helpers/review-rule-cases';

/** The sums the rules made before they shared them: one pass per question, string keys, bigint adds. */
function naiveSums(lines: readonly Line[]): Map<string, { total: bigint; bySource: Map<string, bigint> }> {
  const out = new Map<string, { total: bigint; bySource: Map<string, bigint> }>();
  for (const l of lines) {
    if (l.kind !== 'project' || !l.project) continue;
    const s = out.get(l.project) ?? { total: 0n, bySource: new Map<string, bigint>() };
    s.total += l.amount;
    s.bySource.set(l.source, (s.bySource.get(l.source) ?? 0n) + l.amount);
    out.set(l.project, s);
  }
  return out;
}

/** The reference with the cases the sums must tell apart: a 基本支出 line naming a project (not
 *  counted), a project line naming '' (no project), one without a project, a second source, a zero amount. */
function awkward(): Budget {
  const b = fixtureBudget().budget;
  const projectLine = b.lines.find((l) => l.kind === 'project')!;
  b.lines.push({ ...projectLine, kind: 'basic', amount: 700n });
  b.lines.push({ ...projectLine, project: '', amount: 11n });
  const { project: _none, ...noProject } = projectLine;
  b.lines.push({ ...noProject, amount: 13n });
  b.lines.push({ ...projectLine, source: 'fund', amount: 17n });
  b.lines.push({ ...projectLine, amount: 0n });
  return b;
}

const BUDGETS: [string, () => Budget][] = [
  ['reference', () => fixtureBudget().budget],
  ['rich', richBudget],
  ['generated 600 lines', () => budgetOfDoc(bigBudgetDoc(600))],
  ['awkward projects', awkward],
];

describe.each(BUDGETS)('line facts: %s', (_name, make) => {
  const budget = make();

  test('each grain holds the sum, count and zero lines of every group of lines, nothing else', () => {
    const d = digestOf(budget.lines);
    for (const name of GRAIN_NAMES) {
      const g: GrainSpec = LINE_GRAINS[name];
      const naive = new Map<string, { amount: bigint; n: number; zeros: number }>();
      for (const l of budget.lines) {
        if (!inGrain(g, l)) continue;
        const k = tupleKey(g.fields.map((f) => fieldOf(l, f)));
        const r = naive.get(k) ?? { amount: 0n, n: 0, zeros: 0 };
        naive.set(k, { amount: r.amount + l.amount, n: r.n + 1, zeros: r.zeros + (l.amount <= 0n ? 1 : 0) });
      }
      expect(new Map(d[name].map((r) => [tupleKey(g.fields.map((f) => fieldOf(r, f))), { amount: r.amount, n: r.n, zeros: r.zeros }]))).toEqual(naive);
    }
    expect(new Set(distinctTuples(d, ['function', 'economic']).map(tupleKey))).toEqual(new Set(budget.lines.map((l) => tupleKey([l.function, l.economic]))));
  });

  test('the figures and all 12 tables from the digest equal those of one pass over the lines', () => {
    const catalogs = builtinCatalogs(budget.year)!;
    const fromDigest = figuresFromDigest(digestOf(budget.lines), budget.units);
    const fromLines = computeFigures(budget);
    expect(fromDigest.total).toBe(fromLines.total);
    expect(fromDigest.adminOperating).toEqual(fromLines.adminOperating);
    // A project code '' is no project (no project can have it; the database stores none): the digest keeps
    // such lines as lines of no project.
    const named = (m: Map<string, unknown>) => new Map([...m].filter(([c]) => c !== '').sort());
    expect(named(fromDigest.projects)).toEqual(named(fromLines.projects));
    expect(deriveTables(budget, catalogs, fromDigest)).toEqual(deriveTables(budget, catalogs, fromLines));
  });

  test('project sums: 项目支出 lines only, in all and per source', () => {
    const sums = projectLineSums(linesInMemory(budget.lines));
    const naive = naiveSums(budget.lines);
    expect([...sums.keys()].sort()).toEqual([...naive.keys()].sort());
    for (const [code, s] of naive) {
      expect(sums.get(code)!.total).toBe(s.total);
      expect(Object.fromEntries(sums.get(code)!.bySource)).toEqual(Object.fromEntries(s.bySource));
    }
  });
});
