// The bureau's 控制数 sheet into a department-year: read (core/control/sheet.ts), checked against what the
// budget holds, previewed with 已编 for each cell, then written all or nothing as one undoable edit.
import { cellKey, cellLabel, controlFigures, type ControlFigure } from '../core/control/cells';
import { readControlGrid, type ControlSheetHeader, type SheetCell } from '../core/control/sheet';
import { readSheetFile } from '../core/sheets/grid';
import type { SheetProblem } from '../core/sheets/rows';
import { loadBudgetById } from './budgets';
import { findBudget, type BudgetInfo } from './budget-info';
import { storeControl, type ControlWrite } from './control';
import type { BudgetDb } from './open';

interface ControlSheetResult {
  budget: BudgetInfo;
  header: ControlSheetHeader | null;
  rows: number;
  cells: SheetCell[];
  problems: SheetProblem[];
  /** Each 控制数 as it would stand after the import, with 已编 of the budget's lines. */
  figures: ControlFigure[];
  /** What was written; null on a dry run or when refused. */
  written: ControlWrite | null;
}

export async function importControlSheet(
  db: BudgetDb,
  data: Uint8Array,
  fileName: string,
  opts: { dept: string; year: number; sheet?: string; replace?: boolean; dryRun?: boolean },
): Promise<ControlSheetResult> {
  const budget = findBudget(db, opts.dept, opts.year);
  const none = (message: string): ControlSheetResult => ({
    budget,
    header: null,
    rows: 0,
    cells: [],
    problems: [{ row: null, column: null, message }],
    figures: [],
    written: null,
  });
  const book = await readSheetFile(data, fileName);
  if (!book.ok) return none(book.reason);
  const grid = book.book.sheet(opts.sheet);
  if (!grid) return none(`工作簿中没有工作表${opts.sheet ? `“${opts.sheet}”（有：${book.book.sheetNames.join('、')}）` : ''}`);
  const b = loadBudgetById(db, budget.id);
  const read = readControlGrid(grid, { units: b.units, projects: b.projects });
  const problems = [...read.problems];
  if (!opts.replace) {
    const existing = new Set(b.control.map(cellKey));
    for (const c of read.cells) {
      if (existing.has(cellKey(c)))
        problems.push({
          row: c.row,
          column: null,
          message: `控制数“${cellLabel(c, b)}”已经存在；如需以表中的控制数替换原有控制数，请选择替换（命令行加 --replace）`,
        });
    }
  }
  if (!read.cells.length && !problems.length) problems.push({ row: null, column: null, message: '表中没有控制数' });
  const after = opts.replace ? read.cells : [...b.control, ...read.cells];
  const figures = controlFigures({ ...b, control: after });
  const result: ControlSheetResult = { budget, header: read.header, rows: read.rows, cells: read.cells, problems, figures, written: null };
  if (problems.length || opts.dryRun) return result;
  result.written = storeControl(db, budget, read.cells, { replace: opts.replace, label: `导入控制数表（${read.cells.length} 个）` });
  return result;
}
