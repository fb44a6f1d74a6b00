// Consolidation in the app: 合并单位预算 on 开始 previews what a unit's file adds (units, lines, totals, its
// own 情况说明) before writing, refuses a unit that is already there, and merges on 确认合并; 汇总 appears in
// the navigation once a year holds two departments and shows 部门汇总表 with the 未定稿 mark.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, nav, FIXTURE_711 } from './fixtures';

type Doc = Record<string, unknown> & {
  units: { code: string; name: string }[];
  lines: Record<string, unknown>[];
  projects: unknown[];
  narrative: unknown;
  department: { code: string; name: string };
};

/** A second unit of department 711: the reference's basic lines, under unit 711002, with a narrative of its own. */
function unitFile(): Doc {
  const doc = JSON.parse(readFileSync(FIXTURE_711, 'utf8')) as Doc;
  doc.units = [{ ...doc.units[0]!, code: '711002', name: '工会部门所属职工服务中心' }];
  doc.lines = doc.lines.filter((l) => l.kind === 'basic').map((l) => ({ ...l, unit: '711002' }));
  doc.projects = [];
  doc.narrative = { duties: [{ title: '单位职责', text: '职工服务中心负责职工帮扶服务。' }] };
  return doc;
}

test('合并单位预算 previews, refuses a unit already there, merges; 汇总 lists the departments', async ({ app: page, engine }) => {
  await engine.call('db.create', { path: engine.dbPath });
  await engine.call('import.budgetFile', { fileName: '711-2025.budget.json', text: readFileSync(FIXTURE_711, 'utf8') });
  await page.reload();
  // One department: no 汇总 yet.
  await expect(page.getByRole('navigation').getByRole('button', { name: '汇总', exact: true })).toHaveCount(0);

  const file = join(engine.dir, 'unit-711002.budget.json');
  const doc = unitFile();
  writeFileSync(file, JSON.stringify(doc));
  await page.getByLabel('选择单位预算文件').setInputFiles(file);
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-preview')).toContainText('新增单位');
  await expect(dialog.getByTestId('merge-preview')).toContainText('711002 工会部门所属职工服务中心');
  await expect(dialog.getByTestId('merge-lines')).toHaveText(`${doc.lines.length} 条`);
  await expect(dialog.getByTestId('merge-narrative')).toHaveValue('单位职责：职工服务中心负责职工帮扶服务。');
  await dialog.getByRole('button', { name: '确认合并' }).click();
  await expect(page.getByTestId('merge-done')).toContainText(`已合并到 711 工会部门 2025 年预算：${doc.lines.length} 条明细`);
  await expect(page.getByTestId('budget-list')).toContainText(String(10 + doc.lines.length));

  // The same unit again: refused, listing it; 关闭 writes nothing.
  await page.getByLabel('选择单位预算文件').setInputFiles(file);
  await expect(page.getByTestId('merge-refused')).toContainText('已有以下单位：711002 工会部门所属职工服务中心');
  await page.getByTestId('merge-dialog').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('budget-list')).toContainText(String(10 + doc.lines.length));

  // A second department of 2025: 汇总 appears.
  const other = { ...JSON.parse(readFileSync(FIXTURE_711, 'utf8')), department: { code: '712', name: '妇联' } };
  await engine.call('import.budgetFile', { fileName: '712.budget.json', text: JSON.stringify(other) });
  await page.reload();
  await nav(page, '汇总');
  await expect(page.getByRole('tab', { name: '部门汇总表' })).toBeVisible();
  await expect(page.locator('main')).toContainText('工会部门');
  await expect(page.locator('main')).toContainText('妇联');
  await expect(page.locator('main')).toContainText('未定稿');
  await page
    .getByRole('tab', { name: /收支总表/ })
    .first()
    .click();
  await expect(page.locator('main')).toContainText('汇总');
});
