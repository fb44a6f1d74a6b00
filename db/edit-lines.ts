// 预算明细: reads, undoable writes (validated by core/validate-line.ts, as the import is) and the totals.
import { lineToJson } from '../core/budget-file';
import { LINE_KIND_NAMES, LINE_KINDS, SOURCE_NAMES, SOURCES, type Line, type LineKind, type Source } from '../core/model';
import { LINE_FIELD_LABELS, formatLineProblems, lineProblemText, validateLine, type LineField, type LineProblem } from '../core/validate-line';
import { LINE_SELECT, lineContextFor, lineOfRow } from './budgets';
import { Refusal, type RowError } from './errors';
import type { BudgetDb } from './open';
import { carryTotals, validTotals } from './budget-totals';
import { st, type Row } from './edit-rows';
import type { BudgetInfo } from './budget-info';
import { edit } from './undo';
import { bulkWrite, type BackupWriter } from './bulk-write';

/** A stored line: the model's line (amount in 分) with its id; the API writes the 元. */
export type LineValues = Line & { id: number };

/** The rows of a LINE_SELECT query (db/budgets.ts): arrays in its column order (a row object per line measured
 *  a third slower over 300,000 lines), integers exact. */
function lineRows(db: BudgetDb, where: string, ...params: unknown[]): unknown[][] {
  return db.stmt(`SELECT ${LINE_SELECT} FROM lines ${where}`, { raw: true, exact: true }).all(...params) as unknown[][];
}

/** A stored line of a LINE_SELECT row, with its id. */
const lineValues = (r: unknown[]): LineValues => lineOfRow(r) as LineValues;

export function listLines(db: BudgetDb, budgetId: number): LineValues[] {
  return lineRows(db, 'WHERE budget_id = ? ORDER BY id', budgetId).map(lineValues);
}

/** Up to `limit` lines after line `after` (exclusive; 0: from the first), in id order: keyset paging, so a
 *  page costs the same wherever it starts (the lines_budget index is (budget_id, rowid)). */
export function listLinesAfter(db: BudgetDb, budgetId: number, after: number, limit: number): LineValues[] {
  return lineRows(db, 'WHERE budget_id = ? AND id > ? ORDER BY id LIMIT ?', budgetId, after, limit).map(lineValues);
}

/** How many lines the budget has: the count the triggers keep in line_totals (what 明细行数 shows), so
 *  asking costs a few hundred rows whatever the budget's size. */
export function lineCount(db: BudgetDb, budgetId: number): number {
  return Number(db.stmt('SELECT coalesce(sum(n), 0) FROM line_totals WHERE budget_id = ?', { pluck: true }).get(budgetId));
}

export function getLine(db: BudgetDb, budgetId: number, id: number): LineValues {
  const [r] = lineRows(db, 'WHERE budget_id = ? AND id = ?', budgetId, id);
  if (!r) throw new Refusal('not_found', `第 ${id} 号明细不存在（可能已被删除）`, { field: 'id' });
  return lineValues(r);
}

/** A line as typed or pasted from Excel: strings; kind/source may be the Chinese names. */
export interface LineInputValues {
  unit?: string;
  function?: string;
  economic?: string;
  kind?: string;
  source?: string;
  carryover?: boolean;
  amount?: string;
  project?: string | null;
  memo?: string | null;
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
    unit: t(v.unit),
    function: t(v.function),
    economic: t(v.economic),
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
    unit_code: l.unit,
    function_code: l.function,
    economic_code: l.economic,
    kind: l.kind,
    source: l.source,
    carryover: l.carryover ? 1 : 0,
    amount_fen: l.amount,
    project_code: l.project ?? null,
    memo: l.memo ?? null,
  };
}

function problemRows(row: number, problems: readonly LineProblem[]): RowError[] {
  return problems.map((p) => ({ row, ...(p.field ? { field: p.field } : {}), message: lineProblemText(p) }));
}

/** Adds lines all or nothing: one bad row → nothing stored, every bad row reported (row = index in `inputs`). */
export function addLines(db: BudgetDb, b: BudgetInfo, inputs: readonly LineInputValues[]): number[] {
  const values = newLineRows(db, b, inputs);
  return edit(db, b, addLabel(inputs), (rec) => values.map((v) => rec.insert('lines', v)));
}

/** 添加/粘贴 from the UI: addLines as a bulk write (db/bulk-write.ts) — one undo step, or a backup (粘贴前) first
 *  when more lines than the undo log holds. */
export async function pasteLines(db: BudgetDb, b: BudgetInfo, inputs: readonly LineInputValues[], backup?: BackupWriter): Promise<number[]> {
  const values = newLineRows(db, b, inputs);
  const op = { label: addLabel(inputs), rows: values.length, reason: 'before-paste' as const, backup, record: 'recorder' as const };
  return (await bulkWrite(db, { deptCode: b.deptCode, year: b.year }, op, (rec) => values.map((v) => rec.insert('lines', v)))).value;
}

const addLabel = (inputs: readonly unknown[]) => (inputs.length === 1 ? '添加明细' : `添加 ${inputs.length} 条明细`);

/** The validated rows of new lines, or a refusal listing every bad row. */
function newLineRows(db: BudgetDb, b: BudgetInfo, inputs: readonly LineInputValues[]): Row[] {
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
  return values;
}

/** Changes fields of one line. Changing kind away from 项目支出 clears the project by itself. */
export function updateLine(db: BudgetDb, b: BudgetInfo, id: number, changes: LineInputValues): LineValues {
  const cur = getLine(db, b.id, id);
  // The stored line in the budget file's form, so that validateLine checks it as it checks an import.
  const merged: LineInputValues = { ...(lineToJson(cur) as LineInputValues), ...changes };
  const newKind = rawLine(merged).kind;
  if (newKind !== 'project' && changes.project === undefined) merged.project = null;
  const r = validateLine(rawLine(merged), { ...lineContextFor(db, b.id), allowSeparators: true });
  if (!r.ok) {
    // Name the field the clerk touched first when it is among the problems.
    const touched = r.problems.find((p) => p.field && p.field in changes) ?? r.problems[0]!;
    throw new Refusal('validation', formatLineProblems([touched, ...r.problems.filter((p) => p !== touched)]), {
      field: touched.field ?? undefined,
      rows: problemRows(0, r.problems),
    });
  }
  const fields = Object.keys(changes) as LineField[];
  const what = fields.length === 1 ? LINE_FIELD_LABELS[fields[0]!] : '明细';
  const totals = validTotals(db, b.id); // before the write: still true of the lines but this one
  edit(db, b, `修改${what}`, (rec) => rec.update('lines', { id }, lineColumns(r.line)));
  if (totals) carryTotals(db, b.id, totals, cur, r.line);
  return getLine(db, b.id, id);
}

export function deleteLines(db: BudgetDb, b: BudgetInfo, ids: readonly number[]): number {
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !st(db, 'SELECT 1 FROM lines WHERE budget_id = ? AND id = ?').get(b.id, id));
  if (missing.length)
    throw new Refusal('not_found', `以下明细不存在（可能已被删除）：${missing.slice(0, 10).join('、')}${missing.length > 10 ? '……' : ''}`, { field: 'ids' });
  edit(db, b, unique.length === 1 ? '删除明细' : `删除 ${unique.length} 条明细`, (rec) => {
    for (const id of unique) rec.delete('lines', { id });
  });
  return unique.length;
}
