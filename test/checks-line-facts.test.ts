// The line facts the 审核 rules share (core/checks/line-facts.ts): the columns give back every line's
// fields, and the per-project sums are those of the 项目支出 lines alone, per fund source too.
import { describe, expect, test } from 'vitest';
import { lineColumns, projectLineSums } from '../core/checks/line-facts';
import type { Budget, Line } from '../core/model';
import { fixtureBudget } from './helpers/budget';
import { bigBudgetDoc } from './helpers/fixture';
import { richBudget } from './helpers/rich-budget';
import { budgetOfDoc } from './helpers/review-rule-cases';

const FIELDS = ['function', 'economic', 'unit', 'kind', 'source', 'project'] as const;

/** The sums the rules made before they shared them: one pass per question, string keys, bigint adds. */
function naiveSums(lines: readonly Line[]): Map<string, { total: bigint; bySource: Map<string, bigint> }> {
  const out = new Map<string, { total: bigint; bySource: Map<string, bigint> }>();
  for (const l of lines) {
    if (l.kind !== 'project' || l.project === undefined) continue;
    const s = out.get(l.project) ?? { total: 0n, bySource: new Map<string, bigint>() };
    s.total += l.amount;
    s.bySource.set(l.source, (s.bySource.get(l.source) ?? 0n) + l.amount);
    out.set(l.project, s);
  }
  return out;
}

/** The reference with the cases the sums must tell apart: a 基本支出 line naming a project (not
 *  counted), a project line naming '' (counted under ''), one without a project, a second source. */
function awkward(): Budget {
  const b = fixtureBudget().budget;
  const projectLine = b.lines.find((l) => l.kind === 'project')!;
  b.lines.push({ ...projectLine, kind: 'basic', amount: 700n });
  b.lines.push({ ...projectLine, project: '', amount: 11n });
  const { project: _none, ...noProject } = projectLine;
  b.lines.push({ ...noProject, amount: 13n });
  b.lines.push({ ...projectLine, source: 'fund', amount: 17n });
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

  test('each column gives back every line’s value, each distinct value once', () => {
    const cols = lineColumns(budget.lines);
    for (const f of FIELDS) {
      const { values, at } = cols[f];
      expect(new Set(values).size).toBe(values.length);
      expect(Array.from(at, (k) => values[k])).toEqual(budget.lines.map((l) => l[f]));
    }
  });

  test('project sums: 项目支出 lines only, in all and per source', () => {
    const sums = projectLineSums(budget.lines, lineColumns(budget.lines));
    const naive = naiveSums(budget.lines);
    expect([...sums.keys()].sort()).toEqual([...naive.keys()].sort());
    for (const [code, s] of naive) {
      expect(sums.get(code)!.total).toBe(s.total);
      expect(Object.fromEntries(sums.get(code)!.bySource)).toEqual(Object.fromEntries(s.bySource));
    }
  });
});
