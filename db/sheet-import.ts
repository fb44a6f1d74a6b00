// Storing a line-item sheet (导入明细表) in a department-year: all or nothing, in ONE transaction.
// The rows were read by core/sheets; here they are checked against the budget (its units, projects,
// the year's catalogs) with the shared line rules, and written with the existing writers: addUnit /
// addProject (db/edits.ts), addFileCodes (db/catalogs.ts), insertLines (db/budgets.ts).
import { resolveRows, type ResolvedSheet, type SheetContext, type SheetReading } from '../core/sheets';
import { insertLines } from './budgets';
import { addFileCodes, getCatalogs } from './catalogs';
import { addProject, addUnit, forgetUndo, listProjects, listUnits, writableBudget, type BudgetInfo } from './edits';
import { toRefusal } from './errors';
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';
import type { ColumnChoices } from '../core/sheets/header';
import { isSheetField } from '../core/sheets/fields';

export type OkReading = Extract<SheetReading, { ok: true }>;

export interface SheetImportOptions { dept: string; year: number; replace?: boolean; dryRun?: boolean }

export interface SheetImportResult {
  budget: BudgetInfo;
  resolved: ResolvedSheet;
  /** false: a dry run, or refused because of problems (then nothing was written). */
  written: boolean;
  /** Lines the budget held before a replacing import (removed). */
  replacedLines: number;
}

export function sheetContext(db: BudgetDb, b: BudgetInfo): SheetContext {
  return {
    year: b.year, catalogs: getCatalogs(db, b.year),
    units: listUnits(db, b.id).map((u) => ({ code: u.code, name: u.name })),
    projects: listProjects(db, b.id).map((p) => ({ code: p.code, name: p.name, unit: p.unit })),
  };
}

/** Checks every row and, unless a dry run or any problem, writes units, projects, codes and lines at once. */
export function importLineSheet(db: BudgetDb, reading: OkReading, opts: SheetImportOptions): SheetImportResult {
  const b = writableBudget(db, opts.dept, opts.year);
  const resolved = resolveRows(reading.rows, reading.header, sheetContext(db, b));
  resolved.problems.unshift(...reading.problems);
  const replacedLines = opts.replace ? Number(db.stmt('SELECT count(*) FROM lines WHERE budget_id = ?', { pluck: true }).get(b.id)) : 0;
  if (resolved.problems.length || opts.dryRun) return { budget: b, resolved, written: false, replacedLines };
  if (!resolved.lines.length) {
    resolved.problems.push({ row: null, column: null, message: '表中没有任何明细行' });
    return { budget: b, resolved, written: false, replacedLines };
  }
  try {
    inTransaction(db, () => {
      for (const u of resolved.newUnits) addUnit(db, b, { code: u.code, name: u.name, nature: '', grade: '', funding: '' });
      for (const p of resolved.newProjects) {
        addProject(db, b, { code: p.code, name: p.name, unit: p.unit, purpose: '', spendingPlan: { mar: null, jun: null, oct: null, dec: null }, goals: [], indicators: [] });
      }
      addFileCodes(db, b.year, resolved.addedCodes);
      if (opts.replace) db.stmt('DELETE FROM lines WHERE budget_id = ?').run(b.id);
      insertLines(db, b.id, resolved.lines);
      db.stmt(`UPDATE budgets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?`).run(b.id);
    });
  } catch (e) {
    throw toRefusal(e, '导入明细表');
  } finally {
    // An import is not undoable edit by edit (like a budget-file import); the units/projects writers logged theirs.
    forgetUndo(db, b.id);
  }
  return { budget: b, resolved, written: true, replacedLines };
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
    else db.stmt('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CHOICES_KEY + signature, JSON.stringify(choices));
  });
}
