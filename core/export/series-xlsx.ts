// 历年对比 (core/compare/series.ts) as a workbook: one sheet, a title, the years in columns each followed by its
// change from the year before, figures in 万元 as numbers shown with two decimals; printable (A4 landscape).
import { Dec } from '../money';
import { seriesCells, seriesHeader, type YearSeries } from '../compare/series';
import { bufferedWorkbookWriter, XLSX_FONT, xlsxSheetOptions } from './xlsx';

export async function writeSeriesWorkbook(s: YearSeries): Promise<Buffer> {
  const { wb, finish } = bufferedWorkbookWriter('BudgetDesk');
  const ws = wb.addWorksheet('历年对比', xlsxSheetOptions(3));
  const header = seriesHeader(s);
  const font = { name: XLSX_FONT, size: 11 };
  ws.columns = header.map((_h, i) => ({ width: i === 0 ? 34 : 14 }));
  const title = ws.addRow([`${s.department.code} ${s.department.name} ${s.years[0]}—${s.years[s.years.length - 1]} 年历年对比`]);
  title.font = { ...font, size: 14, bold: true };
  title.commit();
  const unit = ws.addRow(['单位：万元']);
  unit.font = font;
  unit.commit();
  const head = ws.addRow(header);
  head.font = { ...font, bold: true };
  head.commit();
  for (const r of s.rows) {
    const row = ws.addRow([`${r.level ? '    ' : ''}${r.label}`, ...seriesCells(s, r).map((v) => (v === null ? '—' : new Dec(v).toNumber()))]);
    row.font = font;
    row.eachCell((c, col) => {
      if (col > 1) {
        c.numFmt = '#,##0.00';
        c.alignment = { horizontal: 'right' };
      }
    });
    row.commit();
  }
  for (const n of s.notes) {
    const row = ws.addRow([`注：${n}`]);
    row.font = font;
    row.commit();
  }
  ws.commit();
  return finish();
}
