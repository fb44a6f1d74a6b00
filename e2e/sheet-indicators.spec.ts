// 导入明细表 with an indicator workbook (issue 13, item 5) through the browser: the preview lists the
// projects with their indicator counts and what happens to each; import completes the project's 绩效指标.
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, nav, openFirstBudget, seedReference, FIXTURE_711, screen } from './fixtures';

test('导入明细表: an indicator workbook previews projects and imports their 绩效指标', async ({ app: page, engine }) => {
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  const projects = doc.projects as { code: string; name: string; indicators: Record<string, string>[] }[];
  await seedReference(engine, JSON.stringify({ ...doc, projects: projects.map((p) => ({ ...p, indicators: [] })) }));
  await openFirstBudget(page);
  await nav(page, '预算明细');

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目绩效指标');
  ws.addRow(['项目编码', '项目名称', '一级指标', '二级指标', '三级指标', '指标解释', '指标性质', '指标值', '计量单位', '指标值确定依据']);
  for (const p of projects)
    for (const i of p.indicators) ws.addRow([p.code, p.name, i.level1, i.level2, i.name, i.description, i.op, i.value, i.unit, i.basis]);
  const file = join(engine.dir, '绩效指标.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

  await page.getByRole('button', { name: '导入明细表…' }).click();
  const dialog = page.getByTestId('sheet-import');
  await dialog.getByLabel('选择明细表文件').setInputFiles(file);
  await expect(dialog.getByTestId('sheet-summary')).toContainText('这是项目绩效指标表');
  const row = dialog.getByTestId('sheet-indicator-projects').locator('tbody tr');
  await expect(row).toHaveCount(projects.length);
  await expect(row.first()).toContainText(`${projects[0]!.code}${projects[0]!.name}补全已有项目${projects[0]!.indicators.length}`);
  await expect(dialog.getByTestId('sheet-problems')).toHaveCount(0);
  await screen(page, 'sheet-indicators-01-preview');

  await dialog.getByRole('button', { name: `导入 ${projects.length} 个项目的绩效指标` }).click();
  await expect(dialog).toHaveCount(0);
  const stored = await engine.call<{ code: string; indicators: unknown[] }[]>('projects.list', { budget: { dept: '711', year: 2025 } });
  expect(stored.map((p) => p.indicators)).toEqual(projects.map((p) => p.indicators));
});
