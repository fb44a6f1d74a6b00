// The UI's write path: small edits of one budget, each ONE transaction, each validated by the same
// rules as the budget-file import (core/validate-line.ts for lines; core/budget-file.ts's parser for
// units, projects, procurement, assets and narrative), so a value is accepted or refused with the same
// Chinese reason whichever way it arrives. Also the reads the editor needs (rows with their ids).
//
// Undo/redo: every undoable edit records row images (before/after) of each row it touches, inside its
// transaction. The images go to an in-memory, per-budget undo log kept for this database handle (the
// engine is the only writer, so memory is enough; the log is lost when the app closes, as in any editor).
// Undo restores the before-images (in reverse order) in one transaction, first checking that each row
// still equals its after-image — so a row changed behind our back (e.g. by the CLI) makes undo refuse
// instead of silently overwriting. Redo is the mirror image. A new edit clears the redo stack; writes that
// are not undoable (budget file import, budget creation) clear the budget's log.
import type Database from 'better-sqlite3';
import { parseBudgetValue, BUDGET_FILE_FORMAT, type Problem } from '../core/budget-file';
import { formatYuan, type Fen } from '../core/money';
import { Catalog } from '../core/catalog';
import { BUDGET_YEAR_RULE, MAX_DEPT_NAME_LENGTH, deptCodeProblem, FISCAL_SOURCES, isBudgetYear, LINE_KIND_NAMES, LINE_KINDS, SOURCE_NAMES, SOURCES, emptyNarrative, type Budget, type Line, type LineKind, type Project, type Source } from '../core/model';
import { isPersonnel } from '../core/tables';
import { LINE_FIELD_LABELS, formatLineProblems, lineProblemText, validateLine, type LineField, type LineProblem } from '../core/validate-line';
import { lineContextFor, loadProjects } from './budgets';
import { Refusal, toRefusal, type RowError } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import { assertWritable } from './years';

// ----------------------------------------------------------------------------------------------- statements

// Our own statement cache: db.stmt() statements are shared, and pluck()/safeIntegers() would leak modes.
const cache = new WeakMap<BudgetDb, Map<string, Database.Statement>>();
function st(db: BudgetDb, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) {
    s = db.sqlite.prepare(sql);
    if (s.reader) s.safeIntegers(true); // amounts (and everything else) read exactly; Number() where small
    m.set(sql, s);
  }
  return s;
}
type Row = Record<string, unknown>;
/** The seq of a row appended to a budget's list (units, projects, procurement, assets). */
function nextSeq(db: BudgetDb, table: 'units' | 'projects' | 'procurement' | 'assets', budgetId: number): number {
  return Number((st(db, `SELECT coalesce(max(seq), -1) + 1 AS n FROM ${table} WHERE budget_id = ?`).get(budgetId) as Row).n);
}
const num = (v: unknown): number => Number(v as bigint | number);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const fen = (v: unknown): Fen => BigInt(v as bigint | number);

// ----------------------------------------------------------------------------------------------- budgets

export interface BudgetInfo { id: number; year: number; deptId: number; deptCode: string; deptName: string; finalized: boolean }

export function findBudget(db: BudgetDb, dept: string, year: number): BudgetInfo {
  const r = st(db, `SELECT b.id, b.year, b.finalized, d.id AS dept_id, d.code, d.name FROM budgets b JOIN departments d ON d.id = b.department_id WHERE d.code = ? AND b.year = ?`).get(dept, year) as Row | undefined;
  if (!r) throw new Refusal('not_found', `数据库中没有部门 ${dept} ${year} 年的预算`);
  return { id: num(r.id), year: num(r.year), deptId: num(r.dept_id), deptCode: str(r.code), deptName: str(r.name), finalized: num(r.finalized) === 1 };
}

function label(b: BudgetInfo): string {
  return `部门 ${b.deptCode} ${b.deptName} ${b.year} 年`;
}

/** The budget for a write: refused when it is finalized (定稿). */
export function writableBudget(db: BudgetDb, dept: string, year: number): BudgetInfo {
  const b = findBudget(db, dept, year);
  assertWritable(db, b.id); // the one 定稿 check of every write path (db/years.ts)
  return b;
}

/** A new, empty budget (department created or renamed as given). Not undoable. */
export function createBudget(db: BudgetDb, deptCode: string, deptName: string, year: number): BudgetInfo {
  const code = deptCode.trim();
  const name = deptName.trim();
  const codeProblem = deptCodeProblem(code);
  if (codeProblem) throw new Refusal('validation', `部门编码：${codeProblem}`, { field: 'deptCode' });
  if (name === '') throw new Refusal('validation', '部门名称：不能为空', { field: 'deptName' });
  if (name.length > MAX_DEPT_NAME_LENGTH) throw new Refusal('validation', `部门名称：不能超过 ${MAX_DEPT_NAME_LENGTH} 个字符`, { field: 'deptName' });
  if (!isBudgetYear(year)) throw new Refusal('validation', `预算年度：${BUDGET_YEAR_RULE}，实际是 ${year}`, { field: 'year' });
  inTransaction(db, () => {
    const d = st(db, 'SELECT id, name FROM departments WHERE code = ?').get(code) as Row | undefined;
    let deptId: number;
    if (d) {
      deptId = num(d.id);
      if (str(d.name) !== name) st(db, 'UPDATE departments SET name = ? WHERE id = ?').run(name, deptId);
    } else deptId = Number(st(db, 'INSERT INTO departments (code, name) VALUES (?, ?)').run(code, name).lastInsertRowid);
    if (st(db, 'SELECT 1 FROM budgets WHERE department_id = ? AND year = ?').get(deptId, year)) {
      throw new Refusal('conflict', `数据库中已有部门 ${code} ${year} 年的预算`, { field: 'year' });
    }
    const id = Number(st(db, 'INSERT INTO budgets (department_id, year) VALUES (?, ?)').run(deptId, year).lastInsertRowid);
    st(db, 'INSERT INTO narrative (budget_id, json) VALUES (?, ?)').run(id, JSON.stringify(emptyNarrative()));
  });
  const b = findBudget(db, code, year);
  forgetUndo(db, b.id);
  return b;
}

// ----------------------------------------------------------------------------------------------- undo log

/** Tables the recorder may touch, with their key columns. */
const KEYS = {
  lines: ['id'], units: ['id'], projects: ['id'], project_goals: ['project_id', 'seq'], indicators: ['id'],
  procurement: ['id'], assets: ['id'], narrative: ['budget_id'], budgets: ['id'], departments: ['id'],
} as const;
type Table = keyof typeof KEYS;
/** Bookkeeping columns that are neither compared nor restored. */
const IGNORED = new Set(['updated_at', 'created_at']);

interface RowChange { table: Table; key: Row; before: Row | null; after: Row | null }
interface EditOp { label: string; changes: RowChange[] }
interface Stacks { undo: EditOp[]; redo: EditOp[] }

export const UNDO_LIMIT = 200;
const logs = new WeakMap<BudgetDb, Map<number, Stacks>>();
function stacks(db: BudgetDb, budgetId: number): Stacks {
  let m = logs.get(db);
  if (!m) logs.set(db, (m = new Map()));
  let s = m.get(budgetId);
  if (!s) m.set(budgetId, (s = { undo: [], redo: [] }));
  return s;
}

/** Drops the undo/redo history of one budget (or of all, without budgetId): after non-undoable writes. */
export function forgetUndo(db: BudgetDb, budgetId?: number): void {
  if (budgetId === undefined) logs.delete(db);
  else logs.get(db)?.delete(budgetId);
}

function whereKey(table: Table): string {
  return KEYS[table].map((k) => `${k} = ?`).join(' AND ');
}
function keyValues(table: Table, key: Row): unknown[] {
  return KEYS[table].map((k) => key[k]);
}
function image(db: BudgetDb, table: Table, key: Row): Row | null {
  return (st(db, `SELECT * FROM ${table} WHERE ${whereKey(table)}`).get(...keyValues(table, key)) as Row | undefined) ?? null;
}
function sameRow(a: Row | null, b: Row | null): boolean {
  if (a === null || b === null) return a === b;
  for (const k of Object.keys(a)) if (!IGNORED.has(k) && String(a[k]) !== String(b[k])) return false;
  return true;
}
function writeImage(db: BudgetDb, table: Table, key: Row, current: Row | null, target: Row | null): void {
  if (target === null) {
    st(db, `DELETE FROM ${table} WHERE ${whereKey(table)}`).run(...keyValues(table, key));
    return;
  }
  const cols = Object.keys(target).filter((c) => !IGNORED.has(c));
  if (current === null) st(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => target[c]));
  else {
    const set = cols.filter((c) => !(KEYS[table] as readonly string[]).includes(c));
    st(db, `UPDATE ${table} SET ${set.map((c) => `${c} = ?`).join(', ')} WHERE ${whereKey(table)}`).run(...set.map((c) => target[c]), ...keyValues(table, key));
  }
}

/** Records row images while an edit runs. Every write of an undoable edit goes through it. */
class Recorder {
  readonly changes: RowChange[] = [];
  constructor(private readonly db: BudgetDb) {}
  insert(table: Table, values: Row): number {
    const cols = Object.keys(values);
    const id = Number(st(this.db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => values[c])).lastInsertRowid);
    const key: Row = KEYS[table].length === 1 && KEYS[table][0] === 'id' ? { id } : Object.fromEntries(KEYS[table].map((k) => [k, values[k]]));
    // Every insert here names all columns, so the after-image is the values themselves (no read-back:
    // a 30,000-row paste would otherwise double its statements).
    this.changes.push({ table, key, before: null, after: { ...values, ...key } });
    return id;
  }
  update(table: Table, key: Row, values: Row): void {
    const before = image(this.db, table, key);
    if (!before) throw new Refusal('not_found', '要修改的记录不存在（可能已被删除）');
    const cols = Object.keys(values);
    st(this.db, `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${whereKey(table)}`).run(...cols.map((c) => values[c]), ...keyValues(table, key));
    this.changes.push({ table, key, before, after: image(this.db, table, key) });
  }
  delete(table: Table, key: Row): void {
    const before = image(this.db, table, key);
    if (!before) return;
    st(this.db, `DELETE FROM ${table} WHERE ${whereKey(table)}`).run(...keyValues(table, key));
    this.changes.push({ table, key, before, after: null });
  }
}

/** Runs one undoable edit in one transaction and logs it. */
function edit<T>(db: BudgetDb, b: BudgetInfo, opLabel: string, fn: (rec: Recorder) => T): T {
  const rec = new Recorder(db);
  const out = tx(db, () => {
    const r = fn(rec);
    touch(db, b.id);
    return r;
  });
  if (rec.changes.length) {
    const s = stacks(db, b.id);
    s.undo.push({ label: opLabel, changes: rec.changes });
    if (s.undo.length > UNDO_LIMIT) s.undo.shift();
    s.redo = [];
  }
  return out;
}

/** inTransaction, with SQLite failures turned into Refusal (refusals pass through). */
function tx<T>(db: BudgetDb, fn: () => T): T {
  try {
    return inTransaction(db, fn);
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw toRefusal(e, '保存修改');
  }
}

function touch(db: BudgetDb, budgetId: number): void {
  st(db, `UPDATE budgets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(budgetId);
}

export interface UndoState { canUndo: boolean; canRedo: boolean; undoLabel: string | null; redoLabel: string | null }

export function undoState(db: BudgetDb, budgetId: number): UndoState {
  const s = logs.get(db)?.get(budgetId);
  const u = s?.undo[s.undo.length - 1];
  const r = s?.redo[s.redo.length - 1];
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

/** Undoes (or redoes) the budget's last edit in one transaction; returns its label. */
export function undoRedo(db: BudgetDb, b: BudgetInfo, dir: 'undo' | 'redo'): string {
  if (b.finalized) throw new Refusal('finalized', `${label(b)}的预算已定稿，不能${dir === 'undo' ? '撤销' : '重做'}修改；如需修改请先取消定稿`);
  const s = stacks(db, b.id);
  const from = dir === 'undo' ? s.undo : s.redo;
  const op = from[from.length - 1];
  if (!op) throw new Refusal('nothing_to_undo', dir === 'undo' ? '没有可撤销的操作' : '没有可重做的操作');
  try {
    tx(db, () => {
      const list = dir === 'undo' ? [...op.changes].reverse() : op.changes;
      for (const c of list) {
        const expect = dir === 'undo' ? c.after : c.before;
        const target = dir === 'undo' ? c.before : c.after;
        const current = image(db, c.table, c.key);
        if (!sameRow(current, expect)) throw new Refusal('conflict', `无法${dir === 'undo' ? '撤销' : '重做'}“${op.label}”：相关数据已被其他操作修改`);
        writeImage(db, c.table, c.key, current, target);
      }
      touch(db, b.id);
    });
  } catch (e) {
    // A stale entry can never apply later either; drop the history rather than leave a trap.
    if (e instanceof Refusal && e.code === 'conflict') forgetUndo(db, b.id);
    throw e;
  }
  from.pop();
  (dir === 'undo' ? s.redo : s.undo).push(op);
  return op.label;
}

// ----------------------------------------------------------------------------------------------- department, units

export function updateDepartmentName(db: BudgetDb, b: BudgetInfo, name: string): void {
  const nm = name.trim();
  if (nm === '') throw new Refusal('validation', '部门名称：不能为空', { field: 'name' });
  edit(db, b, '修改部门名称', (rec) => rec.update('departments', { id: b.deptId }, { name: nm }));
}

export interface UnitValues { code: string; name: string; nature: string; grade: string; funding: string }

export function listUnits(db: BudgetDb, budgetId: number): UnitValues[] {
  return (st(db, 'SELECT code, name, nature, grade, funding FROM units WHERE budget_id = ? ORDER BY seq').all(budgetId) as Row[])
    .map((r) => ({ code: str(r.code), name: str(r.name), nature: str(r.nature), grade: str(r.grade), funding: str(r.funding) }));
}

function unitRow(db: BudgetDb, budgetId: number, code: string): Row {
  const r = st(db, 'SELECT id, seq FROM units WHERE budget_id = ? AND code = ?').get(budgetId, code) as Row | undefined;
  if (!r) throw new Refusal('not_found', `预算单位 ${code} 不存在`, { field: 'code' });
  return r;
}

export function addUnit(db: BudgetDb, b: BudgetInfo, u: UnitValues): void {
  const units = listUnits(db, b.id);
  validatePart(db, b, 'units', [...units, u], units.length);
  edit(db, b, `添加预算单位 ${u.code}`, (rec) => {
    const seq = nextSeq(db, 'units', b.id);
    rec.insert('units', { budget_id: b.id, seq, code: u.code, name: u.name, nature: u.nature, grade: u.grade, funding: u.funding });
  });
}

/** Updates a unit; a new code is carried to its lines and projects by ON UPDATE CASCADE. */
export function updateUnit(db: BudgetDb, b: BudgetInfo, code: string, u: UnitValues): void {
  const units = listUnits(db, b.id);
  const i = units.findIndex((x) => x.code === code);
  if (i < 0) throw new Refusal('not_found', `预算单位 ${code} 不存在`, { field: 'code' });
  validatePart(db, b, 'units', units.map((x, j) => (j === i ? u : x)), i);
  const row = unitRow(db, b.id, code);
  edit(db, b, `修改预算单位 ${code}`, (rec) => rec.update('units', { id: row.id }, { code: u.code, name: u.name, nature: u.nature, grade: u.grade, funding: u.funding }));
}

export function deleteUnit(db: BudgetDb, b: BudgetInfo, code: string): void {
  const row = unitRow(db, b.id, code);
  const nLines = num((st(db, 'SELECT count(*) AS n FROM lines WHERE budget_id = ? AND unit_code = ?').get(b.id, code) as Row).n);
  const nProj = num((st(db, 'SELECT count(*) AS n FROM projects WHERE budget_id = ? AND unit_code = ?').get(b.id, code) as Row).n);
  if (nLines || nProj) {
    const what = [nLines ? `${nLines} 条明细` : '', nProj ? `${nProj} 个项目` : ''].filter(Boolean).join('和');
    throw new Refusal('conflict', `不能删除预算单位 ${code}：还有 ${what}属于该单位，请先删除或改到其他单位`, { field: 'code' });
  }
  edit(db, b, `删除预算单位 ${code}`, (rec) => rec.delete('units', { id: row.id }));
}

// ----------------------------------------------------------------------------------------------- lines

export interface LineValues {
  id: number; unit: string; function: string; economic: string; kind: string; source: string;
  carryover: boolean; amount: string; project: string | null; memo: string | null;
}

const LINE_SELECT = 'SELECT id, unit_code, function_code, economic_code, kind, source, carryover, amount_fen, project_code, memo FROM lines';

function lineValues(r: Row): LineValues {
  return {
    id: num(r.id), unit: str(r.unit_code), function: str(r.function_code), economic: str(r.economic_code), kind: str(r.kind), source: str(r.source),
    carryover: num(r.carryover) === 1, amount: formatYuan(fen(r.amount_fen)), project: strOrNull(r.project_code), memo: strOrNull(r.memo),
  };
}

export function listLines(db: BudgetDb, budgetId: number): LineValues[] {
  return (st(db, `${LINE_SELECT} WHERE budget_id = ? ORDER BY id`).all(budgetId) as Row[]).map(lineValues);
}

export function getLine(db: BudgetDb, budgetId: number, id: number): LineValues {
  const r = st(db, `${LINE_SELECT} WHERE budget_id = ? AND id = ?`).get(budgetId, id) as Row | undefined;
  if (!r) throw new Refusal('not_found', `第 ${id} 号明细不存在（可能已被删除）`, { field: 'id' });
  return lineValues(r);
}

/** A line as typed or pasted from Excel: strings; kind/source may be the Chinese names. */
export interface LineInputValues {
  unit?: string; function?: string; economic?: string; kind?: string; source?: string;
  carryover?: boolean; amount?: string; project?: string | null; memo?: string | null;
}

// The Chinese names come from core/model (one place); pasted sheets usually carry those.
const KIND_BY_NAME = new Map<string, LineKind>(LINE_KINDS.map((k) => [LINE_KIND_NAMES[k], k]));
const SOURCE_BY_NAME = new Map<string, Source>(SOURCES.map((s) => [SOURCE_NAMES[s], s]));

/** The raw line validateLine checks: trimmed codes, Chinese kind/source names mapped, blanks dropped. */
function rawLine(v: LineInputValues): Record<string, unknown> {
  const t = (s: string | undefined) => (s === undefined ? undefined : s.trim());
  const kind = t(v.kind);
  const source = t(v.source);
  const raw: Record<string, unknown> = {
    unit: t(v.unit), function: t(v.function), economic: t(v.economic),
    kind: kind && KIND_BY_NAME.has(kind) ? KIND_BY_NAME.get(kind) : kind,
    source: source && SOURCE_BY_NAME.has(source) ? SOURCE_BY_NAME.get(source) : source,
    carryover: v.carryover ?? false,
    amount: v.amount,
  };
  const project = t(v.project ?? undefined);
  if (project) raw.project = project;
  if (v.memo !== undefined && v.memo !== null && v.memo !== '') raw.memo = v.memo;
  return raw;
}

/** A validated line as the columns of its row (without budget_id): one mapping for add and update. */
function lineColumns(l: Line): Row {
  return {
    unit_code: l.unit, function_code: l.function, economic_code: l.economic, kind: l.kind, source: l.source,
    carryover: l.carryover ? 1 : 0, amount_fen: l.amount, project_code: l.project ?? null, memo: l.memo ?? null,
  };
}

function problemRows(row: number, problems: readonly LineProblem[]): RowError[] {
  return problems.map((p) => ({ row, ...(p.field ? { field: p.field } : {}), message: lineProblemText(p) }));
}

/** Adds lines all or nothing: one bad row → nothing stored, every bad row reported (row = index in `inputs`). */
export function addLines(db: BudgetDb, b: BudgetInfo, inputs: readonly LineInputValues[]): number[] {
  const ctx = { ...lineContextFor(db, b.id), allowSeparators: true };
  const rows: RowError[] = [];
  const values: Row[] = [];
  inputs.forEach((input, i) => {
    const r = validateLine(rawLine(input), ctx);
    if (!r.ok) {
      rows.push(...problemRows(i, r.problems));
      return;
    }
    values.push({ budget_id: b.id, ...lineColumns(r.line) });
  });
  if (rows.length) {
    const nBad = new Set(rows.map((r) => r.row)).size;
    // The rows carry each problem (the UI lists them under this line): one problem, one message.
    throw new Refusal('validation', `共 ${nBad} 行有误，未添加任何明细`, { rows });
  }
  return edit(db, b, inputs.length === 1 ? '添加明细' : `添加 ${inputs.length} 条明细`, (rec) => values.map((v) => rec.insert('lines', v)));
}

/** Changes fields of one line. Changing kind away from 项目支出 clears the project by itself. */
export function updateLine(db: BudgetDb, b: BudgetInfo, id: number, changes: LineInputValues): LineValues {
  const cur = getLine(db, b.id, id);
  const merged: LineInputValues = { ...cur, ...changes };
  const newKind = rawLine(merged).kind;
  if (newKind !== 'project' && changes.project === undefined) merged.project = null;
  const r = validateLine(rawLine(merged), { ...lineContextFor(db, b.id), allowSeparators: true });
  if (!r.ok) {
    // Name the field the clerk touched first when it is among the problems.
    const touched = r.problems.find((p) => p.field && p.field in changes) ?? r.problems[0]!;
    throw new Refusal('validation', formatLineProblems([touched, ...r.problems.filter((p) => p !== touched)]), { field: touched.field ?? undefined, rows: problemRows(0, r.problems) });
  }
  const fields = Object.keys(changes) as LineField[];
  const what = fields.length === 1 ? LINE_FIELD_LABELS[fields[0]!] : '明细';
  edit(db, b, `修改${what}`, (rec) => rec.update('lines', { id }, lineColumns(r.line)));
  return getLine(db, b.id, id);
}

export function deleteLines(db: BudgetDb, b: BudgetInfo, ids: readonly number[]): number {
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !st(db, 'SELECT 1 FROM lines WHERE budget_id = ? AND id = ?').get(b.id, id));
  if (missing.length) throw new Refusal('not_found', `以下明细不存在（可能已被删除）：${missing.slice(0, 10).join('、')}${missing.length > 10 ? '……' : ''}`, { field: 'ids' });
  edit(db, b, unique.length === 1 ? '删除明细' : `删除 ${unique.length} 条明细`, (rec) => {
    for (const id of unique) rec.delete('lines', { id });
  });
  return unique.length;
}

// ----------------------------------------------------------------------------------------------- totals

export interface TotalsFen { total: Fen; basic: Fen; project: Fen; personnel: Fen; publicExpense: Fen; other: Fen; fiscal: Fen; lineCount: number }

/** 总计/基本/项目/人员经费/公用经费, exact, from the (kind, source, economic) aggregate that triggers keep
 *  (migration 005): a few hundred rows whatever the budget's size, so an edit's cost does not grow with it. */
export function budgetTotals(db: BudgetDb, budgetId: number): TotalsFen {
  const rows = st(db, 'SELECT kind, source, economic_code, amount_fen AS s, n FROM line_totals WHERE budget_id = ? AND n > 0').all(budgetId) as Row[];
  const t: TotalsFen = { total: 0n, basic: 0n, project: 0n, personnel: 0n, publicExpense: 0n, other: 0n, fiscal: 0n, lineCount: 0 };
  for (const r of rows) {
    const s = fen(r.s);
    t.total += s;
    t.lineCount += num(r.n);
    if ((FISCAL_SOURCES as readonly string[]).includes(str(r.source))) t.fiscal += s;
    if (r.kind === 'basic') {
      t.basic += s;
      if (isPersonnel(str(r.economic_code))) t.personnel += s; else t.publicExpense += s;
    } else if (r.kind === 'project') t.project += s;
    else t.other += s;
  }
  return t;
}

// ----------------------------------------------------------------------------------------------- projects

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
  for (const g of st(db, 'SELECT seq FROM project_goals WHERE project_id = ? ORDER BY seq').all(pid) as Row[]) rec.delete('project_goals', { project_id: pid, seq: g.seq });
  for (const i of st(db, 'SELECT id FROM indicators WHERE project_id = ? ORDER BY seq').all(pid) as Row[]) rec.delete('indicators', { id: i.id });
  p.goals.forEach((text, seq) => rec.insert('project_goals', { project_id: pid, seq, text }));
  p.indicators.forEach((x, seq) => rec.insert('indicators', { project_id: pid, seq, level1: x.level1, level2: x.level2, name: x.name, description: x.description, op: x.op, value: x.value, unit: x.unit, basis: x.basis }));
}

function projectColumns(p: ProjectValues): Row {
  return { code: p.code, name: p.name, unit_code: p.unit, purpose: p.purpose, plan_mar: p.spendingPlan.mar, plan_jun: p.spendingPlan.jun, plan_oct: p.spendingPlan.oct, plan_dec: p.spendingPlan.dec };
}

export function addProject(db: BudgetDb, b: BudgetInfo, p: ProjectValues): void {
  const list = listProjects(db, b.id);
  validatePart(db, b, 'projects', [...list, p], list.length);
  edit(db, b, `添加项目 ${p.code}`, (rec) => {
    const seq = nextSeq(db, 'projects', b.id);
    const pid = rec.insert('projects', { budget_id: b.id, seq, ...projectColumns(p) });
    writeProjectChildren(db, rec, pid, p);
  });
}

/** Replaces a project with its goals and indicators; a new code follows to lines/procurement (ON UPDATE CASCADE).
 *  `opLabel` names the edit for undo (default 修改项目 <code>). */
export function updateProject(db: BudgetDb, b: BudgetInfo, code: string, p: ProjectValues, opLabel = `修改项目 ${code}`): void {
  const list = listProjects(db, b.id);
  const i = list.findIndex((x) => x.code === code);
  if (i < 0) throw new Refusal('not_found', `项目 ${code} 不存在`, { field: 'code' });
  validatePart(db, b, 'projects', list.map((x, j) => (j === i ? p : x)), i);
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
  if (nLines || nProc) {
    const what = [nLines ? `${nLines} 条明细` : '', nProc ? `${nProc} 条政府采购` : ''].filter(Boolean).join('和');
    throw new Refusal('conflict', `不能删除项目 ${code}：还有 ${what}属于该项目，请先删除或改到其他项目`, { field: 'code' });
  }
  edit(db, b, `删除项目 ${code}`, (rec) => {
    // Children first, so undo (reverse order) puts the project back before them.
    writeProjectChildren(db, rec, pid, { code, name: '', unit: '', purpose: '', spendingPlan: { mar: null, jun: null, oct: null, dec: null }, goals: [], indicators: [] });
    rec.delete('projects', { id: pid });
  });
}

// ----------------------------------------------------------------------------------------------- procurement, assets

export interface ProcurementValues {
  project: string; item: string; catalog: string; measure: string; quantity: string; unitPrice: string | null;
  source: string; carryover: boolean; amount: string; sme: string | null;
}
export interface ProcurementRowValues extends ProcurementValues { id: number }

export function listProcurement(db: BudgetDb, budgetId: number): ProcurementRowValues[] {
  return (st(db, 'SELECT * FROM procurement WHERE budget_id = ? ORDER BY seq, id').all(budgetId) as Row[]).map((r) => ({
    id: num(r.id), project: str(r.project_code), item: str(r.item), catalog: str(r.catalog), measure: str(r.measure), quantity: str(r.quantity),
    unitPrice: r.unit_price_fen === null ? null : formatYuan(fen(r.unit_price_fen)), source: str(r.source), carryover: num(r.carryover) === 1,
    amount: formatYuan(fen(r.amount_fen)), sme: r.sme_fen === null ? null : formatYuan(fen(r.sme_fen)),
  }));
}

const stripId = <T extends { id: number }>(r: T): Omit<T, 'id'> => {
  const { id: _id, ...rest } = r;
  return rest;
};

/** Procurement/asset rows reach validation in file form; blank optional amounts become null. */
function procurementJson(p: ProcurementValues): Record<string, unknown> {
  return { ...p, unitPrice: p.unitPrice === '' ? null : p.unitPrice, sme: p.sme === '' ? null : p.sme };
}

function procurementColumns(db: BudgetDb, b: BudgetInfo, list: Record<string, unknown>[], index: number): Row {
  const parsed = validatePart(db, b, 'procurement', list, index);
  const r = parsed.procurement[index]!;
  return {
    project_code: r.project === '' ? null : r.project, item: r.item, catalog: r.catalog, measure: r.measure, quantity: r.quantity,
    unit_price_fen: r.unitPrice, source: r.source, carryover: r.carryover ? 1 : 0, amount_fen: r.amount, sme_fen: r.sme,
  };
}

export function addProcurement(db: BudgetDb, b: BudgetInfo, p: ProcurementValues): number {
  const list = listProcurement(db, b.id).map((r) => procurementJson(stripId(r)));
  const cols = procurementColumns(db, b, [...list, procurementJson(p)], list.length);
  return edit(db, b, '添加政府采购', (rec) => {
    const seq = nextSeq(db, 'procurement', b.id);
    return rec.insert('procurement', { budget_id: b.id, seq, ...cols });
  });
}

export function updateProcurement(db: BudgetDb, b: BudgetInfo, id: number, p: ProcurementValues): void {
  const rows = listProcurement(db, b.id);
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) throw new Refusal('not_found', `第 ${id} 号政府采购记录不存在`, { field: 'id' });
  const cols = procurementColumns(db, b, rows.map((r, j) => procurementJson(j === i ? p : stripId(r))), i);
  edit(db, b, '修改政府采购', (rec) => rec.update('procurement', { id }, cols));
}

export function deleteProcurement(db: BudgetDb, b: BudgetInfo, id: number): void {
  if (!st(db, 'SELECT 1 FROM procurement WHERE budget_id = ? AND id = ?').get(b.id, id)) throw new Refusal('not_found', `第 ${id} 号政府采购记录不存在`, { field: 'id' });
  edit(db, b, '删除政府采购', (rec) => rec.delete('procurement', { id }));
}

export interface AssetValues { item: string; quantity: string; value: string }
export interface AssetRowValues extends AssetValues { id: number }

export function listAssets(db: BudgetDb, budgetId: number): { asOf: string | null; rows: AssetRowValues[] } {
  const asOf = strOrNull((st(db, 'SELECT assets_as_of FROM budgets WHERE id = ?').get(budgetId) as Row | undefined)?.assets_as_of);
  const rows = (st(db, 'SELECT id, item, quantity, value_fen FROM assets WHERE budget_id = ? ORDER BY seq, id').all(budgetId) as Row[])
    .map((r) => ({ id: num(r.id), item: str(r.item), quantity: str(r.quantity), value: formatYuan(fen(r.value_fen)) }));
  return { asOf, rows };
}

function assetColumns(db: BudgetDb, b: BudgetInfo, list: AssetValues[], index: number): Row {
  const a = validatePart(db, b, 'assets', list, index).assets[index]!;
  return { item: a.item, quantity: a.quantity, value_fen: a.value };
}

export function addAsset(db: BudgetDb, b: BudgetInfo, a: AssetValues): number {
  const list = listAssets(db, b.id).rows.map(stripId);
  const cols = assetColumns(db, b, [...list, a], list.length);
  return edit(db, b, '添加固定资产', (rec) => {
    const seq = nextSeq(db, 'assets', b.id);
    return rec.insert('assets', { budget_id: b.id, seq, ...cols });
  });
}

export function updateAsset(db: BudgetDb, b: BudgetInfo, id: number, a: AssetValues): void {
  const rows = listAssets(db, b.id).rows;
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) throw new Refusal('not_found', `第 ${id} 号固定资产记录不存在`, { field: 'id' });
  const cols = assetColumns(db, b, rows.map((r, j) => (j === i ? a : stripId(r))), i);
  edit(db, b, '修改固定资产', (rec) => rec.update('assets', { id }, cols));
}

export function deleteAsset(db: BudgetDb, b: BudgetInfo, id: number): void {
  if (!st(db, 'SELECT 1 FROM assets WHERE budget_id = ? AND id = ?').get(b.id, id)) throw new Refusal('not_found', `第 ${id} 号固定资产记录不存在`, { field: 'id' });
  edit(db, b, '删除固定资产', (rec) => rec.delete('assets', { id }));
}

export function setAssetsAsOf(db: BudgetDb, b: BudgetInfo, asOf: string | null): void {
  const v = asOf === null || asOf.trim() === '' ? null : asOf.trim();
  validatePart(db, b, 'assetsAsOf', v, -1);
  edit(db, b, '修改资产统计日期', (rec) => rec.update('budgets', { id: b.id }, { assets_as_of: v }));
}

// ----------------------------------------------------------------------------------------------- narrative

export function getNarrative(db: BudgetDb, budgetId: number): Record<string, unknown> {
  const json = (st(db, 'SELECT json FROM narrative WHERE budget_id = ?').get(budgetId) as Row | undefined)?.json;
  return { ...emptyNarrative(), ...(json ? (JSON.parse(str(json)) as Record<string, unknown>) : {}) };
}

export function setNarrative(db: BudgetDb, b: BudgetInfo, narrative: Record<string, unknown>): void {
  const n = validatePart(db, b, 'narrative', narrative, -1).narrative;
  const json = JSON.stringify(n);
  edit(db, b, '修改情况说明', (rec) => {
    if (st(db, 'SELECT 1 FROM narrative WHERE budget_id = ?').get(b.id)) rec.update('narrative', { budget_id: b.id }, { json });
    else rec.insert('narrative', { budget_id: b.id, json });
  });
}

// ----------------------------------------------------------------------------------------------- shared validation

type Part = 'units' | 'projects' | 'procurement' | 'assets' | 'narrative' | 'assetsAsOf';
const PART_ITEM: Record<string, RegExp> = {
  units: /^第 [\d、]+ 个预算单位的?/, projects: /^第 [\d、]+ 个项目的?/, procurement: /^第 \d+ 条政府采购的?/, assets: /^第 \d+ 条固定资产的?/,
};

/** "第 2 个项目的项目名称（projects[1].name）" → "项目名称": the UI edits one item, so its ordinal is noise. */
function uiPlace(part: Part, p: Problem): string {
  let place = p.place.replace(/（[^（）]*）$/, '');
  const re = PART_ITEM[part];
  if (re) place = place.replace(re, '');
  return place;
}

// Parts are checked without lines, so the year's catalogs play no role; empty ones keep the year check quiet.
const noCatalogs = (year: number) => ({ year, function: new Catalog('function', []), economic: new Catalog('economic', []) });
const PLACEHOLDER_UNIT = { code: '__budgetdesk_placeholder_unit__', name: '-' };

/**
 * Checks one part of the budget with the budget-file parser (the import's rules, one place): the budget
 * as stored, with `value` put in for `part`, and no lines (line rules are validateLine's). Only problems
 * of `part` are reported. Returns the parsed budget so callers take exact amounts from it.
 */
function validatePart(db: BudgetDb, b: BudgetInfo, part: Part, value: unknown, index: number): Budget {
  // Only what the part refers to: units (projects, procurement), projects (procurement). Lines are left out
  // (line rules are validateLine's), so the year's catalogs play no role.
  const doc: Record<string, unknown> = {
    format: BUDGET_FILE_FORMAT, year: b.year, department: { code: b.deptCode, name: b.deptName || '-' }, lines: [],
    units: listUnits(db, b.id),
  };
  if (part === 'procurement') doc.projects = listProjects(db, b.id);
  doc[part] = value;
  // A new budget has no units yet; the file format requires one, which is not this edit's concern.
  if (part !== 'units' && Array.isArray(doc.units) && doc.units.length === 0) doc.units = [PLACEHOLDER_UNIT];
  const r = parseBudgetValue(doc, noCatalogs);
  if (r.ok) return r.budget;
  const mine = r.problems.filter((p) => p.path === part || p.path.startsWith(`${part}[`) || p.path.startsWith(`${part}.`));
  // Problems of the edited item first, else the rest of the part (e.g. a duplicate reported on the other row).
  const own = index >= 0 ? mine.filter((p) => p.path.startsWith(`${part}[${index}]`)) : mine;
  const list = own.length ? own : mine;
  // Nothing in `part`: the stored budget itself no longer passes the rules; refuse with the parser's words.
  if (!list.length) throw new Refusal('validation', r.message);
  const first = list[0]!;
  const fieldPath = first.path.slice(part.length).replace(/^\[\d+\]\.?/, '').replace(/^\./, '');
  const msg = list.slice(0, 5).map((p) => {
    const place = uiPlace(part, p);
    // “单位编码 901001 重复” already names the field; the ordinals of a file (第 1、4 个) mean nothing in the UI.
    return place && !p.reason.startsWith(place) ? `${place}：${p.reason}` : p.reason;
  }).join('；');
  throw new Refusal('validation', msg, { field: fieldPath || undefined });
}
