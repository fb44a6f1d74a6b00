// The bureau summary sums each department's own figures instead of passing over all their lines again:
// the 12 tables must be exactly those of one pass over the combined lines, also when two departments use
// the same project code (the combination tells them apart by department code).
import { describe, expect, test } from 'vitest';
import { parseBudgetFile } from '../core/budget-file';
import type { Budget } from '../core/model';
import { SUMMARY_LABEL, bureauSummary, combineBudgets, projectCodes, summaryPart } from '../core/summary';
import { computeFigures, deriveTables, mergeFigures } from '../core/tables';
import { bigBudgetDoc, builtinCatalogs } from './helpers/fixture';

function department(code: string, name: string, lines: number, scale: number): Budget {
  const doc = bigBudgetDoc(lines);
  doc.department = { code, name };
  for (const l of doc.lines) l.amount = (Number(l.amount) * scale).toFixed(2);
  const r = parseBudgetFile(JSON.stringify(doc), builtinCatalogs);
  if (!r.ok) throw new Error(r.message);
  return r.budget;
}

describe('summary figures', () => {
  const budgets = [department('801', '教育局', 1500, 1), department('802', '卫生健康委员会', 1200, 3), department('803', '农业农村局', 900, 7)];
  const catalogs = builtinCatalogs(2025)!;

  test('the departments share project codes, so the combination renames them', () => {
    const shared = budgets[0]!.projects.map((p) => p.code).filter((c) => budgets[1]!.projects.some((p) => p.code === c));
    expect(shared.length).toBeGreaterThan(0);
    expect(projectCodes(budgets)('802', shared[0]!)).toBe(`802-${shared[0]}`);
  });

  test('summed department figures equal one pass over all lines', () => {
    const code = projectCodes(budgets);
    const merged = mergeFigures(budgets.map((b) => ({ figures: computeFigures(b), projectCode: (c: string) => code(b.department.code, c) })));
    expect(merged).toEqual(computeFigures(combineBudgets(2025, budgets)));
  });

  test('the 12 tables equal those derived over the combined lines', () => {
    const s = bureauSummary(
      2025,
      budgets.map((b) => summaryPart(b, true)),
      catalogs,
    );
    const one = deriveTables(combineBudgets(2025, budgets), catalogs).map((t) => ({ ...t, meta: { ...t.meta, department: SUMMARY_LABEL } }));
    expect(s.tables.slice(1)).toEqual(one);
  });
});
