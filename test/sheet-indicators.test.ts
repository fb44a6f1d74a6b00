// Issue 13, item 5: projects' indicators and goals from a workbook (an indicator sheet and a goal sheet),
// all or nothing, into a real SQLite file: an existing project is completed, a missing one created from
// the sheet's code and name; a bad sheet changes nothing and lists every problem with row and header.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem, readIndicatorSheet } from '../core/sheets';
import { loadProjects, findBudgetId } from '../db/budgets';
import { importBudgetFile } from '../db/import';
import { importIndicatorSheet } from '../db/sheet-indicators';
import { dumpDatabase, useTempDb } from './helpers/db';
import { fixtureText } from './helpers/fixture';

const t = useTempDb('indicators.db');
const EXISTING = '13030325P00496310001X';

async function workbook(rows: unknown[][], goals?: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效指标');
  ws.addRow(['项目绩效指标表']);
  ws.addRow(['项目编码', '项目名称', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '计量单位', '指标值确定依据']);
  for (const r of rows) ws.addRow(r);
  if (goals) {
    const g = wb.addWorksheet('绩效目标');
    g.addRow(['项目编码', '项目名称', '年度绩效目标']);
    for (const r of goals) g.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('indicators from a sheet', () => {
  it('completes an existing project and creates a missing one, with goals from the other sheet', async () => {
    const imported = await importBudgetFile(t.db, fixtureText());
    expect(imported.ok).toBe(true);
    const bytes = await workbook(
      [
        [EXISTING, '困难职工及劳模帮扶救助资金', '产出指标', '数量指标', '资金到位率', '≥', '98', '%', '计划标准'],
        [EXISTING, '困难职工及劳模帮扶救助资金', '产出指标', '数量指标', '帮扶人次', '正向指标', 120, '人次', '历史标准'],
        ['P2025NEW', '职工书屋建设', '效益指标', '社会效益指标', '职工阅读覆盖率', '大于等于', '60', '%', '行业标准'],
      ],
      [
        [EXISTING, '', '完成年度帮扶任务'],
        ['P2025NEW', '职工书屋建设', '建成职工书屋 5 个'],
      ],
    );
    const reading = await readIndicatorSheet(bytes, '指标.xlsx');
    if ('reason' in reading) throw new Error(reading.reason);
    expect(reading.goalSheet).toBe('绩效目标');
    const r = importIndicatorSheet(t.db, reading, { dept: '711', year: 2025 });
    expect(r.problems).toEqual([]);
    expect(r.written).toBe(true);
    expect(r.created.map((c) => c.code)).toEqual(['P2025NEW']);
    expect(r.completed.map((c) => c.code)).toEqual([EXISTING]);

    const projects = loadProjects(t.db, findBudgetId(t.db, '711', 2025)!);
    const old = projects.find((p) => p.code === EXISTING)!;
    expect(old.indicators).toHaveLength(7);
    expect(old.indicators.find((i) => i.name === '资金到位率')).toMatchObject({ op: '≥', value: '98', unit: '%', basis: '计划标准' });
    expect(old.indicators.at(-1)).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '帮扶人次',
      description: '',
      op: '≥',
      value: '120',
      unit: '人次',
      basis: '历史标准',
    });
    expect(old.goals.at(-1)).toBe('完成年度帮扶任务');
    const created = projects.find((p) => p.code === 'P2025NEW')!;
    expect(created).toMatchObject({ name: '职工书屋建设', unit: '711001', goals: ['建成职工书屋 5 个'] });
    expect(created.indicators).toEqual([
      { level1: '效益指标', level2: '社会效益指标', name: '职工阅读覆盖率', description: '', op: '≥', value: '60', unit: '%', basis: '行业标准' },
    ]);
  });

  it('refuses a bad sheet with every problem and changes nothing', async () => {
    await importBudgetFile(t.db, fixtureText());
    const before = dumpDatabase(t.db.path);
    const bytes = await workbook([
      [EXISTING, '', '产出指标', '数量指标', '资金到位率', '≥', '98', '%', ''],
      [EXISTING, '', '产出指标', '满意度', '资金到位率', '≥', '98', '%', ''],
      ['', '无编码项目', '效益指标', '社会效益指标', '覆盖率', '≥', '60', '%', ''],
      [EXISTING, '', '效益指标', '社会效益指标', '覆盖率', '差不多', '60', '%', ''],
      ['P2025X', '', '效益指标', '社会效益指标', '覆盖率', '≥', '60', '%', ''],
    ]);
    const reading = await readIndicatorSheet(bytes, '指标.xlsx');
    if ('reason' in reading) throw new Error(reading.reason);
    const r = importIndicatorSheet(t.db, reading, { dept: '711', year: 2025 });
    expect(r.written).toBe(false);
    expect(r.problems.map(formatProblem)).toEqual([
      '第 4 行“二级指标”：“满意度”不是“产出指标”下的二级指标，应为 数量指标、质量指标、时效指标、成本指标 之一',
      '第 5 行“项目编码”：缺少项目编码',
      '第 6 行“指标性质”：“差不多”不是可识别的指标性质（≥、≤、=、>、<，或正向指标、反向指标）',
      '第 7 行：项目 P2025X 不在本预算中，表中也没有给出项目名称，无法新建',
    ]);
    expect(dumpDatabase(t.db.path)).toBe(before);
  });
});
