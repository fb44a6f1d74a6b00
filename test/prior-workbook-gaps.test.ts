// 导入上年公开表 and its gaps (issue 24 point 7), through the real browser-mode HTTP server: the workbook's
// “三公” items reach 比上年增减 (the 公务接待费 sentence), the 上年机关运行经费 typed on 情况说明 fills what the
// published tables lack, and the 上年数 panel says which source each figure came from.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../api/handlers';
import { parseBudgetFile } from '../core/budget-file';
import { writeWorkbook } from '../core/export/xlsx';
import { deriveTables } from '../core/tables';
import { getCatalogs } from '../db/catalogs';
import { openDatabase } from '../db/open';
import { startServer, type RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { FIXTURE_2024, fixture2025WithoutPrior } from './helpers/compare-years';
import { apiValue } from './helpers/http-api';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;
const budget = { dept: '711', year: 2025 };

const value = (channel: string, args: unknown) => apiValue(srv, channel, args);

/** 2024 as published by another BudgetDesk: the constructed budget plus 2,300.00 元 of 公务接待费. */
async function workbook2024WithReception(): Promise<Buffer> {
  const doc = JSON.parse(readFileSync(FIXTURE_2024, 'utf8'));
  doc.lines.push({ unit: '711001', function: '2012901', economic: '30217', kind: 'basic', source: 'general', amount: '2300.00' });
  const other = openDatabase(tmp.file('other.sqlite'));
  try {
    const r = parseBudgetFile(JSON.stringify(doc), (y) => getCatalogs(other, y));
    if (!r.ok) throw new Error(r.message);
    return await writeWorkbook(deriveTables(r.budget, getCatalogs(other, 2024)));
  } finally {
    other.close();
  }
}

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('gaps.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 8 * 1024 * 1024 });
  await value('import.budgetFile', { fileName: '2025.budget.json', text: fixture2025WithoutPrior() });
});
afterAll(async () => {
  await srv?.close();
  engine?.close();
  tmp?.cleanup();
});

const section = async (id: string) => {
  const doc = await value('narrative.document', { budget });
  return JSON.stringify(doc.sections.find((s: { key: string }) => s.key === id));
};

describe('prior-year workbook gaps', () => {
  it('the “三公” items and a typed 机关运行经费 fill 比上年增减; each 上年数 names its source', async () => {
    const data = (await workbook2024WithReception()).toString('base64');
    const imp = await value('compare.importPrior', { budget, fileName: '711-2024.xlsx', data });
    expect(imp.totalWan).toBe('76.84');

    expect(await section('threePublic')).toContain('公务接待费0.00万元，较上年减少0.23万元');
    // 机关运行经费 is not in the published tables: unknown until typed.
    expect(await section('runningCost')).not.toContain('较上年');
    let cmp = await value('compare.get', { budget });
    expect(cmp.comparison.summary.find((r: { key: string }) => r.key === 'runningCost').prior).toBeNull();

    const saved = await value('years.setPriorFigures', { budget, figures: { officeCost: '30,000.00' } });
    expect(saved.usedFrom).toBe('workbook');
    expect(saved.sources).toEqual({
      total: '导入的公开表',
      basic: '导入的公开表',
      project: '导入的公开表',
      threePublic: '导入的公开表',
      officeCost: '手工填写的上年数',
    });
    expect(await section('runningCost')).toContain('较上年增加0.29万元');
    cmp = await value('compare.get', { budget });
    expect(cmp.comparison.summary.find((r: { key: string }) => r.key === 'runningCost').prior).toBe('3.00');
    expect(cmp.comparison.notes).toContain('2024 年机关运行经费取自手工填写的上年数。');
  });
});
