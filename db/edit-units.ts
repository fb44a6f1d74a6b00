// The department's name and its 预算单位: reads and undoable writes.
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { st, nextSeq, num, str, type Row } from './edit-rows';
import type { BudgetInfo } from './budget-info';
import { edit, type Recorder } from './undo';
import { validatePart } from './edit-validate';

export function updateDepartmentName(db: BudgetDb, b: BudgetInfo, name: string): void {
  const nm = name.trim();
  if (nm === '') throw new Refusal('validation', '部门名称：不能为空', { field: 'name' });
  edit(db, b, '修改部门名称', (rec) => rec.update('departments', { id: b.deptId }, { name: nm }));
}

export interface UnitValues {
  code: string;
  name: string;
  nature: string;
  grade: string;
  funding: string;
}

export function listUnits(db: BudgetDb, budgetId: number): UnitValues[] {
  return (st(db, 'SELECT code, name, nature, grade, funding FROM units WHERE budget_id = ? ORDER BY seq').all(budgetId) as Row[]).map((r) => ({
    code: str(r.code),
    name: str(r.name),
    nature: str(r.nature),
    grade: str(r.grade),
    funding: str(r.funding),
  }));
}

function unitRow(db: BudgetDb, budgetId: number, code: string): Row {
  const r = st(db, 'SELECT id, seq FROM units WHERE budget_id = ? AND code = ?').get(budgetId, code) as Row | undefined;
  if (!r) throw new Refusal('not_found', `预算单位 ${code} 不存在`, { field: 'code' });
  return r;
}

/** Adds a unit as its own undo step, or through `rec` as part of a bulk write's step (db/bulk-write.ts). */
export function addUnit(db: BudgetDb, b: BudgetInfo, u: UnitValues, rec?: Recorder): void {
  const units = listUnits(db, b.id);
  validatePart(db, b, 'units', [...units, u], units.length);
  const write = (r: Recorder) => {
    const seq = nextSeq(db, 'units', b.id);
    r.insert('units', { budget_id: b.id, seq, code: u.code, name: u.name, nature: u.nature, grade: u.grade, funding: u.funding });
  };
  if (rec) write(rec);
  else edit(db, b, `添加预算单位 ${u.code}`, write);
}

/** Updates a unit; a new code is carried to its lines and projects by ON UPDATE CASCADE. */
export function updateUnit(db: BudgetDb, b: BudgetInfo, code: string, u: UnitValues): void {
  const units = listUnits(db, b.id);
  const i = units.findIndex((x) => x.code === code);
  if (i < 0) throw new Refusal('not_found', `预算单位 ${code} 不存在`, { field: 'code' });
  validatePart(
    db,
    b,
    'units',
    units.map((x, j) => (j === i ? u : x)),
    i,
  );
  const row = unitRow(db, b.id, code);
  edit(db, b, `修改预算单位 ${code}`, (rec) =>
    rec.update('units', { id: row.id }, { code: u.code, name: u.name, nature: u.nature, grade: u.grade, funding: u.funding }),
  );
}

export function deleteUnit(db: BudgetDb, b: BudgetInfo, code: string): void {
  const row = unitRow(db, b.id, code);
  const nLines = num((st(db, 'SELECT count(*) AS n FROM lines WHERE budget_id = ? AND unit_code = ?').get(b.id, code) as Row).n);
  const nProj = num((st(db, 'SELECT count(*) AS n FROM projects WHERE budget_id = ? AND unit_code = ?').get(b.id, code) as Row).n);
  const nCtl = num((st(db, 'SELECT count(*) AS n FROM control WHERE budget_id = ? AND unit_code = ?').get(b.id, code) as Row).n);
  if (nLines || nProj || nCtl) {
    const what = [nLines ? `${nLines} 条明细` : '', nProj ? `${nProj} 个项目` : '', nCtl ? `${nCtl} 个控制数` : ''].filter(Boolean).join('和');
    throw new Refusal('conflict', `不能删除预算单位 ${code}：还有 ${what}属于该单位，请先删除或改到其他单位`, { field: 'code' });
  }
  edit(db, b, `删除预算单位 ${code}`, (rec) => rec.delete('units', { id: row.id }));
}
