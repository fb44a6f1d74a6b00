// 报表预览 paints the same geometry as the workbook and the PDF (core/tables/layout): every grid position of
// a 绩效目标 block is a cell (empty ones too), names of 款 and 项 are indented by level, and 合计 spans
// 科目编码 + 科目名称 as in the workbook.
import { test, expect, screen, nav, seedReference, openFirstBudget } from './fixtures';

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
