// Browser mode end to end: the real server (dist/server/serve.cjs) with its token, CSP header and HTTP
// transport; the renderer picks the HTTP client because no window.budgetdesk is injected. An export
// arrives as a browser download. (The clerk's whole entry runs in browser mode too: clerk.spec.ts.)
import { join } from 'node:path';
import { test, expect, openDatabase } from './fixtures';
import { readWorkbook, findTable, dataRow, headerCol, printed } from './workbook';

test.use({ transport: 'browser' });

test('browser mode: token from the fragment, HTTP transport, CSP, workbook as a download', async ({ app: page, engine }) => {
  // The fixture opened the printed address and saw the token leave the address bar.
  await openDatabase(page);
  await expect(page.getByTestId('db-path')).toHaveText(engine.dbPath);
  await page.locator('input[name="deptCode"]').fill('711');
  await page.locator('input[name="deptName"]').fill('工会部门');
  await page.locator('input[name="year"]').fill('2025');
  await page.getByRole('button', { name: '新建', exact: true }).last().click();
  const form = page.getByTestId('add-unit');
  await form.locator('input[name="unit-code"]').fill('711001');
  await form.locator('input[name="unit-name"]').fill('工会部门山海关区总工会本级');
  await form.getByRole('button', { name: '添加单位' }).click();
  await expect(page.getByTestId('units').locator('tbody input[aria-label="单位名称"]')).toHaveValue('工会部门山海关区总工会本级');

  await page.getByRole('navigation').getByRole('button', { name: '预算明细', exact: true }).click();
  await page.getByRole('button', { name: '从 Excel 粘贴…' }).click();
  await page
    .getByLabel('粘贴内容')
    .fill('711001\t2012901\t30228\t基本支出\t一般公共预算拨款\t6400\n711001\t2080501\t30302\t基本支出\t一般公共预算拨款\t208390');
  await page.getByRole('button', { name: '添加这些行' }).click();
  await expect(page.getByTestId('total-all')).toHaveText('214,790.00');

  await page.getByRole('navigation').getByRole('button', { name: '导出', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出工作簿/ }).click();
  // A two-line budget still has 审核 错误 (no project, no 职责 …): the clerk is asked and confirms.
  await expect(page.getByTestId('export-confirm')).toContainText('个错误，仍要导出吗？');
  await page.getByTestId('export-confirm').getByRole('button', { name: '仍要导出' }).click();
  const d = await download;
  await expect(page.getByTestId('export-outcome')).toContainText('已下载');
  const path = join(engine.exportDir, d.suggestedFilename());
  await d.saveAs(path);
  const g = findTable(await readWorkbook(path), '支出总表');
  expect(printed(g.raw[dataRow(g, '合计')]![headerCol(g, '合计')]!)).toBe('21.48');
});

test('browser mode: calls without the token are refused, the page has none in its address', async ({ app: page, engine }) => {
  const origin = new URL(engine.url).origin;
  const res = await fetch(`${origin}/api/db.status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(401);
  // The test's own calls carry the token, like the page's.
  expect((await engine.call<{ open: boolean }>('db.status', {})).open).toBe(true);
  await page.reload();
  await expect(page.getByTestId('db-path')).toBeVisible();
});
