// One part of a budget edited before the budget has any unit: each part is checked by its own budget-file
// reader, so edits that do not refer to units go through, and the clerk never sees an internal name.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { addAsset, addProject, createBudget, listAssets, setAssetsAsOf, setNarrative, getNarrative } from '../db/edits';
import { openDatabase, type BudgetDb } from '../db/open';
import { tempDir } from './helpers/db';
import { dbError } from './helpers/db-refusal';

let tmp: ReturnType<typeof tempDir>;
let db: BudgetDb;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(tmp.file('b.db'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

test('a budget without units takes assets, their date and the narrative; a project naming a unit is refused in the clerk’s words', () => {
  const b = createBudget(db, '901', '某部门', 2025);
  addAsset(db, b, { item: '公务用车', quantity: '2', value: '300000.00' });
  setAssetsAsOf(db, b, '2024-12-31');
  expect(listAssets(db, b.id)).toMatchObject({ asOf: '2024-12-31', rows: [{ item: '公务用车', quantity: '2', value: 30_000_000n }] });
  setNarrative(db, b, { other: '无' });
  expect(getNarrative(db, b.id).other).toBe('无');
  const e = dbError(() =>
    addProject(db, b, {
      code: 'P001',
      name: '项目',
      unit: '901001',
      purpose: '',
      spendingPlan: { mar: null, jun: null, oct: null, dec: null },
      goals: [],
      indicators: [],
    }),
  );
  expect(e.message).toBe('预算单位 901001 未定义（本预算的预算单位中没有该编码）');
  expect(e.message).not.toContain('__');
});
