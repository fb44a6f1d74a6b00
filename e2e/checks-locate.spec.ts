// 校验: findings grouped by table or section with a count by severity, and 定位 that opens the page and
// selects what a finding names — the 预算明细 line, the project's indicator, the 情况说明 field.
import { readFileSync } from 'node:fs';
import type { LineDto } from '../api/contract';
import { test, expect, screen, nav, FIXTURE_711, seedReference, openFirstBudget } from './fixtures';

const budget = { dept: '711', year: 2025 };

/** The reference with 30108 养老保险缴费 moved under 2080501 (错误) and one indicator without its unit (提示). */
function brokenReference(): string {
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  doc.lines[5].function = '2080501';
  doc.projects[0].indicators[0].unit = '';
  doc.narrative.other = '本部门2019年已完成机构改革。';
  return JSON.stringify(doc);
}

test('定位 follows a finding from 校验 to the line, the indicator and the paragraph it names', async ({ app: page, engine }) => {
  await seedReference(engine, brokenReference());
  const lines = await engine.call<LineDto[]>('lines.list', { budget });
  const target = lines.find((l) => l.economic === '30108')!;
  expect(lines.indexOf(target)).toBeGreaterThan(0); // not the row the grid selects by itself

  await openFirstBudget(page);
  await nav(page, '校验');
  await expect(page.getByTestId('checks-summary')).toHaveText('错误 1 项，提示 2 项');
  const groups = page.getByTestId('checks-group');
  await expect(groups).toHaveCount(3);
  await expect(page.getByRole('region', { name: '预算明细' })).toContainText('错误 1，提示 0');
  await expect(page.getByRole('region', { name: '项目与绩效目标' })).toContainText('未填写计量单位');
  await expect(page.getByRole('region', { name: '情况说明 十一、其他需要说明的事项' })).toContainText('“2019年”不是预算年度 2025 年或上年 2024 年');
  await screen(page, 'checks-01-grouped');

  // The line: 预算明细 opens with that line's row selected.
  const finding = page.locator('[data-testid="checks-finding"][data-rule="policy.function-economic-mismatch"]');
  await expect(finding).toContainText(`经济分类 30108 机关事业单位基本养老保险缴费 应列在功能分类 2080505`);
  await finding.getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('预算明细');
  const row = page.locator(`[data-line-id="${target.id}"]`);
  await expect(row.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(1);
  await expect(row).toContainText('2080501');
  await expect(page.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(1);
  await screen(page, 'checks-02-line-located');

  // The indicator: 项目与绩效 opens on the project with the first indicator marked and its 指标值 focused.
  await nav(page, '校验');
  await page.locator('[data-testid="checks-finding"][data-rule="project.indicator-unit-missing"]').getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('项目与绩效');
  await expect(page.getByTestId('indicator-0')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('indicator-0').getByLabel('指标值', { exact: true })).toBeFocused();

  // The paragraph: 情况说明 opens with the clerk's field focused and its section marked in the preview.
  await nav(page, '校验');
  await page.locator('[data-testid="checks-finding"][data-rule="narrative.year-out-of-range"]').getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('情况说明');
  await expect(page.getByLabel('其他需要说明的事项')).toBeFocused();
  await expect(page.locator('[data-testid="narrative-preview"] [data-section="other"]')).toHaveAttribute('aria-current', 'true');
});
