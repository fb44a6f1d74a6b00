// 控制数 in the app (issue 23): the bureau's sheet is previewed with each ceiling's 已编 before anything is
// written, then imported; the 控制数 page lists 超出 / 未编足; 预算明细 shows the current line's ceilings and
// follows an edit; 下发 writes the unit's starter file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, nav, openFirstBudget, seedReference, FIXTURE_711 } from './fixtures';

test('控制数: sheet preview and import, the view, the line panel, 下发', async ({ app: page, engine }) => {
  await seedReference(engine, readFileSync(FIXTURE_711, 'utf8'));
  await openFirstBudget(page);
  await nav(page, '控制数');
  await expect(page.getByTestId('control-empty')).toBeVisible();

  const file = join(engine.dir, '控制数表.csv');
  writeFileSync(
    file,
    [
      '2025年控制数（单位：万元）',
      '单位,资金来源,支出类型,控制数',
      '711001 工会部门山海关区总工会本级,一般公共预算拨款,基本支出,50',
      ',一般公共预算拨款,,55',
    ].join('\r\n'),
  );
  await page.getByTestId('control-sheet').setInputFiles(file);
  const preview = page.getByTestId('control-preview');
  await expect(preview).toContainText('控制数 2 个');
  await expect(preview.getByTestId('control-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('control-empty')).toBeVisible(); // nothing written yet
  await preview.getByTestId('control-import').click();

  const table = page.getByTestId('control-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tr[data-status="未编足"]')).toContainText('472325.50');
  await expect(table.locator('tr[data-status="超出"]')).toContainText('-3325.50');
  await expect(page.getByTestId('control-summary')).toContainText('其中 1 个已超出');

  await nav(page, '预算明细');
  await page.getByTestId('totals').waitFor();
  await page.locator('[data-cell="0:1"]').click();
  const cells = page.getByTestId('control-cells');
  await expect(cells).toContainText('部门整体 · 一般公共预算拨款');
  await expect(cells).toContainText('已编 553325.50');

  await nav(page, '控制数');
  await page.getByTestId('handout-unit').selectOption('711001');
  await page.getByTestId('handout').click();
  await expect(page.getByTestId('handout-outcome')).toContainText('已生成 1 个文件');
  const name = readdirSync(engine.exportDir).find((n) => n.endsWith('-下发.budget.json'))!;
  const doc = JSON.parse(readFileSync(join(engine.exportDir, name), 'utf8'));
  expect(doc.control).toEqual([{ unit: '711001', source: 'general', kind: 'basic', amount: '500000.00' }]);
  expect(doc.lines).toEqual([]);
});

test('下发 on 开始: every unit of the open budget gets its starter file', async ({ app: page, engine }) => {
  await seedReference(engine, readFileSync(FIXTURE_711, 'utf8'));
  await openFirstBudget(page);
  await nav(page, '开始');
  await page.getByTestId('handout').click();
  await expect(page.getByTestId('handout-outcome')).toContainText('已生成 1 个文件');
  const name = readdirSync(engine.exportDir).find((n) => n.endsWith('-下发.budget.json'))!;
  const doc = JSON.parse(readFileSync(join(engine.exportDir, name), 'utf8'));
  expect(doc.units.map((u: { code: string }) => u.code)).toEqual(['711001']);
  expect(doc.lines).toEqual([]);
});
