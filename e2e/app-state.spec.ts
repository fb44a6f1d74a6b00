// The window title, the 情况说明 editor with its generated preview, a 定稿 year that blocks edits, and the
// 备份 section (list, 另存备份, 从备份恢复 with confirmation).
import { readFileSync } from 'node:fs';
import { test, expect, screen, nav, seedReference, openFirstBudget } from './fixtures';
import { COL, cell } from './grid';
import type { LineDto } from '../api/contract';

const budget = { dept: '711', year: 2025 };

async function openFixture(page: import('@playwright/test').Page, engine: import('./fixtures').Engine) {
  await seedReference(engine);
  await openFirstBudget(page);
}

test('title names the budget and the database file', async ({ app: page, engine }) => {
  await openFixture(page, engine);
  await expect(page).toHaveTitle('711 工会部门 2025年 — budget.sqlite — 部门预算编制台');
});

test('情况说明: the narrative keys are editable and the generated preview shows them with the figures', async ({ app: page, engine }) => {
  await openFixture(page, engine);
  await nav(page, '情况说明');
  const preview = page.getByTestId('narrative-preview');
  // The generated text with its figures, and the standard 名词解释 until the clerk changes it.
  await expect(preview).toContainText('55.33');
  await expect(page.getByLabel('名词解释')).toHaveValue(/^1、财政拨款收入：/);
  await expect(preview.locator('[data-section="glossary"]')).toContainText('1、财政拨款收入：');

  await page.getByLabel('“三公”经费增减原因').fill('主要是压减公务接待');
  await page.getByLabel('“三公”经费增减原因').blur();
  await page.getByLabel('部门主管专项资金').fill('安排职工帮扶专项资金<b>8.10</b>万元。');
  await page.getByLabel('部门主管专项资金').blur();
  await page.getByLabel('分项绩效目标').fill('1、劳模服务管理全覆盖\n2、困难职工帮扶');
  await page.getByLabel('分项绩效目标').blur();
  await page.getByLabel('工作保障措施').fill('加强预算执行监控。');
  await page.getByLabel('工作保障措施').blur();
  await page.getByLabel('名词解释').fill('1、财政拨款收入：本级财政当年拨付的资金。');
  await page.getByLabel('名词解释').blur();

  await expect(preview.locator('[data-section="specialFunds"]')).toContainText('安排职工帮扶专项资金<b>8.10</b>万元。'); // as text, never markup
  await expect(preview.locator('[data-section="specialFunds"] b')).toHaveCount(0);
  await expect(preview.locator('[data-section="performance"]')).toContainText('（二）分项绩效目标');
  await expect(preview.locator('[data-section="performance"]')).toContainText('1、劳模服务管理全覆盖'); // issue 12: 1、 throughout
  await expect(preview.locator('[data-section="performance"]')).toContainText('加强预算执行监控。');
  await expect(preview.locator('[data-section="glossary"]')).toHaveText(/名词解释1、财政拨款收入：本级财政当年拨付的资金。$/);
  await screen(page, 'state-01-narrative');

  // Stored as the narrative keys core/narrative reads.
  const n = await engine.call<Record<string, unknown>>('narrative.get', { budget });
  expect(n.threePublicReason).toBe('主要是压减公务接待');
  expect(n.performanceGoalDetails).toEqual(['1、劳模服务管理全覆盖', '2、困难职工帮扶']);
  expect(n.glossary).toEqual(['1、财政拨款收入：本级财政当年拨付的资金。']);

  // 恢复标准文本: the key is removed and the standard wording is back.
  await page.getByRole('button', { name: '恢复标准文本' }).click();
  await expect(page.getByLabel('名词解释')).toHaveValue(/^1、财政拨款收入：指本级财政/);
  await expect(preview.locator('[data-section="glossary"]')).toContainText('10、机关运行经费');
  expect((await engine.call<Record<string, unknown>>('narrative.get', { budget })).glossary).toBeUndefined();
});

test('a 定稿 year: read-only banner, edit controls disabled, the grid opens no editor', async ({ app: page, engine }) => {
  await openFixture(page, engine);
  await expect(page.getByTestId('readonly-banner')).toHaveCount(0);
  await page.getByTestId('year-switcher').getByRole('button', { name: '定稿', exact: true }).click();
  await expect(page.getByTestId('finalized-pill')).toBeVisible();
  const banner = page.getByTestId('readonly-banner');
  await expect(banner).toContainText('2025 年预算已定稿，只读');

  // 部门与单位: every control disabled.
  await nav(page, '部门与单位');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('units').locator('tbody input[aria-label="单位名称"]')).toBeDisabled();
  await expect(page.getByRole('button', { name: '添加单位' })).toBeDisabled();
  await screen(page, 'state-02-finalized-department');

  // 预算明细: navigable, but typing opens no editor, no new-line row, no paste/delete.
  await nav(page, '预算明细');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('draft-row')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '从 Excel 粘贴…' })).toBeDisabled();
  await cell(page, 0, COL.amount).click();
  await page.keyboard.press('9');
  await expect(page.locator('[data-testid="lines-grid"] input.editor')).toHaveCount(0);
  await expect(page.getByText('本年度预算已定稿，只读')).toBeVisible();
  await screen(page, 'state-03-finalized-lines');

  // 情况说明 and 项目与绩效: disabled; the preview still shows.
  await nav(page, '情况说明');
  await expect(page.getByLabel('其他需要说明的事项')).toBeDisabled();
  await expect(page.getByTestId('narrative-preview')).toContainText('55.33');
  await nav(page, '项目与绩效');
  await expect(page.getByRole('button', { name: '新建项目' })).toBeDisabled();

  // Nothing changed in the database.
  const lines = await engine.call<LineDto[]>('lines.list', { budget });
  expect(lines.map((l) => l.amount)).not.toContain('9.00');

  // 导出 stays available.
  await nav(page, '导出');
  await expect(page.getByRole('button', { name: /导出工作簿/ })).toBeEnabled();

  // 解除定稿 (confirmed): editable again.
  await page.getByRole('button', { name: '解除定稿' }).click();
  await page.getByLabel('解除定稿的原因').fill('补充项目明细');
  await page.getByRole('button', { name: '确认解除定稿' }).click();
  await expect(banner).toHaveCount(0);
  await nav(page, '部门与单位');
  await expect(page.getByRole('button', { name: '添加单位' })).toBeEnabled();
});

test('备份: list, 立即备份, 另存备份, 从备份恢复 after confirmation', async ({ app: page, engine }) => {
  await openFixture(page, engine);
  await nav(page, '开始');
  const panel = page.getByTestId('backup-panel');
  await panel.getByRole('button', { name: '立即备份' }).click();
  await expect(panel.getByTestId('backup-done')).toContainText('已备份');
  const list = panel.getByTestId('backup-list');
  await expect(list.locator('tbody tr', { hasText: '手动' })).toHaveCount(1);

  // 另存备份: the test transport plays the desktop save dialog (a consistent copy of the database).
  await panel.getByRole('button', { name: /另存备份/ }).click();
  await expect(panel.getByTestId('backup-done')).toContainText('备份已保存到');
  const saved = (await panel.getByTestId('backup-done').textContent())!.replace(/^备份已保存到 /, '').trim();
  expect(readFileSync(saved).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

  // A change after the backup, then restore: asks first, says the current file is backed up first.
  await engine.call('lines.delete', { budget, ids: [(await engine.call<LineDto[]>('lines.list', { budget }))[0]!.id] });
  expect((await engine.call<LineDto[]>('lines.list', { budget })).length).toBe(9);
  await page.reload();
  await list.locator('tbody tr', { hasText: '手动' }).getByRole('button', { name: '从此备份恢复…' }).click();
  const dialog = page.getByTestId('restore-confirm');
  await expect(dialog).toContainText('当前内容会先自动保存为一份“恢复前”备份');
  await screen(page, 'state-04-restore-confirm');
  await dialog.getByRole('button', { name: '取消' }).click();
  expect((await engine.call<LineDto[]>('lines.list', { budget })).length).toBe(9);

  await list.locator('tbody tr', { hasText: '手动' }).getByRole('button', { name: '从此备份恢复…' }).click();
  await page.getByTestId('restore-confirm').getByRole('button', { name: '恢复', exact: true }).click();
  await expect(panel.getByTestId('backup-done')).toContainText('已从备份');
  await expect(panel.getByTestId('backup-done')).toContainText('恢复前的内容已另存为备份');
  expect((await engine.call<LineDto[]>('lines.list', { budget })).length).toBe(10);
  await expect(list.locator('tbody tr', { hasText: '恢复前' })).toHaveCount(1);
  await screen(page, 'state-05-restored');
});
