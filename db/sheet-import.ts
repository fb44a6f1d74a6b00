// Storing a line-item sheet (导入明细表) in a department-year: all or nothing, as a bulk write (db/bulk-write.ts) —
// ONE transaction and ONE undo step, or a backup first when too large to undo.
// The rows were read by core/sheets; here they are checked against the budget (its units, projects,
// the year's catalogs) with the shared line rules, and written with the existing writers: addUnit /
// addProject (db/edits.ts), addFileCodes (db/catalogs.ts), insertLines (db/budgets.ts).
import { resolveRows, type ResolvedSheet, type SheetContext, type SheetReading } from '../core/sheets';
import { insertLines } from './budgets';
import { addFileCodes, getCatalogs } from './catalogs';
import { bulkWrite, type BackupWriter } from './bulk-write';
import { addProject, addUnit, listUnits, writableBudget, type BudgetInfo } from './edits';
import type { Row } from './edit-rows';
import { toRefusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import type { ColumnChoices } from '../core/sheets/header';
import { isSheetField } from '../core/sheets/fields';

export type OkReading = Extract<SheetReading, { ok: true }>;

export interface SheetImportOptions {
  dept: string;
  year: number;
  replace?: boolean;
  dryRun?: boolean;
  /** Add the lines even when the budget already holds every one of them (a sheet imported twice). */
  append?: boolean;
}

export interface SheetImportResult {
  budget: BudgetInfo;
  resolved: ResolvedSheet;
  /** false: a dry run, or refused because of problems (then nothing was written). */
  written: boolean;
  /** Lines the budget held before a replacing import (removed). */
  replacedLines: number;
  /** Every line of the sheet is already in the budget (the same rows): appending needs `append`. */
  alreadyIn: boolean;
  /** Where the backup went before an import too large to undo (db/bulk-write.ts); null: none was written. */
  backup: string | null;
}

export function sheetContext(db: BudgetDb, b: BudgetInfo): SheetContext {
  return {
    year: b.year,
    deptName: b.deptName,
    catalogs: getCatalogs(db, b.year),
    units: listUnits(db, b.id).map((u) => ({ code: u.code, name: u.name })),
    // Codes, names and units only (listProjects reads every project's goals and indicators too), in its order.
    projects: (
      db.stmt('SELECT code, name, unit_code FROM projects WHERE budget_id = ? ORDER BY seq, id').all(b.id) as {
        code: string;
        name: string;
        unit_code: string;
      }[]
    ).map((p) => ({ code: p.code, name: p.name, unit: p.unit_code })),
  };
}

type KeyedLine = {
  unit: string;
  function: string;
  economic: string;
  kind: string;
  source: string;
  carryover: boolean | number;
  amount: bigint;
  project?: string | null;
};
const lineKey = (l: KeyedLine) => `${l.unit}|${l.function}|${l.economic}|${l.kind}|${l.source}|${l.carryover ? 1 : 0}|${l.amount}|${l.project ?? ''}`;

/** Whether the budget already holds every line of the sheet, row for row (a multiset: twice in the sheet needs twice). */
function allAlreadyIn(db: BudgetDb, budgetId: number, lines: ResolvedSheet['lines']): boolean {
  if (!lines.length) return false;
  const have = new Map<string, number>();
  const rows = db
    .stmt('SELECT unit_code, function_code, economic_code, kind, source, carryover, amount_fen, project_code FROM lines WHERE budget_id = ?')
    .raw()
    .all(budgetId) as unknown[][];
  if (rows.length < lines.length) return false;
  for (const r of rows) {
    const [unit, fn, economic, kind, source, carryover, amount, project] = r as [string, string, string, string, string, number, number, string | null];
    const k = lineKey({ unit, function: fn, economic, kind, source, carryover, amount: BigInt(amount), project });
    have.set(k, (have.get(k) ?? 0) + 1);
  }
  for (const l of lines) {
    const k = lineKey(l);
    const n = have.get(k) ?? 0;
    if (!n) return false;
    have.set(k, n - 1);
  }
  return true;
}

/** The refusal of a sheet whose lines are all in the budget already. */
export const alreadyInMessage = (r: SheetImportResult, how: { replace: string; append: string }): string =>
  `明细表的 ${r.resolved.lines.length} 条明细已全部在部门 ${r.budget.deptCode} ${r.budget.deptName} ${r.budget.year} 年预算中（可能已导入过），未导入；` +
  `如需用表中明细替换原有明细，请${how.replace}；确需再追加一份，请${how.append}`;

/** Checks every row against the budget; writes nothing. */
export function planLineSheet(db: BudgetDb, reading: OkReading, opts: SheetImportOptions): SheetImportResult {
  const b = writableBudget(db, opts.dept, opts.year);
  const resolved = resolveRows(reading.rows, reading.header, sheetContext(db, b));
  resolved.problems.unshift(...reading.problems);
  const replacedLines = opts.replace ? Number(db.stmt('SELECT count(*) FROM lines WHERE budget_id = ?', { pluck: true }).get(b.id)) : 0;
  if (!resolved.problems.length && !resolved.lines.length) resolved.problems.push({ row: null, column: null, message: '表中没有任何明细行' });
  const alreadyIn = !opts.replace && !resolved.problems.length && allAlreadyIn(db, b.id, resolved.lines);
  return { budget: b, resolved, written: false, replacedLines, alreadyIn, backup: null };
}

/**
 * Writes a planned import at once as a bulk write (db/bulk-write.ts, reason 'before-sheet'): units, projects,
 * codes and lines in one transaction, ONE undo step (导入明细表) — or, above BULK_UNDO_ROWS rows written and
 * replaced, after a backup through `backup`, not kept for undo.
 * Refused (nothing written) while problems remain, or when every line is already in and `append` is not set.
 */
export async function writeLineSheet(db: BudgetDb, plan: SheetImportResult, opts: SheetImportOptions, backup?: BackupWriter): Promise<SheetImportResult> {
  const { budget: b, resolved } = plan;
  if (resolved.problems.length || opts.dryRun || (plan.alreadyIn && !opts.append)) return plan;
  const rows = resolved.newUnits.length + resolved.newProjects.length + resolved.lines.length + plan.replacedLines;
  const op = { label: `导入明细表 ${resolved.lines.length} 条`, rows, reason: 'before-sheet' as const, backup, record: 'recorder' as const };
  try {
    const done = await bulkWrite(db, { deptCode: b.deptCode, year: b.year }, op, (rec) => {
      for (const u of resolved.newUnits) addUnit(db, b, { code: u.code, name: u.name, nature: '', grade: '', funding: '' }, rec);
      for (const p of resolved.newProjects) {
        addProject(
          db,
          b,
          { code: p.code, name: p.name, unit: p.unit, purpose: '', spendingPlan: { mar: null, jun: null, oct: null, dec: null }, goals: [], indicators: [] },
          rec,
        );
      }
      addFileCodes(db, b.year, resolved.addedCodes);
      if (opts.replace) {
        rec.deleted('lines', () => db.stmt('SELECT * FROM lines WHERE budget_id = ?').all(b.id) as Row[]);
        db.stmt('DELETE FROM lines WHERE budget_id = ?').run(b.id);
      }
      const lastId = Number(db.stmt('SELECT coalesce(max(id), 0) FROM lines', { pluck: true }).get());
      insertLines(db, b.id, resolved.lines);
      rec.inserted('lines', () => db.stmt('SELECT * FROM lines WHERE budget_id = ? AND id > ? ORDER BY id').all(b.id, lastId) as Row[]);
    });
    return { ...plan, written: true, backup: done.backup };
  } catch (e) {
    throw toRefusal(e, '导入明细表');
  }
}

/** Checks every row and, unless a dry run or any problem, writes units, projects, codes and lines at once. */
export async function importLineSheet(db: BudgetDb, reading: OkReading, opts: SheetImportOptions, backup?: BackupWriter): Promise<SheetImportResult> {
  return writeLineSheet(db, planLineSheet(db, reading, opts), opts, backup);
}

// ----------------------------------------------------------------------------- remembered column choices

const CHOICES_KEY = 'sheet-columns:';

/** The clerk's column choices for sheets with this header signature, or {}. */
export function rememberedChoices(db: BudgetDb, signature: string): ColumnChoices {
  const raw = db.stmt('SELECT value FROM settings WHERE key = ?', { pluck: true }).get(CHOICES_KEY + signature) as string | undefined;
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const out: ColumnChoices = {};
    for (const [k, v] of Object.entries(parsed)) if (/^\d+$/.test(k) && (v === null || isSheetField(v))) out[Number(k)] = v;
    return out;
  } catch {
    return {};
  }
}

export function rememberChoices(db: BudgetDb, signature: string, choices: ColumnChoices): void {
  inTransaction(db, () => {
    if (!Object.keys(choices).length) db.stmt('DELETE FROM settings WHERE key = ?').run(CHOICES_KEY + signature);
    else
      db.stmt('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        CHOICES_KEY + signature,
        JSON.stringify(choices),
      );
  });
}
