// Issue 12 §2, the catalog picker in the 预算明细 grid: a complete code the catalog lacks is added on the
// spot (添加到科目表) and fills the cell; pinyin initials and several words find entries, identical names
// show their 类›款 path; a bare code prefix plus Enter never takes a code the clerk did not look at.
import { test, expect, screen } from './fixtures';
import { COL, draftCell, firstKey } from './grid';
import { budget, seeded, UNIT } from './seed';

test('an unknown 7-digit code is added to the catalog from the picker and fills the cell, without leaving the grid', async ({ app: page, engine }) => {
  await seeded(page, engine);
  await draftCell(page, COL.function).click();
  await firstKey(page, '2');
  const box = page.locator('.popover input');
  await expect(box).toBeFocused();
  await page.keyboard.type('012988');
  const inline = page.getByTestId('catalog-add-inline');
  await expect(inline).toContainText('科目表中没有 2012988');
  // Enter does not die in the search box: it moves to the new code's name.
  await page.keyboard.press('Enter');
  const name = inline.getByLabel('新科目名称');
  await expect(name).toBeFocused();
  await page.keyboard.insertText('工会专项测试事务');
  await screen(page, 'picker-01-add-code');
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover')).toHaveCount(0);
  await expect(draftCell(page, COL.function)).toContainText('2012988');
  await expect(draftCell(page, COL.function)).toContainText('工会专项测试事务');
  // The grid has the keyboard again: the next key opens the next column's picker.
  await expect(draftCell(page, COL.economic)).toHaveClass(/active/);
  const hits = await engine.call<{ code: string; name: string; origin: string }[]>('catalog.search', { year: 2025, kind: 'function', query: '2012988' });
  expect(hits).toEqual([expect.objectContaining({ code: '2012988', name: '工会专项测试事务', origin: 'manual' })]);

  // A refusal (no such 款) is said in the picker, and nothing is taken.
  await draftCell(page, COL.function).click();
  await firstKey(page, '2');
  await page.keyboard.type('018801');
  await expect(inline).toContainText('科目表中没有 2018801');
  await page.keyboard.press('Enter');
  await expect(name).toBeFocused();
  await page.keyboard.insertText('测试');
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover [role="alert"]')).toContainText('上级科目 20188 不在 2025 年科目表中');
  await page.keyboard.press('Escape');
  await expect(draftCell(page, COL.function)).toContainText('2012988');
});

test('pinyin initials and several words find entries; the many 行政运行 show their 类›款 path', async ({ app: page, engine }) => {
  await seeded(page, engine);
  await draftCell(page, COL.function).click();
  await firstKey(page, 'x');
  await page.keyboard.type('zyx');
  const hits = page.getByTestId('catalog-hits').getByRole('option');
  await expect(hits.filter({ hasText: '2012901' })).toContainText('一般公共服务支出 › 群众团体事务 › 行政运行');
  await expect(hits.filter({ hasText: '2120101' })).toContainText('城乡社区支出 › 城乡社区管理事务 › 行政运行');
  expect(await hits.count()).toBeGreaterThan(10);
  for (const t of (await hits.locator('.name').allTextContents()).slice(0, 10)) expect(t).toBe('行政运行');
  await screen(page, 'picker-02-pinyin');

  await page.locator('.popover input').fill('城乡 环境');
  await expect(hits.first()).toContainText('环境');
  for (const t of await hits.allTextContents()) {
    expect(t).toContain('城乡');
    expect(t).toContain('环境');
  }
  await page.locator('.popover input').fill('qzttsw xzyx');
  await expect(page.locator('.popover .opt.hl')).toContainText('2012901');
  await page.keyboard.press('Enter');
  await expect(draftCell(page, COL.function)).toContainText('2012901');
});

test('a bare prefix plus Enter takes nothing the clerk did not see; ↓ then Enter takes the entry shown', async ({ app: page, engine }) => {
  await seeded(page, engine);
  await draftCell(page, COL.function).click();
  await firstKey(page, '2');
  await page.keyboard.type('12');
  const hl = page.locator('.popover .opt.hl');
  const options = page.getByTestId('catalog-hits').getByRole('option');
  await expect(options.first()).toContainText('212');
  await expect(hl).toHaveCount(0); // a bare prefix highlights nothing: nothing is what Enter would take
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover [role="alert"]')).toContainText('“212 城乡社区支出”不是末级科目：请用 ↑↓ 选中');
  await expect(page.locator('.popover')).toHaveCount(1);
  await expect(draftCell(page, COL.function)).toHaveText('功能科目'); // still the empty placeholder
  await page.keyboard.type('0');
  await expect(options.first()).toContainText('2120');
  await expect(hl).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover [role="alert"]')).toContainText('“2120”不是完整编码');
  await expect(draftCell(page, COL.function)).toHaveText('功能科目');
  await screen(page, 'picker-03-bare-prefix');
  await page.keyboard.press('Backspace');
  // The list for “212” is there again (its answer clears the message) before the clerk moves in it.
  await expect(page.locator('.popover [role="alert"]')).toHaveCount(0);

  // The clerk moves to an entry: that one, as shown, is taken.
  await page.keyboard.press('ArrowDown');
  const shown = (await hl.locator('.code').textContent())!;
  expect(shown).toMatch(/^212\d{4}$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover')).toHaveCount(0);
  await expect(draftCell(page, COL.function)).toContainText(shown);

  // A complete code is an exact match: Enter takes it at once.
  await draftCell(page, COL.economic).click();
  await firstKey(page, '3');
  await page.keyboard.type('0228');
  await expect(hl).toContainText('30228');
  await page.keyboard.press('Enter');
  await expect(draftCell(page, COL.economic)).toContainText('工会经费');
});

// “xzyx” + Enter takes the department's own 2010601; equally good matches open the choice; Enter takes what is highlighted.
test("ranked by the department's own use: Enter takes the one best match, else opens the choice", async ({ app: page, engine }) => {
  // A 财政所: its budget uses 2010601 行政运行 (财政事务), not 2010101 (人大事务), the catalog's first 行政运行.
  const used = { unit: UNIT.code, function: '2010601', economic: '30101', kind: 'basic', source: 'general', amount: '100.00' };
  await seeded(page, engine, (e) => e.call('lines.add', { budget, lines: [used] }));
  const box = page.locator('.popover input');
  const hl = page.locator('.popover .opt.hl');
  for (const query of ['xzyx', '行政运行']) {
    await draftCell(page, COL.function).click();
    await firstKey(page, query[0]!);
    await box.fill(query);
    await expect(hl).toContainText('2010601');
    await page.keyboard.press('Enter');
    await expect(page.locator('.popover')).toHaveCount(0);
    await expect(draftCell(page, COL.function)).toContainText('2010601');
  }

  // A name the department does not use anywhere near: several equally good — Enter opens the choice, takes nothing.
  await draftCell(page, COL.function).click();
  await firstKey(page, '征');
  await box.fill('征地和拆迁补偿支出');
  await expect(page.getByTestId('catalog-hits').getByRole('option').nth(1)).toBeVisible();
  await expect(hl).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover [role="alert"]')).toContainText('“征地和拆迁补偿支出”匹配多个科目');
  await expect(draftCell(page, COL.function)).toContainText('2010601');
  // The choice is open: the highlighted entry is what Enter takes.
  await page.keyboard.press('ArrowDown');
  const shown = (await hl.locator('.code').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover')).toHaveCount(0);
  await expect(draftCell(page, COL.function)).toContainText(shown);

  // “201060”, ↓, Enter: the entry ↓ highlighted — the first, 2010601 — is taken.
  await draftCell(page, COL.function).click();
  await firstKey(page, '2');
  await page.keyboard.type('01060');
  await expect(page.getByTestId('catalog-hits').getByRole('option').first()).toContainText('2010601');
  await expect(hl).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(hl).toContainText('2010601');
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover')).toHaveCount(0);
  await expect(draftCell(page, COL.function)).toContainText('2010601');
});
