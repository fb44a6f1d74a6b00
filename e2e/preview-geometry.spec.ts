// 报表预览 paints the same geometry as the workbook and the PDF (core/tables/layout): every grid position of
// a 绩效目标 block is a cell (empty ones too), names of 款 and 项 are indented by level, and 合计 spans
// 科目编码 + 科目名称 as in the workbook.
import { readFileSync } from 'node:fs';
import { test, expect, screen, nav, seedReference, openFirstBudget, FIXTURE_711 } from './fixtures';

test('the preview shows the layout geometry: filled form blocks, indented names, the 合计 span', async ({ app: page, engine }) => {
  await seedReference(engine);
  await openFirstBudget(page);
  await nav(page, '报表预览');

  await page.getByRole('tab', { name: /收入总表$/ }).click();
  const income = page.getByTestId('table-income');
  await expect(income.locator('tr[data-keys~="2012901"] td.text')).toHaveClass(/indent3/); // 项
  await expect(income.locator('tr[data-keys~="20129"] td.text')).toHaveClass(/indent2/); // 款
  await expect(income.locator('tr[data-keys~="201"] td.text')).not.toHaveClass(/indent/); // 类
  await expect(income.locator('tr[data-keys~="合计"] td').nth(1)).toHaveAttribute('colspan', '2');
  await screen(page, 'preview-geometry-income');

  await page.getByRole('tab', { name: /项目支出绩效目标表/ }).click();
  const block = page.getByTestId('table-performance').locator('.block').first();
  await expect(block).toContainText('困难职工及劳模帮扶救助资金');
  // Every row of the block covers all its columns: the sum of colspans per row (rowspans counted on
  // the rows they reach) equals the column count, so no position is left without a bordered cell.
  const coverage = await block.locator('table').evaluate((table: HTMLTableElement) => {
    const cols = table.querySelectorAll('col').length;
    const filled: number[] = new Array(table.rows.length).fill(0);
    for (const row of Array.from(table.rows)) {
      for (const cell of Array.from(row.cells)) {
        for (let r = row.rowIndex; r < row.rowIndex + cell.rowSpan; r++) filled[r] = (filled[r] ?? 0) + cell.colSpan;
      }
    }
    return { cols, filled };
  });
  expect(coverage.filled.every((n) => n === coverage.cols)).toBe(true);
  await screen(page, 'preview-geometry-performance');
});

test('the 绩效目标表 of many projects is shown 50 projects at a time, numbered as in the whole table', async ({ app: page, engine }) => {
  // The reference department with 59 more projects (no lines: the 绩效目标表 lists every project).
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8')) as { projects: { code: string; name: string }[] };
  const first = doc.projects[0]!;
  for (let i = 1; i < 60; i++) doc.projects.push({ ...first, code: `711P${String(i).padStart(3, '0')}`, name: `第${i}号帮扶项目` });
  await seedReference(engine, JSON.stringify(doc));
  await openFirstBudget(page);
  await nav(page, '报表预览');
  await page.getByRole('tab', { name: /项目支出绩效目标表/ }).click();
  const table = page.getByTestId('table-performance');
  const pager = page.getByTestId('block-pager');
  const total = doc.projects.length;
  await expect(pager).toContainText(`项目 1–50，共 ${total} 个（第 1 / 2 页）`);
  await expect(table.locator('.block')).toHaveCount(50);
  await expect(pager.getByRole('button', { name: '上一页' })).toBeDisabled();
  await pager.getByRole('button', { name: '下一页' }).click();
  await expect(pager).toContainText(`项目 51–${total}，共 ${total} 个（第 2 / 2 页）`);
  await expect(table.locator('.block')).toHaveCount(total - 50);
  await expect(table.locator('.block h4').first()).toHaveText(`51、${doc.projects[50]!.name}绩效目标表`);
  await expect(pager.getByRole('button', { name: '下一页' })).toBeDisabled();
  await screen(page, 'preview-performance-page-2');
  // Another tab and back: the first page again.
  await page.getByRole('tab', { name: /收入总表$/ }).click();
  await page.getByRole('tab', { name: /项目支出绩效目标表/ }).click();
  await expect(pager).toContainText(`项目 1–50，共 ${total} 个`);
});
