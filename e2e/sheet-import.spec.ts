// 导入明细表 through the browser (issue 13): a sheet whose amount column the reader does not know is
// previewed with that problem; choosing 金额 for the column in its drop-down clears it; the preview shows
// the first lines, totals by kind and source; import adds the lines (grid totals follow); the column
// choice is remembered for the next sheet with the same header. Real HTTP server, real SQLite.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, nav, openFirstBudget, seedReference, storedLineCount, FIXTURE_711, screen } from './fixtures';

test('导入明细表: preview, change a column, import, choice remembered', async ({ app: page, engine }) => {
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  await seedReference(engine, JSON.stringify({ ...doc, lines: [] }));
  await openFirstBudget(page);
  await nav(page, '预算明细');

  const rows = (doc.lines as Record<string, string>[]).map((l) =>
    [
      `${l.unit} 工会部门山海关区总工会本级`,
      l.function,
      l.economic,
      l.kind === 'project' ? '特定目标类项目' : '人员类项目',
      l.project ?? '',
      '',
      '一般公共预算拨款',
      l.amount,
    ].join(','),
  );
  const csv = ['2025年部门预算明细表', '预算单位,功能科目,经济科目,项目类别,项目编码,项目名称,资金性质,本年安排数', ...rows].join('\r\n');
  const file = join(engine.dir, '明细表.csv');
  writeFileSync(file, csv);

  await page.getByRole('button', { name: '导入明细表…' }).click();
  const dialog = page.getByTestId('sheet-import');
  await dialog.getByLabel('选择明细表文件').setInputFiles(file);
  await expect(dialog.getByTestId('sheet-problems')).toContainText('第 2 行：找不到金额列');
  await expect(dialog.getByRole('button', { name: /^导入/ })).toBeDisabled();

  const amountColumn = dialog.getByLabel('“本年安排数”列导入为');
  await expect(amountColumn).toHaveValue('');
  await expect(dialog.getByLabel('“资金性质”列导入为')).toHaveValue('source');
  await amountColumn.selectOption({ label: '金额' });
  await expect(dialog.getByTestId('sheet-problems')).toHaveCount(0);
  await expect(dialog.getByTestId('sheet-summary')).toContainText('数据 10 行');
  await expect(dialog.getByTestId('sheet-totals')).toContainText('合计 553,325.50 元');
  await expect(dialog.getByTestId('sheet-totals')).toContainText('基本支出 472,325.50 元；项目支出 81,000.00 元');
  await expect(dialog.getByTestId('sheet-totals')).toContainText('一般公共预算拨款 553,325.50 元');
  await expect(dialog.getByTestId('sheet-lines').locator('tbody tr')).toHaveCount(10);
  await expect(dialog.getByTestId('sheet-lines').locator('tbody tr').first()).toContainText('2012901 行政运行');
  await screen(page, 'sheet-import-01-preview');

  await dialog.getByRole('button', { name: '导入 10 条明细' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('total-all')).toHaveText('553,325.50');
  await expect(page.getByTestId('total-project')).toHaveText('81,000.00');
  expect(storedLineCount(engine.dbPath, '711', 2025)).toBe(10);

  // The same header again: the clerk's choice for 本年安排数 is remembered.
  await page.getByRole('button', { name: '导入明细表…' }).click();
  await page.getByTestId('sheet-import').getByLabel('选择明细表文件').setInputFiles(file);
  await expect(page.getByTestId('sheet-import').getByLabel('“本年安排数”列导入为')).toHaveValue('amount');
  await expect(page.getByTestId('sheet-import').getByTestId('sheet-problems')).toHaveCount(0);
  await page.getByTestId('sheet-import').getByRole('button', { name: '取消' }).click();
  expect(storedLineCount(engine.dbPath, '711', 2025)).toBe(10);
});

test('导入明细表: the same sheet again asks 替换 / 追加 / 取消; the data sheet after 填报说明 is found', async ({ app: page, engine }) => {
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8'));
  await seedReference(engine, JSON.stringify({ ...doc, lines: [] }));
  await openFirstBudget(page);
  await nav(page, '预算明细');
  const rows = (doc.lines as Record<string, string>[]).map((l) =>
    [
      '工会部门山海关区总工会本级',
      `${l.function}-行政`,
      l.economic,
      l.kind === 'project' ? '项目支出' : '基本支出',
      l.project ?? '',
      '一般公共预算拨款',
      l.amount,
    ].join(','),
  );
  const file = join(engine.dir, '明细表.csv');
  writeFileSync(file, ['单位名称,功能科目,经济科目,支出类型,项目编码,资金性质,金额', ...rows, '制表人：张三,,,,,,'].join('\r\n'));
  const importOnce = async () => {
    await page.getByRole('button', { name: '导入明细表…' }).click();
    const dialog = page.getByTestId('sheet-import');
    await dialog.getByLabel('选择明细表文件').setInputFiles(file);
    await expect(dialog.getByTestId('sheet-skipped')).toContainText('跳过的行 1 行');
    await dialog.getByRole('button', { name: '导入 10 条明细' }).click();
    return dialog;
  };
  await importOnce();
  await expect(page.getByTestId('sheet-import')).toHaveCount(0);
  expect(storedLineCount(engine.dbPath, '711', 2025)).toBe(10);

  const dialog = await importOnce();
  const ask = dialog.getByTestId('sheet-already-in');
  await expect(ask).toContainText('表中的 10 条明细已全部在本年度预算中');
  await screen(page, 'sheet-import-02-already-in');
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(ask).toHaveCount(0);
  expect(storedLineCount(engine.dbPath, '711', 2025)).toBe(10);
  await dialog.getByRole('button', { name: '导入 10 条明细' }).click();
  await dialog.getByTestId('sheet-already-in').getByRole('button', { name: '再追加一份' }).click();
  await expect(page.getByTestId('sheet-import')).toHaveCount(0);
  expect(storedLineCount(engine.dbPath, '711', 2025)).toBe(20);
  await expect(page.getByTestId('total-all')).toHaveText('1,106,651.00');
});
