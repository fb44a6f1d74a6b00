// A year's comparison figures from its line items (through the tables' one aggregation pass, so the
// comparison can never disagree with the tables), and the prior-year totals for 比上年增减.
import type { Catalogs } from '../catalog';
import { sumFen, type Fen } from '../money';
import type { Budget, PriorFigureKey, PriorYear } from '../model';
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
    threePublicItems: {
      abroad: sumFen(Object.values(f.threePublic.abroad)),
      carPurchase: sumFen(Object.values(f.threePublic.carPurchase)),
      carRunning: sumFen(Object.values(f.threePublic.carOperation)),
      reception: sumFen(Object.values(f.threePublic.reception)),
    },
  };
}

/** 比上年增减's figures (checks and narrative take this shape): the known ones; unknown ones stay undefined. */
export function priorYearOf(f: YearFigures): PriorYear {
  const s = f.summary;
  const out: PriorYear = { year: f.year };
  const pairs: [PriorFigureKey, Fen | null][] = [
    ['total', s.total],
    ['basic', s.basic],
    ['project', s.project],
    ['threePublic', s.threePublic],
    ['officeCost', s.runningCost],
  ];
  for (const [k, v] of pairs) if (v !== null) out[k] = v;
  return out;
}

/** A budget file's `priorYear` (or the clerk's 上年数) as comparison figures (the figures given, no function rows). */
export function figuresFromPriorYear(p: PriorYear, department: { code: string; name: string }, origin: 'budget-file' | 'entered' = 'budget-file'): YearFigures {
  const v = (k: PriorFigureKey) => p[k] ?? null;
  return {
    year: p.year,
    department: { ...department },
    origin,
    functions: [],
    summary: {
      total: v('total'),
      basic: v('basic'),
      project: v('project'),
      threePublic: v('threePublic'),
      personnel: null,
      publicCost: null,
      runningCost: v('officeCost'),
    },
  };
}
