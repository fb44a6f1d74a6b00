// The exported workbook as the clerk scrolls and reads it: the title and header rows of every table sheet
// stay frozen in view, and names of 款 and 项 are indented as the PDF indents them. The reference budget
// goes through the real CLI (import, export --xlsx) and the workbook is read back with exceljs.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './helpers/cli';
import { FIXTURE_PATH } from './helpers/fixture';

const fx = useCli();
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  const db = fx.tmp.file('views.db');
  expect(fx.budget('import', FIXTURE_PATH, '--db', db).code).toBe(0);
  const out = fx.tmp.file('views.xlsx');
  expect(fx.budget('export', db, '--year', '2025', '--xlsx', out).code).toBe(0);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});

/** 1-based row of the 栏次 row (the last header row of a grid table), or null for a form table. */
function lanciRow(ws: ExcelJS.Worksheet): number | null {
  for (let r = 1; r <= Math.min(ws.rowCount, 12); r++) if (ws.getRow(r).getCell(1).value === '栏次') return r;
  return null;
}

/** The row whose 科目编码 column (B) holds `code`. */
function rowOfCode(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === code) return ws.getRow(r);
  throw new Error(`${ws.name}: no row ${code}`);
}

describe('exported workbook views', () => {
  it('every table sheet freezes its title and header rows (through 栏次)', () => {
    expect(wb.worksheets).toHaveLength(12);
    for (const ws of wb.worksheets) {
      const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state, ws.name).toBe('frozen');
      const lanci = lanciRow(ws);
      // Grid tables: title, 部门/年度 line, header rows and 栏次; the 绩效目标 form: title and 部门/年度 line.
      expect(view.ySplit, ws.name).toBe(lanci ?? 2);
      expect(view.topLeftCell, ws.name).toBe(`A${(lanci ?? 2) + 1}`);
      expect((ws.views[0] as { showGridLines?: boolean }).showGridLines, ws.name).toBe(false);
    }
    expect(lanciRow(wb.getWorksheet('收入总表')!)).toBe(5);
  });

  it('names of 款 and 项 are indented by level, 类 not, as in the PDF', () => {
    const ws = wb.getWorksheet('收入总表')!;
    const name = (code: string) => rowOfCode(ws, code).getCell(3);
    expect(name('201').value).toBe('一般公共服务支出');
    expect(name('201').alignment?.indent ?? 0).toBe(0); // 类
    expect(name('20129').alignment?.indent).toBe(1); // 款
    expect(name('2012901').value).toBe('行政运行');
    expect(name('2012901').alignment?.indent).toBe(2); // 项
    // Codes and amounts keep their own alignment.
    expect(rowOfCode(ws, '2012901').getCell(2).alignment?.indent ?? 0).toBe(0);
    expect(rowOfCode(ws, '2012901').getCell(4).alignment?.horizontal).toBe('right');
  });
});
