// Importing a budget file into the database: parse + validate against the database's catalogs of
// the file's year, then save in one transaction. Shared by the CLI and the app's import handler.
import { decodeBudgetFile, parseBudgetFile, type ParseBudgetResult, type Problem } from '../core/budget-file';
import { narrativeText } from '../core/merge';
import type { Budget } from '../core/model';
import { findBudgetId, loadBudgetById, saveBudget } from './budgets';
import { assertWritable } from './budget-info';
import { budgetRowCount, bulkWrite, documentRowCount, type BackupWriter } from './bulk-write';
import { getCatalogs } from './catalogs';
import type { BudgetDb } from './open';

export type ImportResult =
  | { ok: true; budgetId: number; replaced: boolean; budget: Budget; warnings: string[]; backup: string | null; undoable: boolean }
  | { ok: false; message: string; problems: Problem[] };

/**
 * Imports a budget file's text (or raw bytes, which must be UTF-8). A refused file changes nothing
 * and returns every problem; database failures (duplicate department-year without `replace`, locked
 * file …) are thrown as Refusal. 覆盖 (`replace` of an existing department-year) is a bulk write: a backup
 * (覆盖导入前) first, always, then one transaction that is one undo step when small enough (db/bulk-write.ts).
 */
export async function importBudgetFile(
  db: BudgetDb,
  input: string | Uint8Array,
  opts: { replace?: boolean; backup?: BackupWriter } = {},
): Promise<ImportResult> {
  const parsed = parseBudgetInput(db, input);
  if (!parsed.ok) return parsed;
  const { budget } = parsed;
  const save = () => saveBudget(db, budget, { replace: opts.replace, addedCodes: parsed.addedCodes });
  const existing = findBudgetId(db, budget.department.code, budget.year);
  if (existing === null || !opts.replace) {
    const r = save(); // a new department-year, or the refusal to overwrite one
    return { ok: true, ...r, budget, warnings: parsed.warnings, backup: null, undoable: false };
  }
  assertWritable(db, existing); // a 定稿 year is refused before any backup is written
  const rows = budgetRowCount(db, existing) + documentRowCount(budget);
  const op = { label: '覆盖导入预算文件', rows, reason: 'before-replace' as const, backup: opts.backup, alwaysBackup: true };
  const done = await bulkWrite(db, { deptCode: budget.department.code, year: budget.year }, op, save);
  return { ok: true, ...done.value, budget, warnings: parsed.warnings, backup: done.backup, undoable: done.undoable };
}

/** What 覆盖 of a department-year replaces, for the confirmation: null when the year is not in the database. */
export interface ReplacedContent {
  dept: string;
  deptName: string;
  year: number;
  lines: number;
  projects: number;
  narrative: string[];
}

/** A budget file's text (or raw bytes, which must be UTF-8) parsed against the database's catalogs of its year:
 *  what importing and merging a unit's file both start from. */
export function parseBudgetInput(db: BudgetDb, input: string | Uint8Array): ParseBudgetResult {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const d = decodeBudgetFile(input);
    if (!d.ok) return { ok: false, message: d.message, problems: [{ path: '(文件)', place: '文件', reason: d.message }] };
    text = d.text;
  }
  return parseBudgetFile(text, (year) => getCatalogs(db, year));
}

/** The department-year a budget file would replace (覆盖), as the confirmation names it; null: nothing to replace. */
export function replacedBy(db: BudgetDb, input: string | Uint8Array): ReplacedContent | null {
  const parsed = parseBudgetInput(db, input);
  if (!parsed.ok) return null;
  const { department: d, year } = parsed.budget;
  const id = findBudgetId(db, d.code, year);
  if (id === null) return null;
  const old = loadBudgetById(db, id);
  return { dept: d.code, deptName: old.department.name, year, lines: old.lines.length, projects: old.projects.length, narrative: narrativeText(old.narrative) };
}
