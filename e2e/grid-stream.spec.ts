// 预算明细 streams its lines (lines.chunk): the first rows paint at once and the rest arrive in chunks
// behind them. Browser mode for real (the server over a real database); the test holds the chunks after the
// first of each load (the server answers at once, the page gets the answer when the test lets it go), so
// the loading state is seen without any timing: progress in the status bar, sorting and filtering off with
// a tooltip, edits stored meanwhile; then, once every line is in, sorting, filtering and Ctrl+End to the last
// line; a reload after a write keeps the shown rows and an edit made while it streams; 定位 waits for its line.
import type { Page, Route } from '@playwright/test';
import { lineOfRow, type LineDto, type LineRow } from '../api/contract';
import { test, expect, screen, nav, type Engine } from './fixtures';
import { COL, cell, lineCount, typeCell } from './grid';
import { budget, seeded } from './seed';

test.use({ transport: 'browser' });

const N = 60_000;
const grid = (page: Page) => page.getByTestId('lines-grid');
const progress = (page: Page) => page.getByTestId('lines-progress');

/** 60,000 lines (lines.add takes at most 50,000 at once); `last` replaces the last one. */
async function manyLines(e: Engine, last?: Partial<{ function: string; economic: string; memo: string }>): Promise<void> {
  const all = Array.from({ length: N }, (_, i) => ({
    unit: '711001',
    function: '2012901',
    economic: i % 2 ? '30228' : '30229',
    kind: 'basic',
    source: 'general',
    amount: `${(i % 9973) + 1}.${String(i % 100).padStart(2, '0')}`,
    memo: `行${i + 1}`,
  }));
  Object.assign(all[N - 1]!, last);
  for (let i = 0; i < N; i += 30_000) await e.call('lines.add', { budget, lines: all.slice(i, i + 30_000) });
}

/** The line with this position in id order, as stored. */
async function storedLine(e: Engine, index: number): Promise<LineDto> {
  let after = 0;
  for (let skip = index; skip > 0;) {
    const { rows } = await e.call<{ rows: LineRow[] }>('lines.chunk', { budget, after, limit: Math.min(skip, 50_000) });
    after = rows[rows.length - 1]![0];
    skip -= rows.length;
  }
  return lineOfRow((await e.call<{ rows: LineRow[] }>('lines.chunk', { budget, after, limit: 1 })).rows[0]!);
}

/** Holds every lines.chunk answer after the first of a load: the server answers at once (the answer holds
 *  the lines as they were then), the page receives it when the test releases it. */
async function chunkGate(page: Page) {
  let holding = true;
  const held: { route: Route; response: Awaited<ReturnType<Route['fetch']>> }[] = [];
  await page.route('**/api/lines.chunk', async (route) => {
    const after = (route.request().postDataJSON() as { after?: number }).after ?? 0;
    if (!holding || after === 0) return route.continue();
    const response = await route.fetch();
    if (holding) held.push({ route, response });
    else await route.fulfill({ response });
  });
  return {
    held: () => held.length,
    /** Lets the oldest held answer through. */
    step: async () => {
      const h = held.shift()!;
      await h.route.fulfill({ response: h.response });
    },
    open: async () => {
      holding = false;
      for (const h of held.splice(0)) await h.route.fulfill({ response: h.response });
    },
    close: () => {
      holding = true;
    },
  };
}

test('the first rows show at once, the rest stream in behind them; sorting and filtering wait for the whole budget', async ({ app: page, engine }) => {
  const gate = await chunkGate(page);
  await seeded(page, engine, (e) => manyLines(e));

  // The first chunk is on screen; the next one is held.
  await expect(cell(page, 0, COL.memo)).toHaveText('行1');
  await expect.poll(gate.held).toBe(1);
  await expect(progress(page)).toHaveText('正在载入明细：已载入 500 / 60,000 条');
  await expect(grid(page)).toHaveAttribute('data-loaded', 'partial');
  await expect(page.getByTestId('total-all')).not.toHaveText('—'); // the totals did not wait for the lines

  // Sorting and filtering are off, and say why.
  const amountHead = page.locator('.grid .head [role="columnheader"]').filter({ hasText: '金额' });
  await expect(amountHead).toHaveAttribute('aria-disabled', 'true');
  await expect(amountHead).toHaveAttribute('title', '明细正在载入，全部载入后即可排序');
  await amountHead.click({ force: true }); // aria-disabled: Playwright would wait for it to become enabled
  await expect(amountHead).toHaveAttribute('aria-sort', 'none');
  const memoFilter = page.getByLabel('筛选备注');
  await expect(memoFilter).toBeDisabled();
  await expect(memoFilter).toHaveAttribute('title', '明细正在载入，全部载入后即可筛选');
  await screen(page, 'stream-01-loading');

  // An edit while the rest is loading is stored.
  await cell(page, 1, COL.amount).click();
  await typeCell(page, '4321.09');
  await expect(cell(page, 1, COL.amount)).toHaveText('4,321.09');
  expect((await storedLine(engine, 1)).amount).toBe('4321.09');

  // Ctrl+End during the load goes to the new-line row and stays there while lines arrive.
  await grid(page).focus();
  await page.keyboard.press('Control+End');
  await expect(page.locator('[data-testid="draft-row"] [aria-selected="true"]')).toHaveCount(1);
  await gate.step();
  await expect(progress(page)).toHaveText('正在载入明细：已载入 20,500 / 60,000 条');
  await expect(page.locator('[data-testid="draft-row"] [aria-selected="true"]')).toHaveCount(1);
  await screen(page, 'stream-02-progress');

  await gate.open();
  await expect(grid(page)).toHaveAttribute('data-loaded', 'all');
  await expect(progress(page)).toHaveCount(0);
  expect(await lineCount(page)).toBe(N);

  // Every line is in: the last one is reachable with the keyboard, and can be edited.
  await grid(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, N - 1, COL.memo)).toHaveText(`行${N}`);
  await expect(cell(page, N - 1, COL.memo)).toHaveAttribute('aria-selected', 'true');
  await typeCell(page, '末行已核对');
  await expect(cell(page, N - 1, COL.memo)).toHaveText('末行已核对');
  expect((await storedLine(engine, N - 1)).memo).toBe('末行已核对');
  expect(await page.locator('[data-testid="lines-grid"] .gridrow').count()).toBeLessThan(120);

  // Sorting and filtering now work on the whole budget.
  await expect(amountHead).not.toHaveAttribute('aria-disabled', 'true');
  await amountHead.click();
  await amountHead.click();
  await expect(amountHead).toHaveAttribute('aria-sort', 'descending');
  await grid(page).focus();
  await page.keyboard.press('Control+Home');
  await expect(cell(page, 0, COL.amount)).toHaveText('9,973.91');
  await memoFilter.fill('行5999');
  await expect(grid(page).locator('.status span').first()).toHaveText('共 60,000 行，筛选后 11 行');
});

test('a reload after a write keeps the shown rows while it streams, and an edit made meanwhile stays', async ({ app: page, engine }) => {
  const gate = await chunkGate(page);
  await seeded(page, engine, (e) => manyLines(e));
  await gate.open();
  await expect(grid(page)).toHaveAttribute('data-loaded', 'all');

  // Delete the third line: the page streams the lines again; the held answer holds lines 501–20,500 as
  // they were before the edit below.
  gate.close();
  await cell(page, 2, COL.amount).click();
  await page.keyboard.press('Control+Delete');
  await expect(page.getByRole('status').filter({ hasText: '已删除 1 行' })).toBeVisible();
  await expect.poll(gate.held).toBe(1);
  await expect(progress(page)).toHaveText('正在载入明细：已载入 500 / 59,999 条');
  await expect(cell(page, 2, COL.memo)).toHaveText('行4');
  // The rows not yet streamed again are still shown, in their places.
  await page.locator('.grid .body').evaluate((el) => {
    el.scrollTop = 1000 * 28;
  });
  await expect(cell(page, 1000, COL.memo)).toHaveText('行1002');
  await cell(page, 1000, COL.memo).click();
  await typeCell(page, '流式载入时修改');
  await expect(cell(page, 1000, COL.memo)).toHaveText('流式载入时修改');

  // The held answer (read before the edit) arrives: the edit stays on screen, as stored.
  await gate.open();
  await expect(grid(page)).toHaveAttribute('data-loaded', 'all');
  await expect(cell(page, 1000, COL.memo)).toHaveText('流式载入时修改');
  expect((await storedLine(engine, 1000)).memo).toBe('流式载入时修改');
  expect(await lineCount(page)).toBe(N - 1);
});

test('定位 from 校验 waits until its line has arrived, then selects it', async ({ app: page, engine }) => {
  const gate = await chunkGate(page);
  // The last line is the one finding: 30108 养老保险缴费 under 2080501 instead of 2080505.
  await seeded(page, engine, (e) => manyLines(e, { function: '2080501', economic: '30108', memo: '待定位' }));
  await gate.open();
  await expect(grid(page)).toHaveAttribute('data-loaded', 'all');
  const target = await storedLine(engine, N - 1);
  expect(target.memo).toBe('待定位');

  await nav(page, '校验');
  gate.close();
  await page.locator('[data-testid="checks-finding"][data-rule="policy.function-economic-mismatch"]').getByRole('button', { name: '定位' }).click();
  await expect(page.locator('.topbar h1')).toHaveText('预算明细');
  await expect(progress(page)).toHaveText('正在载入明细：已载入 500 / 60,000 条');
  await expect(page.locator(`[data-line-id="${target.id}"]`)).toHaveCount(0);

  await gate.open();
  const row = page.locator(`[data-line-id="${target.id}"]`);
  await expect(row.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(1);
  await expect(row).toContainText('待定位');
  await expect(row).toBeInViewport();
  await screen(page, 'stream-03-located');
});
