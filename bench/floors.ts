// floor_exceljs: plain exceljs writing exactly what core/export/xlsx writes — the same cell values, the same
// shared style objects, column widths, row heights, merges and page setup — from cells computed before the
// clock starts. It is the least any exceljs-based export of these tables can cost on this machine.
//
// The sheet options, style objects and write options are core/export/xlsx.ts's own; the
// benchmark still compares the two workbooks once per run (sameWorkbook) and refuses to report otherwise.
import ExcelJS from 'exceljs';
import { XLSX_FONT, XLSX_WRITE_OPTIONS, cellStyle, sheetName, xlsxSheetOptions, xlsxStyles } from '../core/export/xlsx';
import { layoutTable, type SheetLayout } from '../core/tables';
import type { RenderedTable } from '../core/tables';

export interface FloorSheet { name: string; layout: SheetLayout }

/** Untimed: the positioned cells of every table. */
export function precomputeLayouts(tables: readonly RenderedTable[]): FloorSheet[] {
  const taken = new Set<string>();
  return tables.map((t) => ({ name: sheetName(t.name, taken), layout: layoutTable(t) }));
}

interface MergeIndex { _merges?: Record<string, unknown> }

/** The workbook from finished cells. Merges go through exceljs's own mergeCells, one at a time against an
 *  empty index (the layout's merges never overlap), as the exporter does — exceljs's overlap scan is O(n²). */
export async function plainExceljsWorkbook(sheets: readonly FloorSheet[]): Promise<Buffer> {
  const st = xlsxStyles(XLSX_FONT);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BudgetDesk';
  for (const { name, layout } of sheets) {
    const ws = wb.addWorksheet(name, xlsxSheetOptions(layout.frozenRows));
    layout.columns.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
    for (let r = 0; r < layout.rows.length; r++) {
      const lr = layout.rows[r]!;
      const row = ws.getRow(r + 1);
      row.height = lr.height;
      for (const lc of lr.cells) {
        const cell = row.getCell(lc.c + 1);
        if (lc.v !== null) cell.value = lc.v;
        cell.style = cellStyle(st, lc);
      }
    }
    const w = ws as unknown as MergeIndex;
    const all: Record<string, unknown> = {};
    for (const m of layout.merges) {
      w._merges = {};
      ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
      Object.assign(all, w._merges);
    }
    w._merges = all;
    if (layout.printTitleRows) ws.pageSetup.printTitlesRow = `${layout.printTitleRows[0] + 1}:${layout.printTitleRows[1] + 1}`;
  }
  return Buffer.from((await wb.xlsx.writeBuffer(XLSX_WRITE_OPTIONS)) as ArrayBuffer);
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
