// Whole budgets in the database: list, load (fast: one SELECT for all lines), save an imported
// budget (one transaction), delete. Line-by-line edits from the UI live in db/edits.ts.
import type { AddedCode } from '../core/budget-file';
import type { Catalogs } from '../core/catalog';
import type { Fen } from '../core/money';
import type { AssetRow, Budget, CodeNames, Indicator, Line, LineKind, Narrative, ProcurementRow, Project, Source, Unit } from '../core/model';
import { emptyNarrative } from '../core/model';
import type { LineContext } from '../core/validate-line';
import { addFileCodes, getCatalogs } from './catalogs';
import { Refusal, toRefusal } from './errors';
import { loadControl, writeControl } from './control';
import { BULK_LINES, withBulkLines } from './line-totals';
import type { BudgetDb } from './open';
import { loadPriorYear, writePriorYear } from './prior-year';
import { inTransaction } from './transaction';

export interface BudgetSummary {
  id: number;
  deptCode: string;
  deptName: string;
  year: number;
  finalized: boolean;
  lineCount: number;
  /** Sum of all line amounts in 分, as a decimal string (may exceed 2^53). */
  totalFen: string;
  updatedAt: string;
}

const deptLabel = (code: string, name?: string) => (name ? `${code} ${name}` : code);

const SUMMARY_SELECT = `
    SELECT b.id, d.code AS deptCode, d.name AS deptName, b.year, b.finalized, b.updated_at AS updatedAt,
           (SELECT count(*) FROM lines l WHERE l.budget_id = b.id) AS lineCount,
           (SELECT coalesce(sum(l.amount_fen), 0) FROM lines l WHERE l.budget_id = b.id) AS totalFen
    FROM budgets b JOIN departments d ON d.id = b.department_id`;

const toSummary = (r: Record<string, unknown>): BudgetSummary => ({
  id: Number(r.id),
  deptCode: r.deptCode as string,
  deptName: r.deptName as string,
  year: Number(r.year),
  finalized: Number(r.finalized) === 1,
  lineCount: Number(r.lineCount),
  totalFen: String(r.totalFen),
  updatedAt: r.updatedAt as string,
});

export function listBudgets(db: BudgetDb): BudgetSummary[] {
  const rows = db.stmt(`${SUMMARY_SELECT} ORDER BY d.code, b.year`, { exact: true }).all() as Record<string, unknown>[];
  return rows.map(toSummary);
}

/** One budget's summary row, without summing every other budget's lines. */
export function budgetSummary(db: BudgetDb, budgetId: number): BudgetSummary | null {
  const row = db.stmt(`${SUMMARY_SELECT} WHERE b.id = ?`, { exact: true }).get(budgetId) as Record<string, unknown> | undefined;
  return row ? toSummary(row) : null;
}

export type BudgetEntry = Pick<BudgetSummary, 'id' | 'deptCode' | 'deptName' | 'year' | 'finalized'>;

/** Every budget without its line count and total: for choosing one, which need not sum every line of every budget. */
export function listBudgetEntries(db: BudgetDb): BudgetEntry[] {
  const rows = db
    .stmt(
      `SELECT b.id, d.code AS deptCode, d.name AS deptName, b.year, b.finalized
    FROM budgets b JOIN departments d ON d.id = b.department_id ORDER BY d.code, b.year`,
    )
    .all() as { id: number; deptCode: string; deptName: string; year: number; finalized: number }[];
  return rows.map((r) => ({ ...r, finalized: r.finalized === 1 }));
}

/** A department by its code, or null. */
export function findDepartment(db: BudgetDb, code: string): { code: string; name: string } | null {
  const r = db.stmt('SELECT code, name FROM departments WHERE code = ?').get(code) as { code: string; name: string } | undefined;
  return r ?? null;
}

/** The id of a department-year's budget, or null. */
export function findBudgetId(db: BudgetDb, deptCode: string, year: number): number | null {
  const id = db
    .stmt('SELECT b.id FROM budgets b JOIN departments d ON d.id = b.department_id WHERE d.code = ? AND b.year = ?', { pluck: true })
    .get(deptCode, year);
  return id === undefined ? null : (id as number);
}

function requireBudgetId(db: BudgetDb, deptCode: string, year: number): number {
  const id = findBudgetId(db, deptCode, year);
  if (id === null) throw new Refusal('not_found', `数据库中没有部门 ${deptCode} ${year} 年的预算`);
  return id;
}

export function loadBudget(db: BudgetDb, deptCode: string, year: number): Budget {
  return loadBudgetById(db, requireBudgetId(db, deptCode, year));
}

const fenOrNull = (v: unknown): Fen | null => (v === null || v === undefined ? null : BigInt(v as bigint));

/** A budget's projects with their goals and indicators, in list order (the editor's list and loadBudget alike). */
export function loadProjects(db: BudgetDb, budgetId: number): Project[] {
  const projRows = db
    .stmt(`SELECT id, code, name, unit_code, purpose, plan_mar, plan_jun, plan_oct, plan_dec FROM projects WHERE budget_id = ? ORDER BY seq, id`)
    .all(budgetId) as {
    id: number;
    code: string;
    name: string;
    unit_code: string;
    purpose: string;
    plan_mar: string | null;
    plan_jun: string | null;
    plan_oct: string | null;
    plan_dec: string | null;
  }[];
  const byId = new Map<number, Project>();
  const projects = projRows.map((p) => {
    const proj: Project = {
      code: p.code,
      name: p.name,
      unit: p.unit_code,
      purpose: p.purpose,
      spendingPlan: { mar: p.plan_mar, jun: p.plan_jun, oct: p.plan_oct, dec: p.plan_dec },
      goals: [],
      indicators: [],
    };
    byId.set(p.id, proj);
    return proj;
  });
  if (projects.length) {
    const goals = db
      .stmt(`SELECT g.project_id, g.text FROM project_goals g JOIN projects p ON p.id = g.project_id WHERE p.budget_id = ? ORDER BY g.project_id, g.seq`, {
        raw: true,
      })
      .all(budgetId) as [number, string][];
    for (const [pid, text] of goals) byId.get(pid)!.goals.push(text);
    const inds = db
      .stmt(
        `SELECT i.project_id, i.level1, i.level2, i.name, i.description, i.op, i.value, i.unit, i.basis
      FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.budget_id = ? ORDER BY i.project_id, i.seq`,
        { raw: true },
      )
      .all(budgetId) as string[][];
    // Rows as arrays and one object literal each: 4,000 projects carry 32,000 indicators.
    for (const r of inds) {
      const ind: Indicator = { level1: r[1]!, level2: r[2]!, name: r[3]!, description: r[4]!, op: r[5]!, value: r[6]!, unit: r[7]!, basis: r[8]! };
      byId.get(r[0] as unknown as number)!.indicators.push(ind);
    }
  }
  return projects;
}

/** The columns lineOfRow reads, in its order (a raw, exact statement). */
export const LINE_SELECT = 'id, unit_code, function_code, economic_code, kind, source, carryover, amount_fen, project_code, memo';

/** A stored line from its LINE_SELECT row. */
export function lineOfRow(r: unknown[]): Line {
  const line: Line = {
    id: Number(r[0]),
    unit: r[1] as string,
    function: r[2] as string,
    economic: r[3] as string,
    kind: r[4] as LineKind,
    source: r[5] as Source,
    carryover: r[6] === 1n,
    amount: r[7] as bigint,
  };
  if (r[8] !== null) line.project = r[8] as string;
  if (r[9] !== null) line.memo = r[9] as string;
  return line;
}

/** Loads a whole budget. Lines carry their database `id`. `lines: false`: everything but the lines (`lines` is
 *  empty), for the views that read the lines' digest instead (db/line-digest.ts); `projects: false` likewise. */
export function loadBudgetById(db: BudgetDb, budgetId: number, opts: { lines?: boolean; projects?: boolean } = {}): Budget {
  const b = db
    .stmt(`SELECT b.year, b.assets_as_of, b.names_json, d.code, d.name FROM budgets b JOIN departments d ON d.id = b.department_id WHERE b.id = ?`)
    .get(budgetId) as { year: number; assets_as_of: string | null; names_json: string | null; code: string; name: string } | undefined;
  if (!b) throw new Refusal('not_found', `数据库中没有编号为 ${budgetId} 的预算`);

  const units = db.stmt('SELECT code, name, nature, grade, funding FROM units WHERE budget_id = ? ORDER BY seq').all(budgetId) as Unit[];

  const projects = opts.projects === false ? [] : loadProjects(db, budgetId);

  // The hot path: one prepared SELECT, rows as arrays, amounts as bigint.
  const lineRows =
    opts.lines === false
      ? []
      : (db.stmt(`SELECT ${LINE_SELECT} FROM lines WHERE budget_id = ? ORDER BY id`, { raw: true, exact: true }).all(budgetId) as unknown[][]);
  const lines: Line[] = new Array(lineRows.length);
  for (let i = 0; i < lineRows.length; i++) lines[i] = lineOfRow(lineRows[i]!);

  const procurement = (
    db
      .stmt(
        `SELECT project_code, item, catalog, measure, quantity, unit_price_fen, source, carryover, amount_fen, sme_fen
    FROM procurement WHERE budget_id = ? ORDER BY seq`,
        { exact: true },
      )
      .all(budgetId) as Record<string, unknown>[]
  ).map((r): ProcurementRow => ({
    project: (r.project_code as string | null) ?? '',
    item: r.item as string,
    catalog: r.catalog as string,
    measure: r.measure as string,
    quantity: r.quantity as string,
    unitPrice: fenOrNull(r.unit_price_fen),
    source: r.source as Source,
    carryover: r.carryover === 1n,
    amount: r.amount_fen as bigint,
    sme: fenOrNull(r.sme_fen),
  }));
  const assets = (
    db.stmt('SELECT item, quantity, value_fen FROM assets WHERE budget_id = ? ORDER BY seq', { exact: true }).all(budgetId) as Record<string, unknown>[]
  ).map((r): AssetRow => ({ item: r.item as string, quantity: r.quantity as string, value: r.value_fen as bigint }));

  const priorYear = loadPriorYear(db, budgetId);

  const narrJson = db.stmt('SELECT json FROM narrative WHERE budget_id = ?', { pluck: true }).get(budgetId) as string | undefined;
  const narrative: Narrative = narrJson ? { ...emptyNarrative(), ...(JSON.parse(narrJson) as Narrative) } : emptyNarrative();
  const extraJson = db.stmt('SELECT json FROM budget_extra WHERE budget_id = ?', { pluck: true }).get(budgetId) as string | undefined;

  return {
    year: b.year,
    department: { code: b.code, name: b.name },
    units,
    lines,
    projects,
    procurement,
    assets,
    assetsAsOf: b.assets_as_of,
    priorYear,
    names: b.names_json ? (JSON.parse(b.names_json) as CodeNames) : null,
    narrative,
    control: loadControl(db, budgetId),
    extra: extraJson ? (JSON.parse(extraJson) as Record<string, unknown>) : {},
  };
}

export interface SaveOptions {
  /** Overwrite an existing budget of the same department and year (its content; the row and its prior_figures stay). */
  replace?: boolean;
  /** Codes the budget file named that the year's catalog lacked (parseBudgetFile's addedCodes). */
  addedCodes?: readonly AddedCode[];
}

export interface SaveResult {
  budgetId: number;
  replaced: boolean;
}

// Content tables of a budget, children first (lines refer to units and projects).
const CONTENT_TABLES = ['control', 'lines', 'procurement', 'projects', 'units', 'assets', 'narrative', 'prior_year', 'budget_extra'] as const;

/**
 * Writes a whole (validated) budget in ONE transaction. Refuses to overwrite an existing
 * department-year unless `replace`, and never overwrites a finalized one.
 */
export function saveBudget(db: BudgetDb, budget: Budget, opts: SaveOptions = {}): SaveResult {
  const { department: dept, year } = budget;
  try {
    return inTransaction(db, () => {
      const d = db.stmt('SELECT id, name FROM departments WHERE code = ?').get(dept.code) as { id: number; name: string } | undefined;
      let deptId: number;
      if (!d) deptId = Number(db.stmt('INSERT INTO departments (code, name) VALUES (?, ?)').run(dept.code, dept.name).lastInsertRowid);
      else {
        deptId = d.id;
        if (d.name !== dept.name) db.stmt('UPDATE departments SET name = ? WHERE id = ?').run(dept.name, deptId);
      }
      const existing = db.stmt('SELECT id, finalized FROM budgets WHERE department_id = ? AND year = ?').get(deptId, year) as
        { id: number; finalized: number } | undefined;
      let budgetId: number;
      if (existing) {
        if (existing.finalized) throw new Refusal('conflict', `部门 ${deptLabel(dept.code, d?.name)} ${year} 年的预算已定稿，不能覆盖；请先解除定稿`);
        if (!opts.replace)
          throw new Refusal('conflict', `数据库中已有部门 ${deptLabel(dept.code, d?.name)} ${year} 年的预算，未导入；如需覆盖请选择替换（命令行加 --replace）`);
        budgetId = existing.id;
        for (const t of CONTENT_TABLES) db.stmt(`DELETE FROM ${t} WHERE budget_id = ?`).run(budgetId);
        db.stmt(`UPDATE budgets SET assets_as_of = ?, names_json = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(
          budget.assetsAsOf,
          budget.names ? JSON.stringify(budget.names) : null,
          budgetId,
        );
      } else {
        budgetId = Number(
          db
            .stmt('INSERT INTO budgets (department_id, year, assets_as_of, names_json) VALUES (?, ?, ?, ?)')
            .run(deptId, year, budget.assetsAsOf, budget.names ? JSON.stringify(budget.names) : null).lastInsertRowid,
        );
      }
      if (opts.addedCodes?.length) addFileCodes(db, year, opts.addedCodes);
      writeContent(db, budgetId, budget);
      return { budgetId, replaced: !!existing };
    });
  } catch (e) {
    throw toRefusal(e, '保存预算');
  }
}

function writeContent(db: BudgetDb, budgetId: number, budget: Budget): void {
  const insUnit = db.stmt('INSERT INTO units (budget_id, seq, code, name, nature, grade, funding) VALUES (?, ?, ?, ?, ?, ?, ?)');
  budget.units.forEach((u, i) => insUnit.run(budgetId, i, u.code, u.name, u.nature, u.grade, u.funding));

  const insProject = db.stmt(
    `INSERT INTO projects (budget_id, seq, code, name, unit_code, purpose, plan_mar, plan_jun, plan_oct, plan_dec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insGoal = db.stmt('INSERT INTO project_goals (project_id, seq, text) VALUES (?, ?, ?)');
  const insInd = db.stmt(
    `INSERT INTO indicators (project_id, seq, level1, level2, name, description, op, value, unit, basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  budget.projects.forEach((p, i) => {
    const sp = p.spendingPlan;
    const pid = insProject.run(budgetId, i, p.code, p.name, p.unit, p.purpose, sp.mar, sp.jun, sp.oct, sp.dec).lastInsertRowid;
    p.goals.forEach((g, j) => insGoal.run(pid, j, g));
    p.indicators.forEach((x, j) => insInd.run(pid, j, x.level1, x.level2, x.name, x.description, x.op, x.value, x.unit, x.basis));
  });

  insertLines(db, budgetId, budget.lines);
  writeControl(db, budgetId, budget.control);

  const insProc =
    db.stmt(`INSERT INTO procurement (budget_id, seq, project_code, item, catalog, measure, quantity, unit_price_fen, source, carryover, amount_fen, sme_fen)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  budget.procurement.forEach((r, i) =>
    insProc.run(
      budgetId,
      i,
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
    ),
  );
  const insAsset = db.stmt('INSERT INTO assets (budget_id, seq, item, quantity, value_fen) VALUES (?, ?, ?, ?, ?)');
  budget.assets.forEach((a, i) => insAsset.run(budgetId, i, a.item, a.quantity, a.value));

  db.stmt('INSERT INTO narrative (budget_id, json) VALUES (?, ?)').run(budgetId, JSON.stringify(budget.narrative));
  writePriorYear(db, budgetId, budget.priorYear, 'file');
  if (Object.keys(budget.extra).length) db.stmt('INSERT INTO budget_extra (budget_id, json) VALUES (?, ?)').run(budgetId, JSON.stringify(budget.extra));
}

const INSERT_LINE = `INSERT INTO lines (budget_id, unit_code, function_code, economic_code, kind, source, carryover, amount_fen, project_code, memo)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Inserts lines in order (ids ascending = file order); many lines go around the per-line totals trigger
 *  (db/line-totals.ts). One row per statement: multi-row VALUES measured 1.6× the CPU of this on a
 *  300,000-line import. Runs inside the caller's transaction. */
export function insertLines(db: BudgetDb, budgetId: number, lines: readonly Line[]): void {
  if (lines.length >= BULK_LINES) withBulkLines(db, budgetId, lines, () => insertLineRows(db, budgetId, lines));
  else insertLineRows(db, budgetId, lines);
}

function insertLineRows(db: BudgetDb, budgetId: number, lines: readonly Line[]): void {
  const insert = db.stmt(INSERT_LINE);
  for (const l of lines)
    insert.run(budgetId, l.unit, l.function, l.economic, l.kind, l.source, l.carryover ? 1 : 0, l.amount, l.project ?? null, l.memo ?? null);
}

/** Deletes a department-year's budget with everything in it; the department goes too when it has no budget left. */
export function deleteBudget(db: BudgetDb, deptCode: string, year: number, opts: { force?: boolean } = {}): void {
  try {
    inTransaction(db, () => {
      const row = db
        .stmt('SELECT b.id, b.finalized, b.department_id, d.name FROM budgets b JOIN departments d ON d.id = b.department_id WHERE d.code = ? AND b.year = ?')
        .get(deptCode, year) as { id: number; finalized: number; department_id: number; name: string } | undefined;
      if (!row) throw new Refusal('not_found', `数据库中没有部门 ${deptCode} ${year} 年的预算`);
      if (row.finalized && !opts.force) throw new Refusal('conflict', `部门 ${deptLabel(deptCode, row.name)} ${year} 年的预算已定稿，不能删除；请先解除定稿`);
      db.stmt('DELETE FROM budgets WHERE id = ?').run(row.id);
      db.stmt('DELETE FROM departments WHERE id = ? AND NOT EXISTS (SELECT 1 FROM budgets WHERE department_id = ?)').run(row.department_id, row.department_id);
    });
  } catch (e) {
    throw toRefusal(e, '删除预算');
  }
}

/** What validateLine needs to check a line of this budget (UI edits use the same rules as import). */
export function lineContextFor(db: BudgetDb, budgetId: number): LineContext & { catalogs: Catalogs } {
  const year = db.stmt('SELECT year FROM budgets WHERE id = ?', { pluck: true }).get(budgetId) as number | undefined;
  if (year === undefined) throw new Refusal('not_found', `数据库中没有编号为 ${budgetId} 的预算`);
  return {
    catalogs: getCatalogs(db, year),
    // Point lookups rather than every code: an edit's cost does not grow with 500 units or 4,000 projects.
    units: { has: (code) => db.stmt('SELECT 1 FROM units WHERE budget_id = ? AND code = ?', { pluck: true }).get(budgetId, code) !== undefined },
    projects: { has: (code) => db.stmt('SELECT 1 FROM projects WHERE budget_id = ? AND code = ?', { pluck: true }).get(budgetId, code) !== undefined },
  };
}
