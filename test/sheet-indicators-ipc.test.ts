// Issue 13, item 5 over the channels: sheets.preview answers an indicator workbook with kind 'indicators'
// (projects created or completed, indicator and goal counts, problems) and writes nothing; sheets.import
// imports it all or nothing; a bad workbook is refused and changes nothing; a line sheet still previews as lines.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importedBudgetFile, useTestEngine } from './helpers/engine';

const fx = useTestEngine({ setup: importedBudgetFile() });
const { value, call } = fx;
const budget = { dept: '711', year: 2025 };
const EXISTING = '13030325P00496310001X';

async function indicatorBook(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效指标');
  ws.addRow(['项目编码', '项目名称', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '计量单位']);
  for (const r of rows) ws.addRow(r);
  const g = wb.addWorksheet('绩效目标');
  g.addRow(['项目编码', '项目名称', '年度绩效目标']);
  g.addRow(['P2025NEW', '职工书屋建设', '建成职工书屋 5 个']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('sheets channels with an indicator workbook', () => {
  it('previews the projects with their counts, writes nothing, then imports', async () => {
    const data = await indicatorBook([
      [EXISTING, '', '产出指标', '数量指标', '帮扶人次', '≥', '120', '人次'],
      ['P2025NEW', '职工书屋建设', '效益指标', '社会效益指标', '职工阅读覆盖率', '≥', '60', '%'],
      ['P2025NEW', '职工书屋建设', '满意度指标', '服务对象满意度指标', '职工满意度', '≥', '90', '%'],
    ]);
    const args = { budget, fileName: '指标.xlsx', data };
    const p = await value('sheets.preview', args);
    if (p.kind !== 'indicators') throw new Error(`expected an indicator preview, got ${p.kind}`);
    expect(p).toMatchObject({ indicatorSheet: '绩效指标', goalSheet: '绩效目标', rowCount: 3, problems: [] });
    expect(p.projects).toEqual([
      { code: 'P2025NEW', name: '职工书屋建设', indicators: 2, goals: 1, created: true },
      { code: EXISTING, name: '困难职工及劳模帮扶救助资金', indicators: 1, goals: 0, created: false },
    ]);
    expect((await value('projects.list', { budget })).map((x) => x.code)).toEqual([EXISTING]);

    const r = await value('sheets.import', args);
    expect(r.kind).toBe('indicators');
    const projects = await value('projects.list', { budget });
    expect(projects.find((x) => x.code === EXISTING)!.indicators).toHaveLength(7);
    expect(projects.find((x) => x.code === 'P2025NEW')).toMatchObject({ name: '职工书屋建设', goals: ['建成职工书屋 5 个'] });
  });

  it('refuses a bad workbook with every problem and changes nothing', async () => {
    const data = await indicatorBook([
      [EXISTING, '', '', '数量指标', '帮扶人次', '≥', '120', '人次'],
      ['P2025X', '', '效益指标', '社会效益指标', '覆盖率', '≥', '60', '%'],
    ]);
    const before = await value('projects.list', { budget });
    const p = await value('sheets.preview', { budget, fileName: 'bad.xlsx', data });
    expect(p.problems).toEqual(['第 2 行“一级指标”：缺少一级指标', '第 3 行：项目 P2025X 不在本预算中，表中也没有给出项目名称，无法新建']);
    const r = await call('sheets.import', { budget, fileName: 'bad.xlsx', data });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('绩效指标未导入：共 2 处问题');
    expect(await value('projects.list', { budget })).toEqual(before);
  });

  it('a line sheet still previews as lines', async () => {
    const text = '单位,功能科目,经济科目,资金性质,金额\n711001,2010101,30101,一般公共预算拨款,100.00\n';
    const p = await value('sheets.preview', { budget, fileName: 'a.csv', data: Buffer.from(text).toString('base64') });
    expect(p.kind).toBe('lines');
  });
});
