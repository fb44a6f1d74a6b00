// The 预算明细 grid: catalog search, paste from Excel (all or nothing), undo/redo, a refused amount,
// editing an amount of the imported reference budget, and 30,000 lines kept fluid by windowing.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { formatYuanGrouped, parseYuan, type Fen } from '../core/money';
import { isPersonnel } from '../core/tables/derive/figures';
import type { LineDto } from '../api/contract';
import { test, expect, screen, nav, FIXTURE_711, seedReference, openFirstBudget, type Engine } from './fixtures';
import { COL, cell, draftCell, firstKey, lineCount, typeCell } from './grid';
import { paste } from './seed';

const budget = { dept: '711', year: 2025 };
const UNIT = { code: '711001', name: '工会部门山海关区总工会本级', nature: '行政', grade: '正科级', funding: '财政拨款' };

/** Seeds a budget with its unit straight through the handler map, then opens it in the UI. */
async function seeded(page: Page, engine: Engine, more?: (e: Engine) => Promise<void>): Promise<void> {
  await engine.call('db.create', { path: engine.dbPath });
  await engine.call('budgets.create', { deptCode: '711', deptName: '工会部门', year: 2025 });
  await engine.call('units.add', { budget, unit: UNIT });
  if (more) await more(engine);
  await openFirstBudget(page);
  await nav(page, '预算明细');
}

test('catalog picker searches by code prefix or any part of the name and takes only leaf codes', async ({ app: page, engine }) => {
  await seeded(page, engine);
  await draftCell(page, COL.function).click();
  await firstKey(page, '行');
  await expect(page.locator('.popover input')).toBeFocused();
  await page.keyboard.type('政运行');
  const hits = page.getByTestId('catalog-hits');
  const admin = hits.getByRole('option').filter({ hasText: '2012901' });
  await expect(admin).toContainText('一般公共服务支出 › 群众团体事务 › 行政运行');
  await screen(page, '10-catalog-search-name');

  // By code prefix: the 类 and 款 show, greyed, and cannot be taken.
  await page.locator('.popover input').fill('2012');
  const cls = hits
    .getByRole('option')
    .filter({ hasText: /^20129/ })
    .first();
  await expect(cls).toHaveAttribute('aria-disabled', 'true');
  await expect(hits.getByRole('option').first()).toContainText('2012');
  await expect(hits.locator('.opt.hl')).toHaveCount(0); // a bare prefix highlights nothing (what is highlighted is what Enter takes)
  await cls.click({ force: true }); // aria-disabled: Playwright would wait for it to become enabled
  await expect(page.locator('.popover')).toContainText('不是末级科目');
  await screen(page, '11-catalog-search-code');
  await page.locator('.popover input').fill('2012902');
  await expect(hits.locator('.opt.hl .code')).toHaveText('2012902');
  await page.keyboard.press('Enter');
  await expect(draftCell(page, COL.function)).toContainText('2012902');
  await expect(draftCell(page, COL.function)).toContainText('一般行政管理事务');

  // The economic picker finds 工会经费 by a part of its name.
  await firstKey(page, '工');
  await expect(page.locator('.popover input')).toBeFocused();
  await page.keyboard.type('会');
  await expect(page.locator('.popover .opt.hl')).toContainText('30228');
  await page.keyboard.press('Enter');
  await expect(draftCell(page, COL.economic)).toContainText('30228');
  await expect(draftCell(page, COL.economic)).toContainText('工会经费');
});

const GOOD = [
  '单位\t功能科目\t经济科目\t支出类型\t资金来源\t金额\t项目\t备注',
  '711001\t2012901 行政运行\t30228\t基本支出\t一般公共预算拨款\t6,400.00\t\t',
  '工会部门山海关区总工会本级\t2012901\t30229 福利费\t基本\t一般公共预算拨款\t19495\t\t福利',
  '711001\t2080501\t30302\tbasic\tgeneral\t208390\t\t',
].join('\r\n');

test('paste from Excel adds every row, or none with row-level errors; undo and redo', async ({ app: page, engine }) => {
  await seeded(page, engine);
  await paste(page, GOOD);
  await expect.poll(() => lineCount(page)).toBe(3);
  await expect(page.getByTestId('total-all')).toHaveText('234,285.00');
  await expect(page.getByText('已从粘贴内容添加 3 行')).toBeVisible();
  await screen(page, '12-paste-ok');

  const BAD = [
    '711001\t2012901\t30228\t基本支出\t一般公共预算拨款\t100',
    '711001\t2012901\t30228\t基本支出\t一般公共预算拨款\t12.345',
    '711001\t20129\t30228\t基本支出\t一般公共预算拨款\t100',
  ].join('\n');
  await paste(page, BAD);
  const alert = page.getByRole('alert').filter({ hasText: '均未添加' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('粘贴第 2 行');
  await expect(alert).toContainText('两位小数');
  await expect(alert).toContainText('粘贴第 3 行');
  await expect(alert).not.toContainText('粘贴第 1 行');
  expect(await lineCount(page)).toBe(3);
  await screen(page, '13-paste-refused');

  // Undo the paste as one step, then redo it.
  await page.getByTestId('lines-grid').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => lineCount(page)).toBe(0);
  await expect(page.getByTestId('total-all')).toHaveText('0.00');
  await page.keyboard.press('Control+y');
  await expect.poll(() => lineCount(page)).toBe(3);

  // A cell edit, undone with the button and redone with Ctrl+Y.
  await cell(page, 0, COL.amount).click();
  await typeCell(page, '7000');
  await expect(cell(page, 0, COL.amount)).toHaveText('7,000.00');
  await expect(page.getByTestId('total-all')).toHaveText('234,885.00');
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(cell(page, 0, COL.amount)).toHaveText('6,400.00');
  await expect(page.getByTestId('total-all')).toHaveText('234,285.00');
  await page.getByTestId('lines-grid').focus();
  await page.keyboard.press('Control+y');
  await expect(cell(page, 0, COL.amount)).toHaveText('7,000.00');

  // Copy three rows (Shift+↓ selects) and paste them back: a round trip through the clipboard format.
  await cell(page, 0, COL.unit).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByRole('button', { name: '删除所选 3 行' })).toBeVisible();
  const copied = await page.locator('[data-grid-sink]').evaluate((el) => {
    const dt = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData('text/plain');
  });
  expect(copied.split('\r\n')).toHaveLength(3);
  await paste(page, copied);
  await expect.poll(() => lineCount(page)).toBe(6);
  await expect(page.getByTestId('total-all')).toHaveText('469,770.00');
});

test('a bad amount is refused with a Chinese message naming the field, the stored value stays', async ({ app: page, engine }) => {
  await seeded(page, engine, async (e) => {
    await e.call('lines.add', {
      budget,
      lines: [{ unit: '711001', function: '2012901', economic: '30228', kind: 'basic', source: 'general', amount: '6400.00' }],
    });
  });
  await cell(page, 0, COL.amount).click();
  await typeCell(page, '12.345');
  const err = page.getByTestId('cell-error');
  await expect(err).toContainText('金额');
  await expect(err).toContainText('两位小数');
  await expect(cell(page, 0, COL.amount)).toHaveClass(/bad/);
  await screen(page, '14-bad-amount');
  await page.keyboard.press('Escape');
  await expect(cell(page, 0, COL.amount)).toHaveText('6,400.00');

  await cell(page, 0, COL.amount).click();
  await typeCell(page, '-5');
  await expect(page.getByTestId('cell-error')).toContainText('负数');
  await page.keyboard.press('Escape');

  // In the new-line row, the refusal names the field too and nothing is stored.
  await draftCell(page, COL.amount).click();
  await typeCell(page, 'abc');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: '新增行' })).toContainText('金额');
  expect(await lineCount(page)).toBe(1);
});

test('30,000 lines stay windowed: few rows in the DOM, keyboard to the end, sort and filter', async ({ app: page, engine }) => {
  await seeded(page, engine, async (e) => {
    const fns = ['2012901', '2080501', '2080505', '2101101', '2101103', '2210201'];
    const ecos = ['30228', '30229', '30112', '30302', '30299', '30108'];
    const lines = Array.from({ length: 30_000 }, (_, i) => ({
      unit: '711001',
      function: fns[i % fns.length]!,
      economic: ecos[(i * 7) % ecos.length]!,
      kind: 'basic',
      source: 'general',
      amount: `${(i % 9973) + 1}.${String(i % 100).padStart(2, '0')}`,
      memo: `行${i + 1}`,
    }));
    await e.call('lines.add', { budget, lines });
  });
  await expect.poll(() => lineCount(page)).toBe(30_000);
  expect(await page.locator('[data-testid="lines-grid"] .gridrow').count()).toBeLessThan(120);
  await page.getByTestId('lines-grid').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 29_999, COL.memo)).toHaveText('行30000');
  expect(await page.locator('[data-testid="lines-grid"] .gridrow').count()).toBeLessThan(120);
  await screen(page, '15-30000-lines');

  await page.locator('.grid .head [role="columnheader"]').filter({ hasText: '金额' }).click();
  await page.locator('.grid .head [role="columnheader"]').filter({ hasText: '金额' }).click();
  await page.getByTestId('lines-grid').focus();
  await page.keyboard.press('Control+Home');
  await expect(cell(page, 0, COL.amount)).toHaveText('9,973.72');
  await page.getByLabel('筛选备注').fill('行2999');
  await expect.poll(() => page.locator('[data-testid="lines-grid"] .status span').first().textContent()).toContain('筛选后 11 行');
});

test('turning a basic line into a project line asks for its project and stores both together', async ({ app: page, engine }) => {
  await seeded(page, engine, async (e) => {
    for (const [code, name] of [
      ['P1', '职工帮扶'],
      ['P2', '劳模慰问'],
    ]) {
      await e.call('projects.add', { budget, project: { code, name, unit: '711001' } });
    }
    await e.call('lines.add', {
      budget,
      lines: [{ unit: '711001', function: '2012902', economic: '30305', kind: 'basic', source: 'general', amount: '81000' }],
    });
  });
  await cell(page, 0, COL.kind).click();
  await firstKey(page, '项');
  await page.keyboard.type('目支出');
  await page.keyboard.press('Enter');
  // The project picker opens on the same row; nothing is stored until a project is chosen.
  await expect(page.locator('.popover input')).toBeFocused();
  await expect(cell(page, 0, COL.kind)).toHaveText('基本支出');
  await page.keyboard.type('劳模');
  await expect(page.locator('.popover .opt.hl')).toContainText('劳模慰问');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, COL.kind)).toHaveText('项目支出');
  await expect(cell(page, 0, COL.project)).toHaveText('劳模慰问');
  await expect(page.getByTestId('total-project')).toHaveText('81,000.00');
  // One undo step takes back both fields.
  await page.keyboard.press('Control+z');
  await expect(cell(page, 0, COL.kind)).toHaveText('基本支出');
  await expect(cell(page, 0, COL.project)).toHaveText('');
});

/** Imports the reference budget file through the handler map, then opens its 预算明细 in the UI. */
async function imported(page: Page, engine: Engine): Promise<void> {
  await seedReference(engine);
  await openFirstBudget(page);
  await nav(page, '预算明细');
}

function fenOf(yuan: string): Fen {
  const r = parseYuan(yuan);
  if (!r.ok) throw new Error(`fixture amount ${yuan}: ${r.reason}`);
  return r.fen;
}

interface FixtureLine {
  economic: string;
  kind: string;
  amount: string;
}
/** The strip above the grid, computed here from the fixture's lines (人员经费/公用经费 split basic lines only). */
function totalsOf(lines: readonly { economic: string; kind: string; fen: Fen }[]) {
  let all = 0n,
    personnel = 0n,
    pub = 0n;
  for (const l of lines) {
    all += l.fen;
    if (l.kind === 'basic') {
      if (isPersonnel(l.economic)) personnel += l.fen;
      else pub += l.fen;
    }
  }
  return { all: formatYuanGrouped(all), personnel: formatYuanGrouped(personnel), pub: formatYuanGrouped(pub) };
}

async function expectTotals(page: Page, t: ReturnType<typeof totalsOf>): Promise<void> {
  await expect(page.getByTestId('total-all')).toHaveText(t.all);
  await expect(page.getByTestId('total-personnel')).toHaveText(t.personnel);
  await expect(page.getByTestId('total-public')).toHaveText(t.pub);
}

test(
  'editing an amount of the reference budget updates the totals; undo names it and restores them, redo re-applies; ' +
    'a bad amount is refused and nothing is stored',
  async ({ app: page, engine }) => {
    const file = JSON.parse(readFileSync(FIXTURE_711, 'utf8')) as { lines: FixtureLine[] };
    const base = file.lines.map((l) => ({ economic: l.economic, kind: l.kind, fen: fenOf(l.amount) }));
    // The one basic line with economic 30113 (住房公积金, 人员经费): its amount has 分, so rounding would show.
    const target = file.lines.findIndex((l) => l.economic === '30113' && l.kind === 'basic');
    expect(target).toBeGreaterThanOrEqual(0);
    expect(file.lines.filter((l) => l.economic === '30113')).toHaveLength(1);
    const NEW = '45000.25';
    const edited = base.map((l, i) => (i === target ? { ...l, fen: fenOf(NEW) } : l));
    const before = totalsOf(base);
    const after = totalsOf(edited);
    const oldShown = formatYuanGrouped(base[target]!.fen);
    const newShown = formatYuanGrouped(fenOf(NEW));
    expect(after.all).not.toBe(before.all);
    expect(after.personnel).not.toBe(before.personnel); // 30113 is 人员经费: that side moves, 公用经费 stays
    expect(after.pub).toBe(before.pub);

    await imported(page, engine);
    await expect.poll(() => lineCount(page)).toBe(file.lines.length);
    await expectTotals(page, before);

    // The grid row showing that line (found by its economic code, not by an assumed order).
    const row = page.locator('[data-testid="lines-grid"] .gridrow').filter({ has: page.locator(`[data-cell$=":${COL.economic}"]`, { hasText: '30113' }) });
    await expect(row).toHaveCount(1);
    const r = Number(await row.getAttribute('aria-rowindex')) - 1;
    const amount = cell(page, r, COL.amount);
    await expect(amount).toHaveText(oldShown);

    // Move to 金额(元) with the keyboard, from the row's economic cell.
    await cell(page, r, COL.economic).click();
    for (let c = COL.economic; c < COL.amount; c++) await page.keyboard.press('ArrowRight');
    await expect(amount).toHaveClass(/active/);
    await typeCell(page, NEW);
    await expect(amount).toHaveText(newShown);
    await expectTotals(page, after);
    const undoBtn = page.getByRole('button', { name: '撤销', exact: true });
    const redoBtn = page.getByRole('button', { name: '重做', exact: true });
    await expect(undoBtn).toBeEnabled();
    await expect(undoBtn).toHaveAttribute('title', '撤销：修改金额（Ctrl+Z）');
    await screen(page, 'grid-edit-amount');

    // Ctrl+Z: the old amount and totals are back; redo is offered under the same name.
    await page.keyboard.press('Control+z');
    await expect(amount).toHaveText(oldShown);
    await expectTotals(page, before);
    await expect(redoBtn).toHaveAttribute('title', '重做：修改金额（Ctrl+Y）');

    // Ctrl+Y: re-applied.
    await page.getByTestId('lines-grid').focus();
    await page.keyboard.press('Control+y');
    await expect(amount).toHaveText(newShown);
    await expectTotals(page, after);
    await expect(undoBtn).toHaveAttribute('title', '撤销：修改金额（Ctrl+Z）');

    // A bad amount on the same line: refused with the Chinese reason naming the field.
    await amount.click();
    await typeCell(page, '4.5万');
    const err = page.getByTestId('cell-error');
    await expect(err).toContainText('金额');
    await expect(err).toContainText('“4.5万”不是有效的金额');
    await expect(amount).toHaveClass(/bad/);
    await page.keyboard.press('Escape');
    await expect(amount).toHaveText(newShown);

    // The stored value is untouched: the database still holds the redone amount, and so does a fresh page.
    const stored = await engine.call<LineDto[]>('lines.list', { budget });
    expect(stored.filter((l) => l.economic === '30113').map((l) => l.amount)).toEqual([NEW]);
    await openFirstBudget(page);
    await nav(page, '预算明细');
    await expect(cell(page, r, COL.economic)).toContainText('30113');
    await expect(cell(page, r, COL.amount)).toHaveText(newShown);
    await expectTotals(page, after);
  },
);
