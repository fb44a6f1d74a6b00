// Issue 12 §4–§5 around the 预算明细 grid: a pasted block follows the grid's column order and its errors
// name the column; the grid scrolls to a new line; a reload keeps the database, budget and page (both
// transports); a status message goes with the next action; indicators are copied between projects.
import { test, expect, screen, nav, type Engine } from './fixtures';
import { COL, cell, draftCell, lineCount, pick, typeCell } from './grid';
import type { Page } from '@playwright/test';
import { budget, paste, seeded } from './seed';
import type { LineDto, ProjectDto } from '../api/contract';

const LINE = { unit: '711001', function: '2012901', economic: '30228', kind: 'basic', source: 'general' };
/** Fills the new-line row's codes (unit, kind and source keep their defaults) and its amount. */
async function draftLine(page: Page, amount: string): Promise<void> {
  await draftCell(page, COL.function).click();
  await pick(page, '2012901', '2012901');
  await pick(page, '30228', '30228');
  await draftCell(page, COL.amount).click();
  await typeCell(page, amount);
}

const IND = (name: string, level1 = '产出指标', level2 = '数量指标') => ({ level1, level2, name, description: '', op: '≥', value: '1', unit: '次', basis: '' });

async function withProjects(e: Engine): Promise<void> {
  await e.call('projects.add', {
    budget,
    project: { code: 'P1', name: '职工帮扶', unit: '711001', indicators: [IND('帮扶人次'), IND('满意度', '满意度指标', '服务对象满意度指标')] },
  });
  await e.call('projects.add', { budget, project: { code: 'P2', name: '劳模慰问', unit: '711001' } });
}

test("a block without a header follows the grid's column order (上年结转 in its place); errors name the column", async ({ app: page, engine }) => {
  await seeded(page, engine, withProjects);
  // As the grid shows it: 单位 功能科目 经济科目 支出类型 资金来源 上年结转 金额 项目 备注.
  await paste(
    page,
    ['711001\t2012901\t30228\t项目支出\t一般公共预算拨款\t是\t1,200.50\tP1\t结转帮扶', '711001\t2012901\t30229\t基本支出\t一般公共预算拨款\t\t300\t\t'].join(
      '\r\n',
    ),
  );
  await expect.poll(() => lineCount(page)).toBe(2);
  const stored = await engine.call<LineDto[]>('lines.list', { budget });
  expect(stored.map((l) => [l.carryover, l.amount, l.project, l.memo])).toEqual([
    [true, '1200.50', 'P1', '结转帮扶'],
    [false, '300.00', null, null],
  ]);
  await expect(page.getByRole('status')).toHaveText('已从粘贴内容添加 2 行');

  // A bad amount in the 7th column: the error names that column as the grid does.
  await paste(page, '711001\t2012901\t30228\t基本支出\t一般公共预算拨款\t\t12.345\t\t');
  const panel = page.getByTestId('status-detail');
  await expect(panel).toContainText('粘贴第 1 行（第 7 列 金额(元)）');
  // The new message replaced the old one.
  await expect(page.getByText('已从粘贴内容添加 2 行')).toHaveCount(0);
  await screen(page, 'grid-state-01-paste-order');

  // Copy writes the same order back.
  await cell(page, 0, COL.unit).click();
  const copied = await page.locator('[data-grid-sink]').evaluate((el) => {
    const dt = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData('text/plain');
  });
  expect(copied).toBe('711001\t2012901\t30228\t项目支出\t一般公共预算拨款\t是\t1200.50\tP1\t结转帮扶');
});

test('stale messages go: the paste error panel after 关闭 and after undo, 已添加 after the next edit, the 定稿 refusal after 解除定稿', async ({
  app: page,
  engine,
}) => {
  await seeded(page, engine, async (e) => {
    await e.call('lines.add', { budget, lines: [{ ...LINE, amount: '100' }] });
  });
  const grid = page.getByTestId('lines-grid');
  const panel = page.getByTestId('status-detail');
  const heightBefore = (await grid.boundingBox())!.height;

  // The paste error panel squeezes the grid; 关闭 removes it and the grid has its height again.
  await page.getByRole('button', { name: '从 Excel 粘贴…' }).click();
  await page.getByLabel('粘贴内容').fill('711001\t2012901\t30228\t基本支出\t一般公共预算拨款\t\t-5');
  await page.getByRole('button', { name: '添加这些行' }).click();
  await expect(panel).toContainText('均未添加');
  await page.locator('.panel').filter({ hasText: '从 Excel 粘贴' }).getByRole('button', { name: '关闭', exact: true }).click();
  await expect(panel).toHaveCount(0);
  await expect.poll(async () => (await grid.boundingBox())!.height).toBe(heightBefore);

  // A refused paste, then an accepted one, then undo: the panel went with the accepted paste and the
  // undo message replaced the 已从粘贴内容添加 one.
  await paste(page, '711001\t2012901\t30228\t基本支出\t一般公共预算拨款\t\t12.345');
  await expect(panel).toBeVisible();
  await page.getByTestId('lines-grid').focus();
  await page.keyboard.press('Control+z');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('已撤销');
  await expect.poll(async () => (await grid.boundingBox())!.height).toBe(heightBefore);
  await page.keyboard.press('Control+y'); // the seeded line back
  await expect.poll(() => lineCount(page)).toBe(1);

  // 已添加 1 行 goes with the next edit.
  await draftLine(page, '50');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status')).toHaveText('已添加 1 行');
  await cell(page, 0, COL.amount).click();
  await typeCell(page, '120');
  await expect(cell(page, 0, COL.amount)).toHaveText('120.00');
  await expect(page.getByText('已添加 1 行')).toHaveCount(0);

  // 定稿: the grid's refusal, then 解除定稿 replaces it.
  await page.getByTestId('year-switcher').getByRole('button', { name: '定稿', exact: true }).click();
  // The seeded budget still has 错误 (no 情况说明 yet): 定稿 shows their count and asks first.
  await page.getByTestId('finalize-errors-confirm').getByRole('button', { name: '仍然定稿' }).click();
  await expect(page.getByTestId('finalized-pill')).toBeVisible();
  await cell(page, 0, COL.amount).click();
  await page.keyboard.press('9');
  await expect(page.getByText('本年度预算已定稿，只读')).toBeVisible();
  await page.getByTestId('year-switcher').getByRole('button', { name: '解除定稿' }).click();
  await page.getByLabel('解除定稿的原因').fill('补录明细');
  await page.getByRole('alertdialog').getByRole('button', { name: '确认解除定稿' }).click();
  await expect(page.getByRole('status')).toContainText('已解除定稿');
  await expect(page.getByText('本年度预算已定稿，只读')).toHaveCount(0);
});

test('the grid scrolls to a newly added line', async ({ app: page, engine }) => {
  await seeded(page, engine, async (e) => {
    await e.call('lines.add', { budget, lines: Array.from({ length: 120 }, (_, i) => ({ ...LINE, amount: `${i + 1}`, memo: `行${i + 1}` })) });
  });
  await expect.poll(() => lineCount(page)).toBe(120);
  await draftLine(page, '777');
  await page.keyboard.press('Tab'); // from 项目 to 备注
  await typeCell(page, '新的一行');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => lineCount(page)).toBe(121);
  await expect(cell(page, 120, COL.memo)).toHaveText('新的一行');
  await expect(cell(page, 120, COL.memo)).toBeInViewport();
  await screen(page, 'grid-state-02-scrolled-to-new-line');
});

test("a project's error goes when another project is chosen; indicators are copied from another project, undoably", async ({ app: page, engine }) => {
  await seeded(page, engine, withProjects);
  await nav(page, '项目与绩效');
  const list = page.getByTestId('project-list');
  await list.getByText('劳模慰问').click();
  const ed = page.getByTestId('project-editor');
  await expect(ed.locator('input[name="name"]')).toHaveValue('劳模慰问');
  await ed.locator('input[name="name"]').fill('');
  await ed.locator('input[name="name"]').blur();
  await expect(ed.getByRole('alert')).toBeVisible();
  await list.getByText('职工帮扶').click();
  await expect(ed.locator('input[name="name"]')).toHaveValue('职工帮扶');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await list.getByText('劳模慰问').click();
  const copy = ed.getByTestId('copy-indicators');
  await expect(copy.getByLabel('复制指标自')).toContainText('本年项目“职工帮扶”（2 条指标）');
  await copy.getByRole('button', { name: '复制全部指标' }).click();
  await expect(ed.getByTestId('indicators').locator('tbody tr[data-testid^="indicator-"]')).toHaveCount(2);
  await expect(page.getByRole('status')).toContainText('已复制 2 条绩效指标');
  await screen(page, 'grid-state-03-copied-indicators');
  const p2 = (await engine.call<ProjectDto[]>('projects.list', { budget })).find((p) => p.code === 'P2')!;
  expect(p2.indicators.map((i) => i.name)).toEqual(['帮扶人次', '满意度']);
  await page.getByRole('button', { name: '撤销', exact: true }).click();
  await expect(ed.getByTestId('indicators').locator('tbody tr[data-testid^="indicator-"]')).toHaveCount(0);
});

test("indicators come from last year's project of the same name", async ({ app: page, engine }) => {
  const last = { dept: '711', year: 2024 };
  await engine.call('db.create', { path: engine.dbPath });
  for (const year of [2024, 2025]) {
    await engine.call('budgets.create', { deptCode: '711', deptName: '工会部门', year });
    await engine.call('units.add', { budget: { dept: '711', year }, unit: { code: '711001', name: '本级', nature: '行政' } });
  }
  await engine.call('projects.add', {
    budget: last,
    project: { code: 'OLD1', name: '职工帮扶', unit: '711001', indicators: [IND('帮扶人次'), IND('覆盖率', '产出指标', '质量指标')] },
  });
  await engine.call('projects.add', { budget, project: { code: 'P1', name: '职工帮扶', unit: '711001' } });
  await page.reload();
  await page.getByTestId('budget-list').locator('tr', { hasText: '2025' }).getByRole('button', { name: '打开' }).click();
  await nav(page, '项目与绩效');
  const ed = page.getByTestId('project-editor');
  const copy = ed.getByTestId('copy-indicators');
  await expect(copy.getByLabel('复制指标自')).toContainText('2024 年同名项目“职工帮扶”（2 条指标）');
  await copy.getByRole('button', { name: '复制全部指标' }).click();
  await expect(ed.getByTestId('indicators').locator('tbody tr[data-testid^="indicator-"]')).toHaveCount(2);
});

for (const transport of ['injected', 'browser'] as const) {
  test.describe(transport, () => {
    test.use({ transport });
    test('a reload keeps the open database, budget and page', async ({ app: page, engine }) => {
      await seeded(page, engine, async (e) => {
        await e.call('lines.add', { budget, lines: [{ ...LINE, amount: '100' }] });
      });
      await expect.poll(() => lineCount(page)).toBe(1);
      await page.reload();
      await expect(page.locator('.topbar h1')).toHaveText('预算明细');
      await expect(page.getByTestId('current-budget')).toContainText('预算年度：2025');
      await expect(cell(page, 0, COL.amount)).toHaveText('100.00');
      // Still a working grid.
      await cell(page, 0, COL.amount).click();
      await typeCell(page, '150');
      await expect(page.getByTestId('total-all')).toHaveText('150.00');
      await nav(page, '开始');
      await page.reload();
      await expect(page.locator('.topbar h1')).toHaveText('开始');
      await expect(page.getByTestId('db-path')).toBeVisible();
    });
  });
}
