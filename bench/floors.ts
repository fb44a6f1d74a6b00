// floor_exceljs: plain exceljs — its streaming writer, through the exporter's own row writer
// (core/export/xlsx-rows.ts writeSheetRows: values, shared styles, widths, heights, merges, page breaks,
// commits as soon as no merge needs a row) — from cells, merges and the commit schedule computed before the
// clock starts. It is the least any exceljs-based export of these tables can cost on
// this machine; what the exporter adds is the layout of the tables.
//
// The sheet options, style objects, write options and the three workarounds of exceljs's streaming writer
// (merges without its O(n²) overlap scan, their order, <printOptions>) are core/export/xlsx's own; the
// benchmark still compares the two workbooks once per run (sameWorkbook) and refuses to report otherwise.
import ExcelJS from 'exceljs';
import { XLSX_FONT, bufferedWorkbookWriter, sheetName, xlsxSheetOptions, xlsxStyles } from '../core/export/xlsx';
import { keepPrintOptions, rowSchedule, writeSheetRows, type RowSchedule } from '../core/export/xlsx-rows';
import { layoutTable, type SheetLayout } from '../core/tables';
import type { RenderedTable } from '../core/tables';

export interface FloorSheet {
  name: string;
  layout: SheetLayout;
  schedule: RowSchedule;
}

/** Untimed: the positioned cells of every table, and when its merges are declared and its rows committed. */
export function precomputeLayouts(tables: readonly RenderedTable[]): FloorSheet[] {
  const taken = new Set<string>();
  return tables.map((t) => {
    const layout = layoutTable(t);
    return { name: sheetName(t.name, taken), layout, schedule: rowSchedule(layout) };
  });
}

/** The workbook from finished cells, through exceljs's streaming writer. */
export async function plainExceljsWorkbook(sheets: readonly FloorSheet[]): Promise<Buffer> {
  const st = xlsxStyles(XLSX_FONT);
  const { wb, finish } = bufferedWorkbookWriter('BudgetDesk');
  for (const { name, layout, schedule } of sheets) {
    const ws = wb.addWorksheet(name, xlsxSheetOptions(layout.frozenRows));
    await writeSheetRows(ws, layout, st, schedule);
    if (layout.printTitleRows) ws.pageSetup.printTitlesRow = `${layout.printTitleRows[0] + 1}:${layout.printTitleRows[1] + 1}`;
    keepPrintOptions(ws);
    ws.commit();
  }
  return finish();
}

interface MergeParsing {
  _merges: Record<string, unknown>;
  _parseMergeCells(model: { mergeCells?: string[] }): void;
  mergeCellsWithoutStyle(range: string): void;
}

/**
 * exceljs's reader also checks each merge against all earlier ones (O(n²), with an array of them made per
 * merge: minutes for the huge 绩效目标 sheet's 70,000 merges). While these two workbooks are read, each merge is
 * checked against an empty index instead — they are the layout's, which never overlap — and the index is put
 * back whole.
 */
async function readWorkbooks(buffers: Buffer[]): Promise<ExcelJS.Workbook[]> {
  const proto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet('probe')) as MergeParsing;
  const original = proto._parseMergeCells;
  proto._parseMergeCells = function (this: MergeParsing, model) {
    const all: Record<string, unknown> = {};
    for (const range of model.mergeCells ?? []) {
      this._merges = {};
      this.mergeCellsWithoutStyle(range);
      Object.assign(all, this._merges);
    }
    this._merges = all;
  };
  try {
    return await Promise.all(
      buffers.map(async (b) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(b as unknown as ArrayBuffer);
        return wb;
      }),
    );
  } finally {
    proto._parseMergeCells = original;
  }
}

/** Proof that the floor writes what the exporter writes: same sheets, cell values, styles, merges. */
export async function sameWorkbook(ours: Buffer, floor: Buffer): Promise<string | null> {
  const [a, b] = (await readWorkbooks([ours, floor])) as [ExcelJS.Workbook, ExcelJS.Workbook];
  if (a.worksheets.length !== b.worksheets.length) return `sheet count ${a.worksheets.length} vs ${b.worksheets.length}`;
  for (let k = 0; k < a.worksheets.length; k++) {
    const x = a.worksheets[k]!,
      y = b.worksheets[k]!;
    if (x.name !== y.name) return `sheet ${k + 1} name ${x.name} vs ${y.name}`;
    if (x.rowCount !== y.rowCount) return `${x.name}: ${x.rowCount} vs ${y.rowCount} rows`;
    const mx = JSON.stringify(x.model.merges ?? []),
      my = JSON.stringify(y.model.merges ?? []);
    if (mx !== my) return `${x.name}: merges differ`;
    for (let r = 1; r <= x.rowCount; r++) {
      const rx = x.getRow(r),
        ry = y.getRow(r);
      for (let c = 1; c <= Math.max(rx.cellCount, ry.cellCount); c++) {
        const cx = rx.getCell(c),
          cy = ry.getCell(c);
        if (JSON.stringify(cx.value) !== JSON.stringify(cy.value)) return `${x.name}!${cx.address}: value differs`;
        if (JSON.stringify(cx.style) !== JSON.stringify(cy.style)) return `${x.name}!${cx.address}: style differs`;
      }
    }
  }
  return null;
}
