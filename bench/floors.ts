// floor_exceljs: plain exceljs — its streaming writer, as core/export/xlsx uses it — writing exactly what
// core/export/xlsx writes: the same cell values, the same shared style objects, column widths, row heights,
// merges, page breaks and page setup, each row committed as soon as no merge still needs it — from cells,
// merges and the commit schedule computed before the clock starts. It is the least any exceljs-based export
// of these tables can cost on this machine; what the exporter adds is the layout of the tables.
//
// The sheet options, style objects, write options and the three workarounds of exceljs's streaming writer
// (merges without its O(n²) overlap scan, their order, <printOptions>) are core/export/xlsx's own; the
// benchmark still compares the two workbooks once per run (sameWorkbook) and refuses to report otherwise.
import ExcelJS from 'exceljs';
import { XLSX_FONT, bufferedWorkbookWriter, cellStyle, sheetName, xlsxSheetOptions, xlsxStyles } from '../core/export/xlsx';
import { ROW_STYLE, SheetMerges, keepPrintOptions, rowSchedule, type RowSchedule } from '../core/export/xlsx-rows';
import { layoutTable, type SheetLayout } from '../core/tables';
import type { RenderedTable } from '../core/tables';

export interface FloorSheet { name: string; layout: SheetLayout; schedule: RowSchedule }

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
    layout.columns.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
    for (const r of layout.pageBreaksAfter) ws.getRow(r + 1).addPageBreak(0, 16384);
    const merges = new SheetMerges(ws, layout.merges);
    let committed = 0;
    for (let r = 0; r < layout.rows.length; r++) {
      const lr = layout.rows[r]!;
      const row = ws.getRow(r + 1);
      row.height = lr.height;
      (row as unknown as { style: object }).style = ROW_STYLE;
      for (const lc of lr.cells) {
        const cell = row.getCell(lc.c + 1);
        if (lc.v !== null) cell.value = lc.v;
        cell.style = cellStyle(st, lc);
      }
      for (const i of schedule.endingAt.get(r) ?? []) merges.declare(i);
      if (schedule.commitThrough[r]! > committed) ws.getRow((committed = schedule.commitThrough[r]!)).commit();
    }
    merges.finish();
    if (layout.printTitleRows) ws.pageSetup.printTitlesRow = `${layout.printTitleRows[0] + 1}:${layout.printTitleRows[1] + 1}`;
    keepPrintOptions(ws);
    ws.commit();
  }
  return finish();
}

/** Proof that the floor writes what the exporter writes: same sheets, cell values, styles, merges. */
export async function sameWorkbook(ours: Buffer, floor: Buffer): Promise<string | null> {
  const read = async (b: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b as unknown as ArrayBuffer);
    return wb;
  };
  const [a, b] = await Promise.all([read(ours), read(floor)]);
  if (a.worksheets.length !== b.worksheets.length) return `sheet count ${a.worksheets.length} vs ${b.worksheets.length}`;
  for (let k = 0; k < a.worksheets.length; k++) {
    const x = a.worksheets[k]!, y = b.worksheets[k]!;
    if (x.name !== y.name) return `sheet ${k + 1} name ${x.name} vs ${y.name}`;
    if (x.rowCount !== y.rowCount) return `${x.name}: ${x.rowCount} vs ${y.rowCount} rows`;
    const mx = JSON.stringify(x.model.merges ?? []), my = JSON.stringify(y.model.merges ?? []);
    if (mx !== my) return `${x.name}: merges differ`;
    for (let r = 1; r <= x.rowCount; r++) {
      const rx = x.getRow(r), ry = y.getRow(r);
      for (let c = 1; c <= Math.max(rx.cellCount, ry.cellCount); c++) {
        const cx = rx.getCell(c), cy = ry.getCell(c);
        if (JSON.stringify(cx.value) !== JSON.stringify(cy.value)) return `${x.name}!${cx.address}: value differs`;
        if (JSON.stringify(cx.style) !== JSON.stringify(cy.style)) return `${x.name}!${cx.address}: style differs`;
      }
    }
  }
  return null;
}
