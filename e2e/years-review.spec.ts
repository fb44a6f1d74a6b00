// Reviewing years in the app (issue 24 points 6 and 8): 历年对比 on 往年对比 (every year in columns, to Excel),
// and renaming a copied project's code on 项目与绩效 keeps its 预算数 in view.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, nav, seedReference, openFirstBudget, type Engine } from './fixtures';

const FIXTURE_2024 = resolve(import.meta.dirname, '../test/fixtures/compare-711-2024.budget.json');

/** The reference 2025 and the constructed 2024 in one database, 2025 open. */
async function open2025With2024(page: Page, engine: Engine): Promise<void> {
  await seedReference(engine);
  await engine.call('import.budgetFile', { fileName: '711-2024.budget.json', text: readFileSync(FIXTURE_2024, 'utf8') });
  await page.reload();
  await nav(page, '开始');
  await page.getByTestId('budget-list').locator('tr', { hasText: '2025' }).getByRole('button', { name: '打开' }).click();
}

test('历年对比: every year from the chosen one in columns with the changes; exported to Excel', async ({ app: page, engine }) => {
  await open2025With2024(page, engine);
  await nav(page, '往年对比');
  const series = page.getByTestId('year-series');
  await expect(series.locator('thead th')).toHaveText(['项目', '2024年', '2025年', '比上年增减']);
  await expect(series.locator('tr[data-key="total"] td')).toHaveText(['收入/支出合计', '76.61', '55.33', '-21.28']);
  await expect(series.locator('tr[data-key="threePublic.reception"] td').first()).toHaveText('公务接待费');
  await expect(series.locator('tr[data-key="fn:201"] td')).toHaveText(['201 一般公共服务支出', '22.50', '10.85', '-11.65']);
  await expect(page.getByTestId('totals-chart')).toBeVisible();
  await series.getByRole('button', { name: '导出 Excel（.xlsx）' }).click();
  await expect(page.getByTestId('series-outcome')).toContainText('历年对比.xlsx');
});

test("预算明细 shows each line's 上年数 (same unit, 科目, 支出类型 and 项目 last year) and the change", async ({ app: page, engine }) => {
  await open2025With2024(page, engine);
  await nav(page, '预算明细');
  const grid = page.getByTestId('lines-grid');
  await expect(grid.getByRole('columnheader', { name: '上年数(元)' })).toBeVisible();
  const first = grid.locator('.gridrow').first();
  await expect(first.locator('[data-derived="prior"]')).toHaveText('8,000.00');
  await expect(first.locator('[data-derived="change"]')).toHaveText('-1,600.00');
});

test('renaming a project code on 项目与绩效 keeps its 预算数', async ({ app: page, engine }) => {
  await seedReference(engine);
  await openFirstBudget(page);
  await nav(page, '项目与绩效');
  const amount = page.getByTestId('project-amount');
  await expect(amount).toContainText('81,000.00');
  const code = page.getByTestId('project-editor').locator('input[name="code"]');
  await code.fill('13030326P00496310001X');
  await code.blur();
  await expect(page.getByTestId('project-list')).toContainText('13030326P00496310001X');
  await expect(page.getByTestId('project-editor').locator('input[name="code"]')).toHaveValue('13030326P00496310001X');
  await expect(amount).toContainText('81,000.00');
  await expect(page.getByTestId('project-list').locator('tr.selected td.num')).toHaveText('81,000.00');
});
