// Issue 13, item 5 through the real CLI process: an indicator workbook written from the reference budget's
// projects (indicator sheet + 绩效目标 sheet) imported with `budget import-sheet` into a department-year whose
// projects have no indicators; the exported workbook then equals the reference's. A bad workbook is refused
// with every problem (sheet row and header) and the database unchanged.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './helpers/cli';
import { workbookCells } from './helpers/xlsx-bytes';
import { dumpDatabase } from './helpers/db';
import { fixtureDoc } from './helpers/fixture';

const fx = useCli();

const { ok } = fx;

interface Project {
  code: string;
  name: string;
  goals: string[];
  indicators: Record<string, string>[];
}

/** An 一体化-style indicator workbook: a title row, then one row per indicator; goals on their own sheet. */
async function indicatorWorkbook(rows: unknown[][], goals: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目绩效指标');
  ws.addRow(['2025年项目支出绩效指标表']);
  ws.addRow(['项目编码', '项目名称', '一级指标', '二级指标', '三级指标', '指标解释', '指标性质', '指标值', '计量单位', '指标值确定依据']);
  for (const r of rows) ws.addRow(r);
  const g = wb.addWorksheet('绩效目标');
  g.addRow(['项目编码', '项目名称', '年度绩效目标']);
  for (const r of goals) g.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('budget import-sheet with an indicator workbook', () => {
  const doc = fixtureDoc();
  const projects = doc.projects as Project[];
  let bare = '';
  let expected: Record<string, unknown>;
  beforeAll(async () => {
    const full = fx.tmp.file('ref.budget.json');
    writeFileSync(full, JSON.stringify(doc));
    bare = fx.tmp.file('bare.budget.json');
    writeFileSync(bare, JSON.stringify({ ...doc, projects: projects.map((p) => ({ ...p, goals: [], indicators: [] })) }));
    const db = fx.tmp.file('ref.db');
    ok('import', full, '--db', db);
    ok('export', db, '--year', '2025', '--xlsx', fx.tmp.file('ref.xlsx'));
    expected = await workbookCells(fx.tmp.file('ref.xlsx'));
  }, 600_000);

  it('imports the indicators and goals; the exported workbook equals the reference', async () => {
    const rows = projects.flatMap((p) => p.indicators.map((i) => [p.code, p.name, i.level1, i.level2, i.name, i.description, i.op, i.value, i.unit, i.basis]));
    const goals = projects.flatMap((p) => p.goals.map((g) => [p.code, p.name, g]));
    const sheet = fx.tmp.file('指标.xlsx');
    writeFileSync(sheet, await indicatorWorkbook(rows, goals));
    const db = fx.tmp.file('bare.db');
    ok('import', bare, '--db', db);

    const before = dumpDatabase(db);
    const dry = ok('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711', '--dry-run');
    expect(dry).toContain('试运行');
    expect(dry).toContain(`将补全项目 ${projects[0]!.code}`);
    expect(dumpDatabase(db)).toBe(before);

    const out = ok('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711');
    expect(out).toContain('绩效指标表：工作表“项目绩效指标”；绩效目标：工作表“绩效目标”');
    for (const p of projects) expect(out).toContain(`补全项目 ${p.code} ${p.name}：绩效指标 ${p.indicators.length} 条，绩效目标 ${p.goals.length} 条`);
    expect(out).toMatch(/已导入 \d+ 个项目的绩效指标到部门 711/);

    const xlsx = fx.tmp.file('bare.xlsx');
    ok('export', db, '--year', '2025', '--xlsx', xlsx);
    const got = await workbookCells(xlsx);
    const perf = Object.keys(expected).find((n) => n.includes('绩效目标'))!;
    expect(perf).toBeTruthy();
    expect(got[perf]).toEqual(expected[perf]);
    expect(got).toEqual(expected);
  }, 600_000);

  it('refuses a bad workbook with every problem and leaves the database unchanged', async () => {
    const p = projects[0]!;
    const sheet = fx.tmp.file('bad.xlsx');
    writeFileSync(
      sheet,
      await indicatorWorkbook(
        [
          [p.code, p.name, '', '数量指标', '资金到位率', '', '≥', '90', '%', '行业标准'],
          ['P2025UNKNOWN', '', '效益指标', '社会效益指标', '覆盖率', '', '≥', '60', '%', '行业标准'],
        ],
        [],
      ),
    );
    const db = fx.tmp.file('bad.db');
    ok('import', bare, '--db', db);
    const before = dumpDatabase(db);
    const r = fx.budget('import-sheet', sheet, '--db', db, '--year', '2025', '--dept', '711');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('绩效指标未导入，数据库未作任何修改：共 2 处问题');
    expect(r.err).toContain('第 3 行“一级指标”：缺少一级指标');
    expect(r.err).toContain('第 4 行：项目 P2025UNKNOWN 不在本预算中，表中也没有给出项目名称，无法新建');
    expect(dumpDatabase(db)).toBe(before);
  }, 600_000);
});
