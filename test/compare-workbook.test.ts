// Prior-year figures from last year's published workbook: BudgetDesk's own export read back (real
// exceljs file) gives the same comparison as last year's lines; a workbook that does not fit is refused.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readPublishedWorkbook } from '../core/compare/workbook';
import { buildNarrative } from '../core/narrative';
import { loadBudgetById } from '../db/budgets';
import { getCatalogs } from '../db/catalogs';
import { openDatabase } from '../db/open';
import { compareBudgetYears, listYears, priorFiguresFor, storePriorFigures } from '../db/years';
import { finalizeBudget } from '../db/finalize';
import { useTempDb } from './helpers/db';
import { FIXTURE_2024, fixture2025WithoutPrior, importText, workbook2024 as workbookOf2024 } from './helpers/compare-years';

const fx = useTempDb('wb.sqlite');

/** The 2024 budget's published workbook, exported by BudgetDesk from a separate database. */
const workbook2024 = () => workbookOf2024(fx.tmp.file('2024.sqlite'));

async function edited(data: Buffer, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  edit(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('round trip of an exported workbook as prior-year figures', () => {
  test("the same comparison as from last year's lines, and the same 比上年增减", async () => {
    // Reference: both years' lines in the database.
    importText(fx.db, readFileSync(FIXTURE_2024, 'utf8'));
    const ref2025 = importText(fx.db, fixture2025WithoutPrior());
    const fromLines = compareBudgetYears(fx.db, '711', 2025).comparison;

    // Now a database with 2025 only, and 2024 imported from its workbook.
    const db2 = openDatabase(fx.tmp.file('only2025.sqlite'));
    try {
      const id2025 = importText(db2, fixture2025WithoutPrior());
      const read = await readPublishedWorkbook(await workbook2024(), '2024年部门预算公开表.xlsx', { deptCode: '711', year: 2024 });
      if (!read.ok) throw new Error(read.reason);
      expect(read.figures.year).toBe(2024);
      expect(read.figures.department).toEqual({ code: '711', name: '工会部门' });
      storePriorFigures(db2, id2025, read.figures, read.fileName);

      const { comparison, priorFileName } = compareBudgetYears(db2, '711', 2025);
      expect(priorFileName).toBe('2024年部门预算公开表.xlsx');
      expect(comparison.prior).toEqual({ year: 2024, origin: 'workbook' });
      expect(comparison.functions).toEqual(fromLines.functions);
      // Every summary figure the tables print is the same; 机关运行经费 is not in the published tables.
      const strip = (rows: typeof comparison.summary) => rows.filter((r) => r.key !== 'runningCost');
      expect(strip(comparison.summary)).toEqual(strip(fromLines.summary));
      expect(comparison.summary.find((r) => r.key === 'runningCost')).toMatchObject({ prior: null, change: null });
      expect(comparison.summary.find((r) => r.key === 'total')).toMatchObject({ prior: '76.61', current: '55.33', change: '-21.28', word: '减少' });

      const prior = priorFiguresFor(db2, id2025);
      const doc = buildNarrative(loadBudgetById(db2, id2025), getCatalogs(db2, 2025), { prior });
      const docRef = buildNarrative(loadBudgetById(fx.db, ref2025), getCatalogs(fx.db, 2025), { prior: priorFiguresFor(fx.db, ref2025) });
      for (const k of ['change.total', 'change.basic', 'change.project']) expect(doc.figures[k]).toEqual(docRef.figures[k]);
      expect(doc.figures['change.total']).toMatchObject({ label: '较2024年减少', wan: '21.28' });

      expect(listYears(db2, '711').map((y) => [y.year, y.origin, y.fileName])).toEqual([
        [2024, 'workbook', '2024年部门预算公开表.xlsx'],
        [2025, 'lines', null],
      ]);

      // A finalized year takes no new prior figures.
      finalizeBudget(db2, id2025);
      expect(() => storePriorFigures(db2, id2025, read.figures, read.fileName)).toThrow('已定稿');
    } finally {
      db2.close();
    }
  });
});

describe('a workbook that does not fit is refused with the reason', () => {
  test('not a workbook at all', async () => {
    const r = await readPublishedWorkbook(Buffer.from('not a zip'), 'x.xlsx');
    expect(r).toEqual({ ok: false, reason: '“x.xlsx”不是有效的 Excel 工作簿（.xlsx），无法读取' });
  });

  test('a missing sheet', async () => {
    const data = await edited(await workbook2024(), (wb) => wb.removeWorksheet(wb.getWorksheet('支出总表')!.id));
    const r = await readPublishedWorkbook(data, 'a.xlsx');
    expect(r).toEqual({ ok: false, reason: '“a.xlsx”不能作为上年公开表导入：缺少“支出总表”工作表（部门预算支出总表）' });
  });

  test("a header that is not BudgetDesk's", async () => {
    const data = await edited(await workbook2024(), (wb) => {
      wb.getWorksheet('支出总表')!.getCell(3, 5).value = '基本经费';
    });
    const r = await readPublishedWorkbook(data, 'b.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reason).toBe(
        '“b.xlsx”不能作为上年公开表导入：工作表“支出总表”的表头与 BudgetDesk 公开表格式不符：第 3 行第 5 列应为“基本支出”，实际为“基本经费”',
      );
  });

  test('amounts in 元, not 万元', async () => {
    const data = await edited(await workbook2024(), (wb) => {
      const ws = wb.getWorksheet('收支总表')!;
      ws.getRow(2).eachCell((c) => {
        if (String(c.value).startsWith('单位')) c.value = '单位：元';
      });
    });
    const r = await readPublishedWorkbook(data, 'c.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('工作表“收支总表”的金额单位是“元”，只能导入以万元为单位的公开表');
  });

  test('收支总表 and 支出总表 disagree', async () => {
    const data = await edited(await workbook2024(), (wb) => {
      const ws = wb.getWorksheet('支出总表')!;
      ws.eachRow((row) => {
        if (row.getCell(2).value === '合计') row.getCell(4).value = 70;
      });
    });
    const r = await readPublishedWorkbook(data, 'd.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('“收支总表”的本年支出合计 76.61 万元与“支出总表”的合计 70.00 万元不一致');
  });

  test('another year or department than the one asked for, and a workbook of the wrong year for the budget', async () => {
    const data = await workbook2024();
    const r1 = await readPublishedWorkbook(data, 'e.xlsx', { year: 2023 });
    expect(r1).toEqual({ ok: false, reason: '“e.xlsx”不能作为上年公开表导入：这是 2024 年的公开表，需要的是 2023 年的' });
    const r2 = await readPublishedWorkbook(data, 'e.xlsx', { deptCode: '712' });
    expect(r2).toEqual({ ok: false, reason: '“e.xlsx”不能作为上年公开表导入：这是部门 711 工会部门 的公开表，不是部门 712 的' });
    // Stored against 2024's own budget the year does not fit (it must be the year before).
    const id2024 = importText(fx.db, readFileSync(FIXTURE_2024, 'utf8'));
    const ok = await readPublishedWorkbook(data, 'e.xlsx');
    if (!ok.ok) throw new Error(ok.reason);
    expect(() => storePriorFigures(fx.db, id2024, ok.figures, 'e.xlsx')).toThrow(
      '导入的公开表是 2024 年的，部门 711 工会部门 2024 年的上年应为 2023 年，未导入',
    );
  });
});
