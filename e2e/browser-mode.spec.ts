// Browser mode end to end: the real server (dist/server/serve.cjs) with its token, CSP header and HTTP
// transport; the renderer picks the HTTP client because no window.budgetdesk is injected. An export
// arrives as a browser download.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readWorkbook, findTable, dataRow, headerCol, printed } from './workbook';

const ROOT = resolve(import.meta.dirname, '..');
let child: ChildProcess | null = null;
let dir = '';
let url = '';

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetdesk-browser-'));
  child = spawn(process.execPath, [join(ROOT, 'dist/server/serve.cjs'), '--db', join(dir, 'b.sqlite'), '--port', '0', '--no-open'], {
    cwd: ROOT, env: { ...process.env, BUDGETDESK_NO_OPEN: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((ok, fail) => {
    let out = '';
    child!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*#token=\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child!.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

test('browser mode: token from the fragment, HTTP transport, CSP, workbook as a download', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await expect(page.getByText('浏览器模式')).toBeVisible();
  // The token left the address bar.
  expect(page.url()).not.toContain('token=');
  await expect(page.getByTestId('db-path')).toBeVisible();
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
  await page.getByLabel('粘贴内容').fill('711001\t2012901\t30228\t基本支出\t一般公共预算拨款\t6400\n711001\t2080501\t30302\t基本支出\t一般公共预算拨款\t208390');
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
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  const g = findTable(await readWorkbook(path), '支出总表');
  expect(printed(g.raw[dataRow(g, '合计')]![headerCol(g, '合计')]!)).toBe('21.48');
  expect(errors).toEqual([]);
});
