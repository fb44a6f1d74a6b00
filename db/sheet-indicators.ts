// Projects' indicators and goals from a sheet (issue 13, item 5), all or nothing in ONE transaction:
// missing projects are created from the sheet's code and name, existing ones are completed (indicators
// with the same 一级/二级/三级 take the sheet's values, others are appended; new goals appended). Written
// with the project writers of db/edits.ts, so the budget file's project rules apply.
import { completeIndicators, type IndicatorReading } from '../core/sheets/indicators';
import type { SheetProblem } from '../core/sheets/rows';
import { addProject, forgetUndo, listProjects, listUnits, updateProject, writableBudget, type BudgetInfo } from './edits';
import { Refusal, toRefusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';

export interface IndicatorImportResult {
  budget: BudgetInfo;
  created: { code: string; name: string; indicators: number; goals: number }[];
  completed: { code: string; name: string; indicators: number; goals: number }[];
  problems: SheetProblem[];
  written: boolean;
}

export function importIndicatorSheet(db: BudgetDb, reading: IndicatorReading, opts: { dept: string; year: number; dryRun?: boolean }): IndicatorImportResult {
  const b = writableBudget(db, opts.dept, opts.year);
  const units = listUnits(db, b.id).map((u) => u.code);
  const existing = new Map(listProjects(db, b.id).map((p) => [p.code, p]));
  const problems = [...reading.problems];
  const created: IndicatorImportResult['created'] = [];
  const completed: IndicatorImportResult['completed'] = [];
  const writes: (() => void)[] = [];
  for (const sp of reading.projects) {
    const cur = existing.get(sp.code);
    if (cur) {
      const next = {
        ...cur,
        indicators: completeIndicators(cur.indicators, sp.indicators),
        goals: [...cur.goals, ...sp.goals.filter((g) => !cur.goals.includes(g))],
      };
      completed.push({ code: sp.code, name: cur.name, indicators: sp.indicators.length, goals: sp.goals.length });
      writes.push(() => updateProject(db, b, sp.code, next));
      continue;
    }
    const unit = sp.unit && units.includes(sp.unit) ? sp.unit : units.length === 1 ? units[0]! : '';
    if (!sp.name) problems.push({ row: sp.row, column: null, message: `项目 ${sp.code} 不在本预算中，表中也没有给出项目名称，无法新建` });
    else if (!unit)
      problems.push({ row: sp.row, column: null, message: `项目 ${sp.code} 不在本预算中；新建须写明预算单位（表中加“预算单位”列，且须是本预算已有的单位）` });
    else {
      created.push({ code: sp.code, name: sp.name, indicators: sp.indicators.length, goals: sp.goals.length });
      writes.push(() =>
        addProject(db, b, {
          code: sp.code,
          name: sp.name,
          unit,
          purpose: '',
          spendingPlan: { mar: null, jun: null, oct: null, dec: null },
          goals: sp.goals,
          indicators: sp.indicators,
        }),
      );
    }
  }
  if (problems.length || opts.dryRun) return { budget: b, created, completed, problems, written: false };
  try {
    inTransaction(db, () => {
      for (const w of writes) w();
    });
  } catch (e) {
    if (e instanceof Refusal && e.code === 'validation')
      return { budget: b, created, completed, problems: [{ row: null, column: null, message: e.message }], written: false };
    throw toRefusal(e, '导入绩效指标');
  } finally {
    forgetUndo(db, b.id);
  }
  return { budget: b, created, completed, problems, written: true };
}
