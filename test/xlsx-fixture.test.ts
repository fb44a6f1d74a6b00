// The real path: the reference budget file imported into a fresh SQLite file with the `budget` CLI,
// exported with `budget export --xlsx`, and the workbook read back with exceljs. Every figure of
// expected.json must sit in the right row and column, blanks included, with the reference's layout.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './helpers/cli';
import { FIXTURE_PATH } from './helpers/fixture';
import { collectFigures, expectedFixture, plainFromSheet } from './helpers/table-figures';

// The CLI bundled for this test process (test/helpers/cli.ts), so that parallel test files never read a
// half-written dist/cli/budget.cjs and unrelated entry points cannot break this test's build.
const fx = useCli();
let wb: ExcelJS.Workbook;

function budget(...args: string[]) {
  const r = fx.budget(...args);
  if (r.code !== 0) throw new Error(`budget ${args[0]} failed (${r.code}): ${r.err}`);
  return r.out;
}

beforeAll(async () => {
  const db = fx.tmp.file('budget.db');
  budget('import', FIXTURE_PATH, '--db', db);
  const out = fx.tmp.file('711-2025.xlsx');
  budget('export', db, '--year', '2025', '--xlsx', out);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
});

const sheet = (name: string): ExcelJS.Worksheet => {
  const exact = wb.worksheets.filter((w) => w.name === name);
  const hits = exact.length ? exact : wb.worksheets.filter((w) => w.name.includes(name));
  if (hits.length !== 1) throw new Error(`sheet for ${name}: ${hits.length} matches among ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return hits[0]!;
};

describe('exported workbook of the reference budget', () => {
  it('has one sheet per table, named after it, in disclosure order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '收支总表',
      '收入总表',
      '支出总表',
      '财政拨款收支总表',
      '一般公共预算财政拨款支出表',
      '一般公共预算财政拨款基本支出表',
      '政府性基金预算财政拨款支出表',
      '国有资本经营预算财政拨款支出表',
      '财政拨款“三公”经费支出表',
      '项目支出绩效目标表',
      '政府采购预算表',
      '固定资产占用情况表',
    ]);
  });

  it('holds every figure of expected.json in the right row and column, blanks included', () => {
    const expected = expectedFixture().tables;
    const checks = collectFigures(expected, (name) => plainFromSheet(sheet(name)));
    expect(checks.length).toBeGreaterThan(250);
    expect(checks.filter((c) => c.actual !== c.expected)).toEqual([]);
    expect(checks.filter((c) => c.expected === null).length).toBeGreaterThan(100);
  });

  it('writes amounts as numbers formatted 0.00, codes as text, zero as a blank cell', () => {
    const ws = sheet('收入总表');
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === '2012901')!;
    expect(row.getCell(2).value).toBe('2012901');
    expect(row.getCell(2).numFmt).toBe('@');
    expect(row.getCell(3).value).toBe('行政运行');
    expect(row.getCell(4).value).toBe(2.75);
    expect(row.getCell(4).numFmt).toBe('0.00');
    expect(row.getCell(7).value).toBe(null); // 财政专户收入: blank, still bordered
    expect(row.getCell(7).border?.left?.style).toBe('thin');
    expect(row.getCell(1).value).toBe(4); // 序号, a number like the 栏次 figures
    expect(plainFromSheet(ws).rows.map((r) => r[0])).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    const basic = sheet('一般公共预算财政拨款支出表');
    const total = basic.getRow(6);
    expect(total.getCell(2).value).toBe('合计');
    expect(total.getCell(2).isMerged).toBe(true);
    expect(total.getCell(4).value).toBe(55.33);
    expect(total.getCell(5).value).toBe(47.23);
    expect(total.getCell(6).value).toBe(8.1);
  });

  it('lays each grid sheet out like the reference: title, meta line, merged headers, 栏次', () => {
    for (const [name, title, lanci] of [
      ['收支总表', '部门预算收支总表', 4],
      ['收入总表', '部门预算收入总表', 12],
      ['支出总表', '部门预算支出总表', 8],
      ['财政拨款收支总表', '部门预算财政拨款收支总表', 7],
      ['一般公共预算财政拨款基本支出表', '部门预算一般公共预算财政拨款基本支出表', 5],
      ['财政拨款“三公”经费支出表', '部门预算财政拨款“三公”经费支出表', 5],
    ] as const) {
      const ws = sheet(name);
      expect(ws.getCell(1, 1).value).toBe(title);
      expect(ws.getCell(1, 1).font?.bold).toBe(true);
      expect(ws.getCell(1, 1).font?.size).toBeGreaterThan(12);
      expect(ws.getCell(1, ws.columnCount).isMerged).toBe(true);
      const meta = [...Array(ws.columnCount).keys()]
        .map((c) => ws.getCell(2, c + 1))
        .filter((c) => !c.isMerged || c.master === c)
        .map((c) => c.value);
      expect(meta).toEqual(['711 工会部门', '预算年度：2025', '单位：万元']);
      const t = plainFromSheet(ws);
      expect(t.lanci).toEqual(['栏次', ...Array.from({ length: lanci }, (_, i) => String(i + 1))]);
      expect(t.columns[0]).toEqual(['序号']);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.fitToHeight).toBe(0);
      expect(ws.pageSetup.printTitlesRow).toMatch(/^2:\d+$/);
    }
    const income = plainFromSheet(sheet('收入总表'));
    expect(income.columns.slice(1)).toEqual([
      ['功能分类科目', '科目编码'],
      ['功能分类科目', '科目名称'],
      ['合计'],
      ['本年收入', '小计'],
      ['本年收入', '财政拨款收入'],
      ['本年收入', '财政专户收入'],
      ['本年收入', '事业收入'],
      ['本年收入', '经营收入'],
      ['本年收入', '上级补助收入'],
      ['本年收入', '附属单位上缴收入'],
      ['本年收入', '其他收入'],
      ['上年结转'],
    ]);
    expect(sheet('固定资产占用情况表').getCell(2, 1).value).toBe('711 工会部门');
    const assetsMeta = [...Array(sheet('固定资产占用情况表').columnCount).keys()].map((c) => sheet('固定资产占用情况表').getCell(2, c + 1).value);
    expect(assetsMeta).toContain('截止时间：2024-12-31');
  });

  it('keeps empty tables with their headers and prints their note', () => {
    const expected = expectedFixture().tables;
    for (const [name, spec] of Object.entries<any>(expected)) {
      if (!spec.empty) continue;
      const t = plainFromSheet(sheet(name));
      expect(t.rows, name).toEqual([]);
      expect(t.notes).toEqual([spec.note]);
      expect(t.lanci[0]).toBe('栏次');
    }
    expect(plainFromSheet(sheet('政府采购预算表')).notes).toEqual([
      '注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。',
      '注：无政府采购预算，空表列示。',
    ]);
    expect(plainFromSheet(sheet('固定资产占用情况表')).notes).toEqual(['注：无固定资产占用情况，空表列示。']);
  });

  it('sets an explicit CJK font name on every written cell', () => {
    let n = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          n++;
          expect(cell.font?.name, `${ws.name}!${cell.address}`).toBe('SimSun');
        }),
      );
    }
    expect(n).toBeGreaterThan(1_000);
  });

  it('draws the 项目支出绩效目标表 block like section 七', () => {
    const ws = sheet('项目支出绩效目标表');
    const texts = new Map<string, string>();
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (typeof cell.value === 'string' && (!cell.isMerged || cell.master === cell)) texts.set(cell.value, `${r}:${c}`);
      }),
    );
    const pos = (s: string) => texts.get(s)?.split(':').map(Number) ?? [];
    expect(texts.has('1、困难职工及劳模帮扶救助资金绩效目标表')).toBe(true);
    const [r0, c0] = pos('项目编码');
    expect(ws.getCell(r0!, c0! + 1).value).toBe('13030325P00496310001X');
    const [rb, cb] = pos('预算数');
    expect(ws.getCell(rb!, cb! + 1).value).toBe(8.1);
    expect(ws.getCell(rb!, cb! + 1).numFmt).toBe('0.00');
    expect(pos('其中：财政资金')[0]).toBe(rb);
    for (const h of ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据']) expect(texts.has(h), h).toBe(true);
    const [ri] = pos('产出指标');
    expect(ws.getCell(ri! + 3, 1).isMerged).toBe(true);
    expect(ws.getCell(ri! + 3, 1).master.value).toBe('产出指标');
    expect(texts.has('≥90%')).toBe(true);
    expect(texts.has('1.有效缓解困难职工状况\n2.加强和改进劳动模范管理和服务工作，有效解决和缓解劳模的生活状况')).toBe(true);
  });
});
