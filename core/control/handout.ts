// 下发 (spec control-figures.md): a unit's starter budget file, made from its department's budget: the department
// and that unit only, the unit's 控制数 and projects (without lines), the codes the department added to the
// catalog, and last year's totals of the unit when known. The unit imports it and starts at once.
import type { Fen } from '../money';
import type { Budget, CodeNames, Line, PriorYear } from '../model';
import { blankBudget, copyProject } from '../model';

/** Last year's totals of one unit's lines (支出合计, 基本支出, 项目支出), as the budget file's priorYear. */
export function unitPriorYear(last: Pick<Budget, 'year' | 'lines'>, unit: string): PriorYear | null {
  let total: Fen = 0n,
    basic: Fen = 0n,
    project: Fen = 0n,
    any = false;
  for (const l of last.lines as Line[]) {
    if (l.unit !== unit) continue;
    any = true;
    total += l.amount;
    if (l.kind === 'basic') basic += l.amount;
    else if (l.kind === 'project') project += l.amount;
  }
  return any ? { year: last.year, total, basic, project } : null;
}

/** The starter budget of `unit` (which the department must have). */
export function handoutBudget(dept: Budget, unit: string, added: CodeNames | null, prior: PriorYear | null): Budget {
  const u = dept.units.find((x) => x.code === unit)!;
  const hasNames = added && (Object.keys(added.function).length || Object.keys(added.economic).length);
  return {
    ...blankBudget(dept.year, { ...dept.department }),
    units: [{ ...u }],
    projects: dept.projects.filter((p) => p.unit === unit).map(copyProject),
    priorYear: prior,
    names: hasNames ? added : null,
    control: dept.control.filter((c) => c.unit === unit).map((c) => ({ ...c })),
  };
}
