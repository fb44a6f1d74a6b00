// Issue 20 on 开始 and 导出: browser mode opens and creates another database by path, with recent files;
// 覆盖 of an existing department-year asks first, naming what goes, and backs up (覆盖导入前); an imported
// budget is opened at once and a stale 已删除 notice goes; 合并单位预算 before the department exists offers
// 新建; a PDF export shows that it is working.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, nav, FIXTURE_711, seedReference, openDatabase, openFirstBudget } from './fixtures';

const text = readFileSync(FIXTURE_711, 'utf8');
const file = (name: string, body: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(body) });

test.describe('browser mode', () => {
  test.use({ transport: 'browser' });

  test('开始 creates and opens another database by path; recent files open it again', async ({ app: page, engine }) => {
    await openDatabase(page);
    await expect(page.getByTestId('db-path')).toHaveText(engine.dbPath);
    const other = join(engine.dir, 'second.sqlite');
    await page.getByRole('button', { name: '打开或新建其他数据库…' }).click();
    await page.getByLabel('数据库文件路径').fill(other);
    await page.getByRole('button', { name: '新建', exact: true }).first().click();
    await expect(page.getByTestId('db-path')).toHaveText(other);
    await expect(page.getByText('数据库中还没有预算')).toBeVisible();

    // A path that is no database file: refused in Chinese, the open database stays.
    await page.getByRole('button', { name: '打开或新建其他数据库…' }).click();
    await page.getByLabel('数据库文件路径').fill(join(engine.dir, 'missing.sqlite'));
    await page.getByRole('button', { name: '打开', exact: true }).first().click();
    await expect(page.getByRole('alert')).toContainText('不存在');
    await expect(page.getByTestId('db-path')).toHaveText(other);

    // The first database is among the recent ones; one click opens it again.
    await page.getByTestId('recent-dbs').getByRole('button', { name: engine.dbPath }).click();
    await expect(page.getByTestId('db-path')).toHaveText(engine.dbPath);
  });
});

test('覆盖 asks first naming lines, projects and 情况说明; cancel changes nothing; 覆盖 backs up and opens the budget', async ({ app: page, engine }) => {
  await seedReference(engine);
  await page.reload();
  const list = page.getByTestId('budget-list');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  // A stale notice of an earlier delete goes with the next import.
  await engine.call('import.budgetFile', { fileName: 'x.budget.json', text: text.replace('"code": "711"', '"code": "799"') });
  await page.reload();
  await list
    .getByRole('button', { name: /删除 .* 2025 年预算/ })
    .last()
    .click();
  await page.getByTestId('delete-confirm').getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('delete-notice')).toBeVisible();

  const doc = JSON.parse(text);
  doc.lines = doc.lines.slice(0, 2);
  await page.getByLabel('覆盖同部门同年度的已有预算').check();
  await page.getByLabel('选择预算文件').setInputFiles(file('711-new.budget.json', JSON.stringify(doc)));
  const confirm = page.getByTestId('replace-confirm');
  await expect(confirm).toContainText('711 工会部门');
  await expect(confirm).toContainText('明细 10 条');
  await expect(confirm).toContainText('项目 1 个');
  await expect(confirm).toContainText('情况说明（已填写');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(list.locator('tbody tr').first()).toContainText('10');

  await page.getByLabel('选择预算文件').setInputFiles(file('711-new.budget.json', JSON.stringify(doc)));
  await page.getByTestId('replace-confirm').getByRole('button', { name: '覆盖' }).click();
  await expect(page.getByTestId('import-notice')).toContainText('已覆盖原有数据');
  await expect(page.getByTestId('import-notice')).toContainText('覆盖导入前');
  await expect(page.getByTestId('delete-notice')).toHaveCount(0);
  await expect(page.getByText('覆盖导入前').first()).toBeVisible();
  // Opened at once: the budget's pages are there without 打开.
  await nav(page, '预算明细');
  await expect(page.getByTestId('total-all')).toHaveText('25,895.00');
});

test('合并单位预算 before the department exists offers 新建 from the file', async ({ app: page, engine }) => {
  await seedReference(engine);
  await page.reload();
  const unit = JSON.parse(text);
  unit.department = { code: '788', name: '新街道' };
  await page.getByLabel('选择单位预算文件').setInputFiles(file('788.budget.json', JSON.stringify(unit)));
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog).toContainText('数据库中没有部门 788 新街道 2025 年的预算');
  await dialog.getByRole('button', { name: '新建 788 新街道 2025 年预算' }).click();
  await expect(page.getByTestId('budget-list')).toContainText('新街道');
});

test('导出 PDF shows that it is working until the file is there', async ({ app: page, engine }) => {
  test.setTimeout(240_000);
  await seedReference(engine);
  await openFirstBudget(page);
  await nav(page, '导出');
  await page.getByRole('button', { name: /导出 PDF/ }).click();
  const confirm = page.getByTestId('export-confirm');
  const progress = page.getByTestId('export-progress');
  await expect(progress.or(confirm)).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: '仍要导出' }).click();
  await expect(progress).toBeVisible();
  await expect(progress).toContainText('正在生成 PDF');
  await expect(page.getByTestId('export-outcome')).toBeVisible({ timeout: 200_000 });
  await expect(progress).toHaveCount(0);
});
