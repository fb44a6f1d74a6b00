// 项目 with their goals and indicators: reads and undoable writes.
import { type Project } from '../core/model';
import { loadProjects } from './budgets';
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { st, nextSeq, num, type Row } from './edit-rows';
import type { BudgetInfo } from './budget-info';
import { edit, type Recorder } from './undo';
import { validatePart } from './edit-validate';

/** A project as the editor lists and writes it: the model's Project. */
export type ProjectValues = Project;

export function listProjects(db: BudgetDb, budgetId: number): ProjectValues[] {
  return loadProjects(db, budgetId);
}

function projectId(db: BudgetDb, budgetId: number, code: string): number {
  const r = st(db, 'SELECT id FROM projects WHERE budget_id = ? AND code = ?').get(budgetId, code) as Row | undefined;
  if (!r) throw new Refusal('not_found', `项目 ${code} 不存在`, { field: 'code' });
  return num(r.id);
}

function writeProjectChildren(db: BudgetDb, rec: Recorder, pid: number, p: ProjectValues): void {
  for (const g of st(db, 'SELECT seq FROM project_goals WHERE project_id = ? ORDER BY seq').all(pid) as Row[])
    rec.delete('project_goals', { project_id: pid, seq: g.seq });
  for (const i of st(db, 'SELECT id FROM indicators WHERE project_id = ? ORDER BY seq').all(pid) as Row[]) rec.delete('indicators', { id: i.id });
  p.goals.forEach((text, seq) => rec.insert('project_goals', { project_id: pid, seq, text }));
  p.indicators.forEach((x, seq) =>
    rec.insert('indicators', {
      project_id: pid,
      seq,
      level1: x.level1,
      level2: x.level2,
      name: x.name,
      description: x.description,
      op: x.op,
      value: x.value,
      unit: x.unit,
      basis: x.basis,
    }),
  );
}

function projectColumns(p: ProjectValues): Row {
  return {
    code: p.code,
    name: p.name,
    unit_code: p.unit,
    purpose: p.purpose,
    plan_mar: p.spendingPlan.mar,
    plan_jun: p.spendingPlan.jun,
    plan_oct: p.spendingPlan.oct,
    plan_dec: p.spendingPlan.dec,
  };
}

/** Adds a project as its own undo step, or through `rec` as part of a bulk write's step (db/bulk-write.ts). */
export function addProject(db: BudgetDb, b: BudgetInfo, p: ProjectValues, rec?: Recorder): void {
  const list = listProjects(db, b.id);
  validatePart(db, b, 'projects', [...list, p], list.length);
  const write = (r: Recorder) => {
    const seq = nextSeq(db, 'projects', b.id);
    const pid = r.insert('projects', { budget_id: b.id, seq, ...projectColumns(p) });
    writeProjectChildren(db, r, pid, p);
  };
  if (rec) write(rec);
  else edit(db, b, `添加项目 ${p.code}`, write);
}

/** Replaces a project with its goals and indicators; a new code follows to lines/procurement (ON UPDATE CASCADE).
 *  `opLabel` names the edit for undo (default 修改项目 <code>). */
export function updateProject(db: BudgetDb, b: BudgetInfo, code: string, p: ProjectValues, opLabel = `修改项目 ${code}`): void {
  const list = listProjects(db, b.id);
  const i = list.findIndex((x) => x.code === code);
  if (i < 0) throw new Refusal('not_found', `项目 ${code} 不存在`, { field: 'code' });
  validatePart(
    db,
    b,
    'projects',
    list.map((x, j) => (j === i ? p : x)),
    i,
  );
  const pid = projectId(db, b.id, code);
  edit(db, b, opLabel, (rec) => {
    rec.update('projects', { id: pid }, projectColumns(p));
    writeProjectChildren(db, rec, pid, p);
  });
}

export function deleteProject(db: BudgetDb, b: BudgetInfo, code: string): void {
  const pid = projectId(db, b.id, code);
  const nLines = num((st(db, 'SELECT count(*) AS n FROM lines WHERE budget_id = ? AND project_code = ?').get(b.id, code) as Row).n);
  const nProc = num((st(db, 'SELECT count(*) AS n FROM procurement WHERE budget_id = ? AND project_code = ?').get(b.id, code) as Row).n);
  const nCtl = num((st(db, 'SELECT count(*) AS n FROM control WHERE budget_id = ? AND project_code = ?').get(b.id, code) as Row).n);
  if (nLines || nProc || nCtl) {
    const what = [nLines ? `${nLines} 条明细` : '', nProc ? `${nProc} 条政府采购` : '', nCtl ? `${nCtl} 个控制数` : ''].filter(Boolean).join('和');
    throw new Refusal('conflict', `不能删除项目 ${code}：还有 ${what}属于该项目，请先删除或改到其他项目`, { field: 'code' });
  }
  edit(db, b, `删除项目 ${code}`, (rec) => {
    // Children first, so undo (reverse order) puts the project back before them.
    writeProjectChildren(db, rec, pid, {
      code,
      name: '',
      unit: '',
      purpose: '',
      spendingPlan: { mar: null, jun: null, oct: null, dec: null },
      goals: [],
      indicators: [],
    });
    rec.delete('projects', { id: pid });
  });
}
