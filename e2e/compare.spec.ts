// Prior years in the app: 新建年度 2026 from 2025, change one amount, see the change in 往年对比;
// 定稿 makes the year read-only and 解除定稿 asks first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExportFile } from '../api/contract';
import { test, expect, screen, nav, FIXTURE_711, seedReference, openFirstBudget } from './fixtures';
import { COL, cell, typeCell } from './grid';

const FIXTURE_2024 = resolve(import.meta.dirname, '../test/fixtures/compare-711-2024.budget.json');

test('create 2026 from 2025, change one amount, and 往年对比 shows the change', async ({ app: page, engine }) => {
  await seedReference(engine);
  await openFirstBudget(page);

  // 2025 against 2024 (the budget file's priorYear): 减少 21.28.
  await nav(page, '往年对比');
  const summary = page.getByTestId('compare-summary');
  await expect(summary.locator('tr[data-key="total"]')).toContainText('76.61');
  await expect(summary.locator('tr[data-key="total"] td').nth(3)).toHaveText('-21.28');
  await expect(page.getByTestId('prior-origin')).toContainText('预算文件中的上年数');

  // 新建年度 2026, amounts kept.
  const form = page.getByTestId('new-year');
  await expect(form.locator('input[name="toYear"]')).toHaveValue('2026');
  await form.getByRole('button', { name: '新建年度' }).click();
  await expect(page.getByTestId('year-select')).toHaveValue('2026');
  await expect(page.getByTestId('current-budget')).toContainText('预算年度：2026');
  await expect(page.getByTestId('catalog-borrowed')).toHaveText('使用 2025 年科目表');
  await expect(page.getByTestId('compare-notes')).toContainText('2026 年没有自己的科目表，使用 2025 年科目表。');
  await expect(page.getByTestId('prior-origin')).toContainText('2025 年数据来源：本库预算明细');
  await expect(summary.locator('tr[data-key="total"] td')).toHaveText(['支出合计', '55.33', '55.33', '0.00', '0.00%']);

  // Change one amount in 2026: 行政运行 / 工会经费 6,400.00 → 16,400.00 (+1.00 万元).
  await nav(page, '预算明细');
  await expect(cell(page, 0, COL.amount)).toHaveText('6,400.00');
  await cell(page, 0, COL.amount).click();
  await typeCell(page, '16400');
  await expect(cell(page, 0, COL.amount)).toHaveText('16,400.00');

  await nav(page, '往年对比');
  await expect(summary.locator('tr[data-key="total"] td')).toHaveText(['支出合计', '55.33', '56.33', '1.00', '1.81%']);
  await expect(summary.locator('tr[data-key="basic"] td')).toHaveText(['基本支出', '47.23', '48.23', '1.00', '2.12%']);
  await expect(summary.locator('tr[data-key="project"] td')).toHaveText(['项目支出', '8.10', '8.10', '0.00', '0.00%']);
  const fn = page.getByTestId('compare-functions');
  await expect(fn.locator('tr[data-key="2012901"] td')).toHaveText(['2012901', '行政运行', '2.75', '3.75', '1.00', '36.36%']);
  await expect(fn.locator('tr[data-key="201"] td').nth(4)).toHaveText('1.00');
  // The chart: every year held (2024 from the budget file's priorYear, 2025, 2026).
  const bars = page.getByTestId('totals-chart').locator('g[data-year]');
  await expect(bars).toHaveCount(3);
  await expect(page.getByTestId('totals-chart').locator('g[data-year="2026"]')).toContainText('56.33');
  await screen(page, 'compare-2026');

  // Switching back to 2025 shows 2025's own figures.
  await page.getByTestId('year-select').selectOption('2025');
  await expect(page.getByTestId('current-budget')).toContainText('预算年度：2025');
  await expect(summary.locator('tr[data-key="total"] td').nth(2)).toHaveText('55.33');
});

test('定稿 makes a year read-only; 解除定稿 asks for confirmation', async ({ app: page, engine }) => {
  await seedReference(engine);
  await openFirstBudget(page);
  const switcher = page.getByTestId('year-switcher');
  await switcher.getByRole('button', { name: '定稿', exact: true }).click();
  await expect(page.getByTestId('finalized-pill')).toHaveText('已定稿');

  // The grid opens no editor on a 定稿 year (read-only banner), the engine refuses a write with the
  // Chinese reason anyway, and the stored amount stays.
  await nav(page, '预算明细');
  await cell(page, 0, COL.amount).click();
  await page.keyboard.press('1');
  await expect(page.locator('[data-testid="lines-grid"] input.editor')).toHaveCount(0);
  await expect(page.getByTestId('readonly-banner')).toContainText('已定稿');
  const [first] = await engine.call<{ id: number }[]>('lines.list', { budget: { dept: '711', year: 2025 } });
  await expect(engine.call('lines.update', { budget: { dept: '711', year: 2025 }, id: first!.id, changes: { amount: '16400' } })).rejects.toThrow('已定稿');
  await expect(cell(page, 0, COL.amount)).toHaveText('6,400.00');
  await screen(page, 'compare-finalized-refused');

  await switcher.getByRole('button', { name: '解除定稿' }).click();
  const dialog = page.getByRole('alertdialog', { name: '确认解除定稿' });
  await expect(dialog).toContainText('确定要解除 2025 年预算的定稿吗');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('finalized-pill')).toBeVisible();
  await switcher.getByRole('button', { name: '解除定稿' }).click();
  // The confirmation says what 定稿 froze, and the reason is required.
  await expect(page.getByTestId('unfinalize-frozen-note')).toContainText('定稿时保存的上年数、往年对比和科目表将不再使用');
  const confirm = page.getByRole('alertdialog').getByRole('button', { name: '确认解除定稿' });
  await expect(confirm).toBeDisabled();
  await page.getByLabel('解除定稿的原因').fill('财政局退回修改');
  await confirm.click();
  await expect(page.getByTestId('finalized-pill')).toHaveCount(0);
  await expect(switcher.getByRole('button', { name: '定稿', exact: true })).toBeVisible();

  // The record: on 往年对比 and on 开始.
  await nav(page, '往年对比');
  const log = page.getByTestId('finalize-log');
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await expect(log.locator('tbody tr').nth(0)).toContainText('定稿');
  await expect(log.locator('tbody tr').nth(1)).toContainText('解除定稿财政局退回修改');
  await nav(page, '开始');
  await expect(page.getByTestId('finalize-log').locator('tbody tr')).toHaveCount(2);
});

test('定稿 while 错误 remain shows their count and asks first', async ({ app: page, engine }) => {
  await seedReference(engine);
  await openFirstBudget(page);
  await nav(page, '往年对比');
  const form = page.getByTestId('new-year');
  await form.getByLabel('金额清零（保留为待填写的明细）').check();
  await form.getByRole('button', { name: '新建年度' }).click();
  await expect(page.getByTestId('year-select')).toHaveValue('2026');
  const switcher = page.getByTestId('year-switcher');
  await switcher.getByRole('button', { name: '定稿', exact: true }).click();
  const dialog = page.getByTestId('finalize-errors-confirm');
  await expect(dialog).toContainText(/2026 年的预算还有 \d+ 个错误/);
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('finalized-pill')).toHaveCount(0);
  await switcher.getByRole('button', { name: '定稿', exact: true }).click();
  await page.getByTestId('finalize-errors-confirm').getByRole('button', { name: '仍然定稿' }).click();
  await expect(page.getByTestId('finalized-pill')).toHaveText('已定稿');
  await expect(page.getByTestId('finalize-log').locator('tbody tr')).toContainText(/定稿时还有 \d+ 个错误/);
});

test("last year's published workbook imported in 往年对比 becomes the prior-year figures", async ({ app: page, engine }) => {
  // Last year's workbook, exported by BudgetDesk from another database.
  await engine.call('db.create', { path: join(engine.dir, 'last-year.sqlite') });
  await engine.call('import.budgetFile', { fileName: '711-2024.budget.json', text: readFileSync(FIXTURE_2024, 'utf8') });
  const wb = await engine.call<ExportFile>('export.workbook', { budget: { dept: '711', year: 2024 } });
  const xlsx = join(engine.exportDir, wb.fileName);
  writeFileSync(xlsx, Buffer.from(wb.data, 'base64'));

  // This year's database holds 2025 only (and its budget file gives no priorYear).
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  delete doc.priorYear;
  await seedReference(engine, JSON.stringify(doc));
  await openFirstBudget(page);
  await nav(page, '往年对比');
  await expect(page.getByTestId('compare-notes')).toContainText('库中没有 2024 年的预算明细，也没有导入 2024 年公开表');
  const summary = page.getByTestId('compare-summary');
  await expect(summary.locator('tr[data-key="total"] td')).toHaveText(['支出合计', '—', '55.33', '—', '—']);

  // A workbook that does not fit (this year's own) is refused with the reason.
  const own = await engine.call<ExportFile>('export.workbook', { budget: { dept: '711', year: 2025 } });
  const ownPath = join(engine.exportDir, `own-${own.fileName}`);
  writeFileSync(ownPath, Buffer.from(own.data, 'base64'));
  await page.getByTestId('prior-workbook').setInputFiles(ownPath);
  await expect(page.getByRole('alert').filter({ hasText: '不能作为上年公开表导入' })).toContainText('这是 2025 年的公开表，需要的是 2024 年的');

  await page.getByTestId('prior-workbook').setInputFiles(xlsx);
  await expect(page.locator('.notice')).toContainText('已导入 2024 年公开表');
  await expect(page.getByTestId('prior-origin')).toContainText('2024 年数据来源：导入的公开表');
  await expect(summary.locator('tr[data-key="total"] td')).toHaveText(['支出合计', '76.61', '55.33', '-21.28', '-27.78%']);
  await expect(summary.locator('tr[data-key="basic"] td').nth(3)).toHaveText('-9.68');
  await expect(summary.locator('tr[data-key="project"] td').nth(3)).toHaveText('-11.60');
  await expect(summary.locator('tr[data-key="runningCost"] td').nth(1)).toHaveText('—');
  await screen(page, 'compare-imported-prior');

  // The narrative's 比上年增减 uses the imported figures too.
  const narrative = await engine.call<{ figures: Record<string, { label: string; wan: string }> }>('narrative.document', {
    budget: { dept: '711', year: 2025 },
  });
  expect(narrative.figures['change.total']).toMatchObject({ label: '较2024年减少', wan: '21.28' });
  expect(narrative.figures['change.basic']).toMatchObject({ label: '基本支出减少', wan: '9.68' });
  expect(narrative.figures['change.project']).toMatchObject({ label: '项目支出减少', wan: '11.60' });
});

test('新建年度 lists the codes the new catalog lacks and creates the year once each is remapped', async ({ app: page, engine }) => {
  await seedReference(engine);
  // The finance bureau's 2026 支出功能分类 no longer has 2012902 一般行政管理事务.
  const tsv = readFileSync(resolve(import.meta.dirname, '../core/catalogs/data/function-2025.tsv'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => /^\d/.test(l) && !l.startsWith('2012902\t'))
    .map((l) => l.replace('\t', ','))
    .join('\n');
  await engine.call('catalog.import', {
    year: 2026,
    kind: 'function',
    fileName: '2026功能分类.csv',
    data: Buffer.from(`编码,名称\n${tsv}\n`, 'utf8').toString('base64'),
  });
  await openFirstBudget(page);
  await page.getByTestId('year-switcher').getByRole('button', { name: '新建年度…' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('往年对比');

  const form = page.getByTestId('new-year');
  // The form is below the comparison: the switcher's 新建年度… brings it into view with the new year focused.
  await expect(form.locator('input[name="toYear"]')).toBeFocused();
  await expect(form).toBeInViewport();
  await form.getByLabel('金额清零').check();
  await form.getByRole('button', { name: '新建年度' }).click();
  const remap = page.getByTestId('remap');
  await expect(remap).toContainText('2026 年科目表（2026 年没有自己的部门预算支出经济分类科目表，使用 2025 年的）中没有以下科目');
  await expect(remap.locator('tbody tr')).toHaveCount(1);
  await expect(remap.locator('tbody tr td').nth(1)).toHaveText('2012902');
  await expect(remap.locator('tbody tr td').nth(2)).toHaveText('一般行政管理事务');
  await expect(page.getByTestId('year-select')).toHaveValue('2025'); // nothing created yet
  await screen(page, 'compare-remap');

  // A code that is not in the 2026 catalog is refused, with the reason.
  await remap.getByLabel('2012902 的新科目').fill('2999999');
  await form.getByRole('button', { name: '按对照新建' }).click();
  await expect(form.getByRole('alert')).toContainText('2999999 不在 2026 年科目表中');

  await remap.getByLabel('2012902 的新科目').fill('2012999');
  await form.getByRole('button', { name: '按对照新建' }).click();
  await expect(page.getByTestId('year-select')).toHaveValue('2026');
  await expect(page.getByRole('status')).toContainText('10 条明细（金额已清零，待填写）');

  await nav(page, '预算明细');
  await expect(cell(page, 9, COL.function)).toContainText('2012999');
  await expect(cell(page, 9, COL.amount)).toHaveText('0.00');
});
