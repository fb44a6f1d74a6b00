// 合并单位预算, the storage part: read what the department-year holds, preview a unit file's merge
// (core/merge.ts decides), and write it — a backup first, then everything in ONE transaction, the
// decision taken again inside it so that nothing that changed in between slips through.
import type { AddedCode, Problem } from '../core/budget-file';
import { parseBudgetInput } from './import';
import { cellKey } from '../core/control/cells';
import { planMerge, rowUnit, type MergePlan, type MergeTarget } from '../core/merge';
import type { Budget, CodeNames, Unit } from '../core/model';
import { insertLines } from './budgets';
import { addFileCodes } from './catalogs';
import { budgetRowCount, bulkWrite, documentRowCount, type BackupWriter } from './bulk-write';
import { loadControl, writeControl } from './control';
import { Refusal, toRefusal } from './errors';
import type { BudgetDb } from './open';

/** What a 替换 removes first (counts), for the preview. */
export interface MergeRemoval {
  lines: number;
  projects: number;
  procurement: number;
  assets: number;
}

export type MergePreview =
  | (MergePlan & { budgetId: number; removed: MergeRemoval; warnings: string[] })
  | {
      ok: false;
      message: string;
      problems: Problem[];
      conflicts: { units: string[]; projects: string[] };
      missing?: { code: string; name: string; year: number };
    };

interface ParsedFile {
  budget: Budget;
  addedCodes: AddedCode[];
  warnings: string[];
}

const noConflicts = { units: [] as string[], projects: [] as string[] };

/** The department-year's budget id and what merging needs to know of it, or null when there is none. */
export function readMergeTarget(db: BudgetDb, deptCode: string, year: number): { budgetId: number; target: MergeTarget } | null {
  const b = db
    .stmt('SELECT b.id, b.finalized, d.name FROM budgets b JOIN departments d ON d.id = b.department_id WHERE d.code = ? AND b.year = ?')
    .get(deptCode, year) as { id: number; finalized: number; name: string } | undefined;
  if (!b) return null;
  const units = db.stmt('SELECT code, name, nature, grade, funding FROM units WHERE budget_id = ? ORDER BY seq').all(b.id) as Unit[];
  const projects = db.stmt('SELECT code, unit_code AS unit FROM projects WHERE budget_id = ?').all(b.id) as { code: string; unit: string }[];
  return { budgetId: b.id, target: { deptCode, deptName: b.name, year, finalized: b.finalized === 1, units, projects, control: loadControl(db, b.id) } };
}

function parseFile(db: BudgetDb, input: string | Uint8Array): ParsedFile | { ok: false; message: string; problems: Problem[] } {
  const parsed = parseBudgetInput(db, input);
  if (!parsed.ok) return { ok: false, message: parsed.message.replace('预算文件未导入', '预算文件未合并'), problems: parsed.problems };
  return { budget: parsed.budget, addedCodes: parsed.addedCodes, warnings: parsed.warnings };
}

// The replaced units' part: their lines and projects, procurement of those projects or brought with the
// unit, assets brought with the unit.
const PART = {
  lines: 'FROM lines WHERE budget_id = @b AND unit_code IN (SELECT value FROM json_each(@u))',
  projects: 'FROM projects WHERE budget_id = @b AND unit_code IN (SELECT value FROM json_each(@u))',
  procurement: `FROM procurement WHERE budget_id = @b AND (unit_code IN (SELECT value FROM json_each(@u))
    OR project_code IN (SELECT code FROM projects WHERE budget_id = @b AND unit_code IN (SELECT value FROM json_each(@u))))`,
  assets: 'FROM assets WHERE budget_id = @b AND unit_code IN (SELECT value FROM json_each(@u))',
  control: `FROM control WHERE budget_id = @b AND (unit_code IN (SELECT value FROM json_each(@u))
    OR project_code IN (SELECT code FROM projects WHERE budget_id = @b AND unit_code IN (SELECT value FROM json_each(@u))))`,
} as const;

function removal(db: BudgetDb, budgetId: number, units: readonly string[]): MergeRemoval {
  const codes = JSON.stringify(units);
  const count = (k: keyof typeof PART) =>
    units.length ? (db.stmt(`SELECT count(*) ${PART[k]}`, { pluck: true }).get({ b: budgetId, u: codes }) as number) : 0;
  return { lines: count('lines'), projects: count('projects'), procurement: count('procurement'), assets: count('assets') };
}

/** Lines of units that stay which point at a project of a replaced unit: removing it would orphan them. */
function orphanedBy(db: BudgetDb, budgetId: number, units: readonly string[]): string[] {
  if (!units.length) return [];
  const codes = JSON.stringify(units);
  return db
    .stmt(
      `SELECT DISTINCT l.project_code FROM lines l JOIN projects p ON p.budget_id = l.budget_id AND p.code = l.project_code
    WHERE l.budget_id = @b AND p.unit_code IN (SELECT value FROM json_each(@u)) AND l.unit_code NOT IN (SELECT value FROM json_each(@u))`,
      { pluck: true },
    )
    .all({ b: budgetId, u: codes }) as string[];
}

function decide(db: BudgetDb, file: ParsedFile, opts: { replace?: boolean }): MergePreview {
  const found = readMergeTarget(db, file.budget.department.code, file.budget.year);
  if (!found) {
    const { department: d, year } = file.budget;
    return {
      ok: false,
      message: `数据库中没有部门 ${d.code} ${d.name} ${year} 年的预算，无法合并；请先导入部门的预算文件（不选合并），或以此文件新建该部门的预算`,
      problems: [],
      conflicts: noConflicts,
      missing: { code: d.code, name: d.name, year },
    };
  }
  const plan = planMerge(found.target, file.budget, opts);
  if (!plan.ok) return { ...plan, problems: [] };
  const orphans = orphanedBy(db, found.budgetId, plan.replacedUnits);
  if (orphans.length) {
    return {
      ok: false,
      message: `其他单位的明细仍使用被替换单位的项目 ${orphans.join('、')}，未合并；请先修改这些明细`,
      problems: [],
      conflicts: { units: [], projects: orphans },
    };
  }
  return { ...plan, budgetId: found.budgetId, removed: removal(db, found.budgetId, plan.replacedUnits), warnings: file.warnings };
}

/** What merging the file would do, without writing anything. */
export function previewMerge(db: BudgetDb, input: string | Uint8Array, opts: { replace?: boolean } = {}): MergePreview {
  const file = parseFile(db, input);
  if ('ok' in file) return { ...file, conflicts: noConflicts };
  return decide(db, file, opts);
}

export type MergeResult = MergePreview & { backup?: string | null };

/**
 * Merges a unit's budget file: parse, decide (a refusal writes nothing), then a bulk write (db/bulk-write.ts):
 * a backup (合并前) first, then one transaction that decides again and writes — one undo step when small enough.
 */
export async function mergeBudgetFile(db: BudgetDb, input: string | Uint8Array, opts: { replace?: boolean; backup?: BackupWriter } = {}): Promise<MergeResult> {
  const file = parseFile(db, input);
  if ('ok' in file) return { ...file, conflicts: noConflicts };
  const first = decide(db, file, opts);
  if (!first.ok) return first;
  const rows = budgetRowCount(db, first.budgetId) + documentRowCount(file.budget);
  const op = { label: '合并单位预算', rows, reason: 'before-merge' as const, backup: opts.backup, alwaysBackup: true };
  try {
    const done = await bulkWrite(db, { deptCode: first.deptCode, year: first.year }, op, () => {
      const plan = decide(db, file, opts);
      if (plan.ok) writeMerge(db, plan, file);
      return plan;
    });
    return { ...done.value, backup: done.backup };
  } catch (e) {
    throw toRefusal(e, '合并单位预算');
  }
}

function nextSeq(db: BudgetDb, table: 'units' | 'projects' | 'procurement' | 'assets', budgetId: number): number {
  return db.stmt(`SELECT coalesce(max(seq), -1) + 1 FROM ${table} WHERE budget_id = ?`, { pluck: true }).get(budgetId) as number;
}

function nextControlSeq(db: BudgetDb, budgetId: number): number {
  return db.stmt('SELECT coalesce(max(seq), -1) + 1 FROM control WHERE budget_id = ?', { pluck: true }).get(budgetId) as number;
}

function mergedNames(a: CodeNames | null, b: CodeNames | null): CodeNames | null {
  if (!b) return a;
  if (!a) return b;
  return { function: { ...a.function, ...b.function }, economic: { ...a.economic, ...b.economic } };
}

/** Inside the transaction: remove the replaced units' part, then add the file's content after what is there. */
function writeMerge(db: BudgetDb, plan: MergePreview & { ok: true }, file: ParsedFile): void {
  const { budgetId } = plan;
  const { budget } = file;
  // A replaced unit's rows come back where its old ones were listed (绩效目标表 and 采购表 keep their order).
  const firstSeq: Partial<Record<'projects' | 'procurement' | 'assets', number | null>> = {};
  const replacedSet = new Set(plan.replacedUnits);
  const keptCells = loadControl(db, budgetId).filter((c) => c.unit !== undefined && replacedSet.has(c.unit));
  if (plan.replacedUnits.length) {
    const codes = JSON.stringify(plan.replacedUnits);
    for (const k of ['projects', 'procurement', 'assets'] as const)
      firstSeq[k] = db.stmt(`SELECT min(seq) ${PART[k]}`, { pluck: true }).get({ b: budgetId, u: codes }) as number | null;
    // Children first: procurement and lines point at projects; goals and indicators cascade with projects.
    for (const k of ['control', 'procurement', 'lines', 'projects', 'assets'] as const) db.stmt(`DELETE ${PART[k]}`).run({ b: budgetId, u: codes });
  }
  const startSeq = (table: 'projects' | 'procurement' | 'assets', count: number): number => {
    const at = firstSeq[table];
    if (at === undefined || at === null) return nextSeq(db, table, budgetId);
    db.stmt(`UPDATE ${table} SET seq = seq + ? WHERE budget_id = ? AND seq >= ?`).run(count, budgetId, at);
    return at;
  };
  if (file.addedCodes.length) addFileCodes(db, budget.year, file.addedCodes);

  const replaced = new Set(plan.replacedUnits);
  const updUnit = db.stmt('UPDATE units SET name = ?, nature = ?, grade = ?, funding = ? WHERE budget_id = ? AND code = ?');
  const insUnit = db.stmt('INSERT INTO units (budget_id, seq, code, name, nature, grade, funding) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let seq = nextSeq(db, 'units', budgetId);
  for (const u of budget.units) {
    if (replaced.has(u.code)) updUnit.run(u.name, u.nature, u.grade, u.funding, budgetId, u.code);
    else insUnit.run(budgetId, seq++, u.code, u.name, u.nature, u.grade, u.funding);
  }

  const insProject = db.stmt(
    'INSERT INTO projects (budget_id, seq, code, name, unit_code, purpose, plan_mar, plan_jun, plan_oct, plan_dec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insGoal = db.stmt('INSERT INTO project_goals (project_id, seq, text) VALUES (?, ?, ?)');
  const insInd = db.stmt(
    'INSERT INTO indicators (project_id, seq, level1, level2, name, description, op, value, unit, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  seq = startSeq('projects', budget.projects.length);
  for (const p of budget.projects) {
    const sp = p.spendingPlan;
    const pid = insProject.run(budgetId, seq++, p.code, p.name, p.unit, p.purpose, sp.mar, sp.jun, sp.oct, sp.dec).lastInsertRowid;
    p.goals.forEach((g, j) => insGoal.run(pid, j, g));
    p.indicators.forEach((x, j) => insInd.run(pid, j, x.level1, x.level2, x.name, x.description, x.op, x.value, x.unit, x.basis));
  }

  insertLines(db, budgetId, budget.lines);

  const insProc = db.stmt(`INSERT INTO procurement
      (budget_id, seq, project_code, item, catalog, measure, quantity, unit_price_fen, source, carryover, amount_fen, sme_fen, unit_code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  seq = startSeq('procurement', budget.procurement.length);
  for (const r of budget.procurement) {
    insProc.run(
      budgetId,
      seq++,
      r.project === '' ? null : r.project,
      r.item,
      r.catalog,
      r.measure,
      r.quantity,
      r.unitPrice,
      r.source,
      r.carryover ? 1 : 0,
      r.amount,
      r.sme,
      rowUnit(budget, r.project || null),
    );
  }
  const insAsset = db.stmt('INSERT INTO assets (budget_id, seq, item, quantity, value_fen, unit_code) VALUES (?, ?, ?, ?, ?, ?)');
  seq = startSeq('assets', budget.assets.length);
  const assetUnit = rowUnit(budget, null);
  for (const a of budget.assets) insAsset.run(budgetId, seq++, a.item, a.quantity, a.value, assetUnit);
  // The units' 控制数 come with their part (a replaced unit's cells the file lacks stay, while their project does);
  // the file's department-wide ones are the department's own.
  const unitCells = budget.control.filter((c) => c.unit !== undefined);
  const given = new Set(unitCells.map(cellKey));
  const projects = new Set(db.stmt('SELECT code FROM projects WHERE budget_id = ?', { pluck: true }).all(budgetId) as string[]);
  const kept = keptCells.filter((c) => !given.has(cellKey(c)) && (c.project === undefined || projects.has(c.project)));
  writeControl(db, budgetId, [...kept, ...unitCells], nextControlSeq(db, budgetId));

  // The department's own narrative, prior-year figures and free keys stay; the code names a file
  // brought are kept (tables print them); a missing 资产统计日期 is taken from the file.
  const b = db.stmt('SELECT names_json, assets_as_of FROM budgets WHERE id = ?').get(budgetId) as
    { names_json: string | null; assets_as_of: string | null } | undefined;
  if (!b) throw new Refusal('not_found', `数据库中没有编号为 ${budgetId} 的预算`);
  const names = mergedNames(b.names_json ? (JSON.parse(b.names_json) as CodeNames) : null, budget.names);
  db.stmt(`UPDATE budgets SET names_json = ?, assets_as_of = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(
    names ? JSON.stringify(names) : null,
    b.assets_as_of ?? budget.assetsAsOf,
    budgetId,
  );
}
