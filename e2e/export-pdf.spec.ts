// 导出 PDF in the app (injected bridge: the engine prints with the system Chromium; browser mode: a
// download, and 另存备份 as a download too), and the confirmation before exporting a budget that has 错误.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChecksRunResult } from '../api/contract';
import type { ProjectDto } from '../api/contract';
import { test, expect, screen, nav, FIXTURE_711, seedReference, openFirstBudget } from './fixtures';
import { pdfText } from './pdf';

const ROOT = resolve(import.meta.dirname, '..');
const expected = JSON.parse(readFileSync(resolve(ROOT, 'test/shared/fixtures/711-2025.expected.json'), 'utf8'));
const budget = { dept: '711', year: 2025 };

test('导出 PDF: the disclosure with every table, saved where the transport chose', async ({ app: page, engine }) => {
  await seedReference(engine);
  await openFirstBudget(page);
  await nav(page, '导出');
  await page.getByRole('button', { name: /导出 PDF/ }).click();
  const outcome = page.getByTestId('export-outcome');
  await expect(outcome).toContainText('已保存到', { timeout: 60_000 });
  const path = (await page.getByTestId('export-path').textContent())!;
  expect(path.endsWith('711工会部门2025年部门预算公开.pdf')).toBe(true);
  // The desktop transport offers the folder (main shows it only for paths its save dialog returned).
  await expect(outcome.getByRole('button', { name: '打开所在文件夹' })).toBeVisible();
  await screen(page, 'pdf-01-exported');

  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(path);
  // The reference's 本年收入合计 (55.33 万元), as printed in the reference disclosure.
  expect(text).toContain(expected.tables['收支总表'].income['本年收入合计']);
  expect(text).toContain('55.33');
  expect(text).toContain('目录');
  expect(text).toContain('名词解释');
});

test('export with 错误 asks first, links to 校验, and exports only when confirmed', async ({ app: page, engine }) => {
  await seedReference(engine);
  // A project without goals and indicators: the 绩效目标表 rules report 错误.
  const [p] = await engine.call<ProjectDto[]>('projects.list', { budget });
  await engine.call('projects.update', { budget, code: p!.code, project: { ...p!, goals: [], indicators: [] } });
  const checks = await engine.call<ChecksRunResult>('checks.run', { budget });
  const n = checks.summary.errors;
  expect(n).toBeGreaterThan(0);

  await openFirstBudget(page);
  await nav(page, '导出');
  await page.getByRole('button', { name: /导出工作簿/ }).click();
  const dialog = page.getByTestId('export-confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`有 ${n} 个错误，仍要导出吗？`);
  await screen(page, 'pdf-02-confirm-errors');

  // 取消: nothing exported.
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);
  expect(readdirSync(engine.exportDir)).toEqual([]);

  // The link goes to 校验, which lists the same errors.
  await page.getByRole('button', { name: /导出预算文件/ }).click();
  await page.getByTestId('export-confirm').getByRole('button', { name: '查看校验结果' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('校验');
  await expect(page.getByText(checks.findings.find((f) => f.severity === '错误')!.message)).toBeVisible();
  expect(readdirSync(engine.exportDir)).toEqual([]);

  // 仍要导出: exported.
  await nav(page, '导出');
  await page.getByRole('button', { name: /导出工作簿/ }).click();
  await page.getByTestId('export-confirm').getByRole('button', { name: '仍要导出' }).click();
  await expect(page.getByTestId('export-outcome')).toContainText('已保存到');
  expect(readdirSync(engine.exportDir)).toEqual(['711工会部门2025年部门预算公开表.xlsx']);
});

// ---- browser mode: the real server (the fixture's browser transport), the PDF arrives as a download

test.describe('browser mode', () => {
  test.use({ transport: 'browser' });

  test('browser mode: 导出 PDF downloads the disclosure', async ({ app: page, engine }) => {
    await expect(page.getByTestId('db-path')).toBeVisible();
    await page.getByLabel('选择预算文件').setInputFiles(FIXTURE_711);
    await expect(page.getByText('已导入 711 2025 年度预算')).toBeVisible();
    await page.getByTestId('budget-list').getByRole('button', { name: '打开' }).click();
    await page.getByRole('navigation').getByRole('button', { name: '导出', exact: true }).click();
    // Browser mode has no 打开所在文件夹.
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: /导出 PDF/ }).click();
    const d = await download;
    await expect(page.getByTestId('export-outcome')).toContainText('已下载');
    await expect(page.getByRole('button', { name: '打开所在文件夹' })).toHaveCount(0);
    const path = join(engine.exportDir, d.suggestedFilename());
    await d.saveAs(path);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(path)).toContain('55.33');

    // 另存备份 in browser mode: a consistent copy of the database, downloaded.
    await page.getByRole('navigation').getByRole('button', { name: '开始', exact: true }).click();
    const copy = page.waitForEvent('download');
    await page.getByTestId('backup-panel').getByRole('button', { name: '另存备份（下载）' }).click();
    const c = await copy;
    await expect(page.getByTestId('backup-done')).toContainText('已下载备份');
    const copyPath = join(engine.exportDir, c.suggestedFilename());
    await c.saveAs(copyPath);
    expect(c.suggestedFilename()).toMatch(/^budget-备份-\d{4}-\d{2}-\d{2}\.sqlite$/);
    expect(readFileSync(copyPath).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  });
});
