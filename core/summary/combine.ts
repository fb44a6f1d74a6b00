// A bureau's summary: the departments of one year taken together as if they were one budget, so that
// the 12 standard tables are derived over all their lines exactly as for one department (one
// derivation, each cell rounded on its own). Unit codes are per department, so they are kept apart
// here (a unit's nature decides 机关运行经费); project codes are printed, so they stay as they are unless
// two departments use the same one, which is then told apart by its department code.
import type { Budget, Project } from '../model';
import { blankBudget } from '../model';

/** The printed department of every summary table's header row. */
export const SUMMARY_LABEL = '汇总';

const unitKey = (dept: string, unit: string) => `${dept}/${unit}`;

/** A department's project code as the combination prints it. */
export type ProjectCodeOf = (dept: string, code: string) => string;

export function projectCodes(budgets: readonly Budget[]): ProjectCodeOf {
  const projectDepts = new Map<string, number>();
  for (const b of budgets) for (const p of b.projects) projectDepts.set(p.code, (projectDepts.get(p.code) ?? 0) + 1);
  return (dept, code) => ((projectDepts.get(code) ?? 0) > 1 ? `${dept}-${code}` : code);
}

/**
 * The departments as one budget. With `lines: false` the lines are left out: for a caller that has each
 * department's figures and sums them (mergeFigures) instead of copying 300,000 lines to pass over again.
 */
export function combineBudgets(year: number, budgets: readonly Budget[], opts: { lines?: boolean } = {}): Budget {
  const projectCode = projectCodes(budgets);
  const out = blankBudget(year, { code: '', name: SUMMARY_LABEL });
  for (const b of budgets) {
    const d = b.department.code;
    for (const u of b.units) out.units.push({ ...u, code: unitKey(d, u.code) });
    for (const p of b.projects) out.projects.push({ ...p, code: projectCode(d, p.code), unit: unitKey(d, p.unit) } satisfies Project);
    if (opts.lines !== false) {
      for (const l of b.lines) {
        const line = { ...l, unit: unitKey(d, l.unit) };
        if (l.project !== undefined) line.project = projectCode(d, l.project);
        out.lines.push(line);
      }
    }
    for (const r of b.procurement) out.procurement.push({ ...r, project: r.project ? projectCode(d, r.project) : r.project });
    out.assets.push(...b.assets);
    // The latest 资产统计日期 of the departments (ISO dates compare as text).
    if (b.assetsAsOf && (!out.assetsAsOf || b.assetsAsOf > out.assetsAsOf)) out.assetsAsOf = b.assetsAsOf;
    if (b.names) {
      out.names ??= { function: {}, economic: {} };
      Object.assign(out.names.function, b.names.function);
      Object.assign(out.names.economic, b.names.economic);
    }
  }
  return out;
}
