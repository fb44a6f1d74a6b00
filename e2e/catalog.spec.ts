// 科目表: view the year's catalog, import a finance bureau's list (row-level errors first, then a good
// file), add a missing code by hand (the missing-parent message first), and find both codes in the
// 预算明细 picker. A year without its own catalog says which year's it uses.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, screen, nav, seedReference, openFirstBudget } from './fixtures';
import { COL, draftCell, firstKey } from './grid';

test('科目表: view, import a csv, add a code by hand, pick both in 预算明细', async ({ app: page, engine }) => {
  await seedReference(engine);
  await openFirstBudget(page);
  await nav(page, '科目表');

  // View: path 类›款›项 and origin.
  const table = page.getByTestId('catalog-table');
  await expect(table.locator('tr[data-code="2012901"] td')).toHaveText(['2012901', '行政运行', '一般公共服务支出›群众团体事务›行政运行', '末级', '内置']);
  await page.getByLabel('搜索科目').fill('群众团体');
  await expect(table.locator('tr[data-code="20129"]')).toBeVisible();
  await expect(table.locator('tr[data-code="2012901"]')).toHaveCount(0);
  await page.getByLabel('搜索科目').fill('');

  // A bad file: nothing imported, each bad row named with its reason.
  const bad = join(engine.dir, 'bad.csv');
  writeFileSync(bad, '编码,名称\n2012988,职工书屋建设\n30201,办公费\n2012987,\n');
  await page.getByLabel('选择科目表文件').setInputFiles(bad);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('未导入');
  await expect(alert.locator('li')).toHaveCount(2);
  await expect(alert.locator('li').first()).toContainText('第 3 行：');
  await expect(alert.locator('li').nth(1)).toContainText('第 4 行：');
  await screen(page, 'catalog-01-import-errors');
  await page.getByLabel('搜索科目').fill('2012988');
  await expect(page.getByText('没有符合条件的科目。')).toBeVisible();

  // A good file.
  const good = join(engine.dir, 'good.csv');
  writeFileSync(good, '编码,名称\n2012988,职工书屋建设\n');
  await page.getByLabel('选择科目表文件').setInputFiles(good);
  await expect(page.getByTestId('catalog-import-done')).toContainText('新增 1 个');
  await expect(table.locator('tr[data-code="2012988"] td')).toHaveText([
    '2012988',
    '职工书屋建设',
    '一般公共服务支出›群众团体事务›职工书屋建设',
    '末级',
    '导入',
  ]);

  // By hand: the parent must exist.
  await page.getByLabel('科目编码').fill('2018801');
  await page.getByLabel('科目名称').fill('无上级的科目');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('上级科目 20188 不在 2025 年科目表中，请先添加上级科目');
  await page.getByLabel('科目编码').fill('2012987');
  await page.getByLabel('科目名称').fill('职工疗休养');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await expect(page.getByTestId('catalog-add-done')).toContainText('已添加 2012987 职工疗休养');
  await expect(table.locator('tr[data-code="2012987"] td').nth(4)).toHaveText('手工添加');
  await screen(page, 'catalog-02-added');

  // Both are offered by the 预算明细 picker.
  await nav(page, '预算明细');
  for (const [code, name] of [
    ['2012988', '职工书屋建设'],
    ['2012987', '职工疗休养'],
  ] as const) {
    await draftCell(page, COL.function).click();
    await firstKey(page, code[0]!);
    await expect(page.locator('.popover input')).toBeFocused();
    await page.keyboard.type(code.slice(1));
    await expect(page.locator('.popover .opt.hl')).toContainText(code);
    await expect(page.locator('.popover .opt.hl')).toContainText(name);
    await screen(page, `catalog-03-picker-${code}`);
    await page.keyboard.press('Escape');
    await expect(page.locator('.popover')).toHaveCount(0);
  }
});

test('a year without its own catalog says which one it uses', async ({ app: page, engine }) => {
  await seedReference(engine);
  await engine.call('years.create', { dept: '711', fromYear: 2025, toYear: 2026, zeroAmounts: false });
  await page.reload();
  await page.getByTestId('budget-list').locator('tr', { hasText: '2026' }).getByRole('button', { name: '打开' }).click();
  await nav(page, '科目表');
  await expect(page.getByTestId('catalog-borrowed-note')).toContainText('使用 2025 年科目表');
  await expect(page.getByTestId('catalog-table').locator('tr[data-code="2012901"]')).toBeVisible();
  await screen(page, 'catalog-04-borrowed');
});
