// 下发, the storage part: a department-year's unit starter files (core/control/handout.ts decides their content).
import { handoutBudget, unitPriorYear } from '../core/control/handout';
import type { Budget, CodeNames } from '../core/model';
import { findBudgetId, loadBudgetById } from './budgets';
import { Refusal } from './errors';
import type { BudgetDb } from './open';

/** The codes the clerk or a file added to a year's catalog (not the built-in ones). */
function addedCodes(db: BudgetDb, year: number): CodeNames {
  const rows = db.stmt(`SELECT kind, code, name FROM catalogs WHERE year = ? AND origin <> 'builtin' ORDER BY kind, code`).all(year) as {
    kind: 'function' | 'economic';
    code: string;
    name: string;
  }[];
  const names: CodeNames = { function: {}, economic: {} };
  for (const r of rows) names[r.kind][r.code] = r.name;
  return names;
}

/** Starter budgets for `units` (all the department's units when omitted), in the department's unit order. */
export function handoutBudgets(db: BudgetDb, deptCode: string, year: number, units?: readonly string[]): Budget[] {
  const id = findBudgetId(db, deptCode, year);
  if (id === null) throw new Refusal('not_found', `数据库中没有部门 ${deptCode} ${year} 年的预算`);
  const dept = loadBudgetById(db, id);
  const wanted = units ?? dept.units.map((u) => u.code);
  const unknown = wanted.filter((u) => !dept.units.some((x) => x.code === u));
  if (unknown.length) throw new Refusal('not_found', `部门 ${deptCode} ${year} 年的预算中没有预算单位 ${unknown.join('、')}`);
  const lastId = findBudgetId(db, deptCode, year - 1);
  const last = lastId === null ? null : loadBudgetById(db, lastId);
  const added = addedCodes(db, year);
  return wanted.map((u) => handoutBudget(dept, u, added, last ? unitPriorYear(last, u) : null));
}
