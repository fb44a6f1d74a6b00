// A year's comparison figures from its line items (through the tables' one aggregation pass, so the
// comparison can never disagree with the tables), and the prior-year totals for 比上年增减.
import type { Catalogs } from '../catalog';
import type { Budget, PriorYear } from '../model';
import { computeFigures, deriveTable } from '../tables';
import { expenseSpec } from '../tables/specs/function-tables';
import type { FunctionFigure, YearFigures } from './types';

/** The figures 往年对比 needs, exact in 分: the function rows are 支出总表's own (合计 column). */
export function figuresFromBudget(budget: Budget, catalogs: Catalogs): YearFigures {
  const f = computeFigures(budget);
  const expense = deriveTable(expenseSpec, budget, catalogs, f);
  const functions: FunctionFigure[] = [];
  if (expense.layout === 'grid') {
    const totalCol = expense.columns.findIndex((c) => c.key === 'total');
    const nameCol = expense.columns.findIndex((c) => c.key === 'name');
    for (const row of expense.rows) {
      const code = row.keys[0]!;
      if (!/^\d+$/.test(code)) continue; // the 合计 row
      const cell = row.cells[totalCol];
      const name = row.cells[nameCol];
      functions.push({ code, name: name && name.kind !== 'amount' ? name.text : '', amount: cell && cell.kind === 'amount' ? cell.fen : 0n });
    }
  }
  return {
    year: budget.year,
    department: { ...budget.department },
    origin: 'lines',
    functions,
    summary: {
      total: f.total,
      basic: f.byKind.basic,
      project: f.byKind.project,
      // As table 6 prints them (一般公共预算财政拨款基本支出); a published workbook has only these.
      personnel: f.generalBasic.personnel,
      publicCost: f.generalBasic.publicUse,
      threePublic: f.threePublicTotal,
      runningCost: f.adminOperating.total,
    },
  };
}

/** The four figures of 比上年增减 (checks and narrative take this shape). */
export function priorYearOf(f: YearFigures): PriorYear {
  const officeCost = f.summary.runningCost;
  return {
    year: f.year, total: f.summary.total ?? 0n, basic: f.summary.basic ?? 0n, project: f.summary.project ?? 0n, threePublic: f.summary.threePublic ?? 0n,
    ...(officeCost !== null ? { officeCost } : {}),
  };
}

/** A budget file's `priorYear` as comparison figures (totals only, no function rows). */
export function figuresFromPriorYear(p: PriorYear, department: { code: string; name: string }): YearFigures {
  return {
    year: p.year, department: { ...department }, origin: 'budget-file', functions: [],
    summary: { total: p.total, basic: p.basic, project: p.project, threePublic: p.threePublic, personnel: null, publicCost: null, runningCost: p.officeCost ?? null },
  };
}
