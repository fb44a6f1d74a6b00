// Driving the 预算明细 grid with the keyboard, as a clerk does.
import { expect, type Page } from '@playwright/test';

export const COL = { unit: 0, function: 1, economic: 2, kind: 3, source: 4, carryover: 5, amount: 6, project: 7, memo: 8 } as const;

export function draftCell(page: Page, col: number) {
  return page.locator(`[data-testid="draft-row"] [data-cell="d:${col}"]`);
}
export function cell(page: Page, row: number, col: number) {
  return page.locator(`[data-testid="lines-grid"] [data-cell="${row}:${col}"]`);
}

/** A key on the grid: Latin keys as key presses, Chinese as text input (as an IME delivers it). */
export async function firstKey(page: Page, ch: string): Promise<void> {
  if (/^[\x20-\x7e]$/.test(ch)) await page.keyboard.press(ch);
  else await page.keyboard.insertText(ch);
}

/** Types into a picker: the first key opens it on the active cell, the rest go to its search box;
 *  Enter takes the highlighted entry once it is the one we expect. */
export async function pick(page: Page, query: string, expectHighlighted: string | RegExp): Promise<void> {
  await firstKey(page, query[0]!);
  const box = page.locator('.popover input');
  await expect(box).toBeFocused();
  if (query.length > 1) await page.keyboard.type(query.slice(1));
  await expect(page.locator('.popover .opt.hl')).toContainText(expectHighlighted);
  await page.keyboard.press('Enter');
  await expect(page.locator('.popover')).toHaveCount(0);
}

/** Types a value into a text cell (amount, memo) and confirms with Enter. */
export async function typeCell(page: Page, value: string): Promise<void> {
  await firstKey(page, value[0]!);
  const editor = page.locator('[data-testid="lines-grid"] input.editor');
  await expect(editor).toBeFocused();
  if (value.length > 1) await page.keyboard.type(value.slice(1));
  await page.keyboard.press('Enter');
}

export interface UiLine {
  function: string;
  economic: string;
  kind: string;
  source: string;
  amount: string;
  project?: string;
  projectName?: string;
}

export async function lineCount(page: Page): Promise<number> {
  const t = await page.locator('[data-testid="lines-grid"] .status span').first().textContent();
  return Number(/共 ([\d,]+) 行/.exec(t ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
}

/** Enters one line in the new-line row, field by field, with the keyboard only. */
export async function enterLine(page: Page, l: UiLine): Promise<void> {
  const before = await lineCount(page);
  await draftCell(page, COL.function).click();
  await pick(page, l.function, l.function);
  await pick(page, l.economic, l.economic);
  await pick(page, l.kind, l.kind);
  await pick(page, l.source, l.source);
  await page.keyboard.press('Tab'); // 上年结转: no
  await typeCell(page, l.amount);
  if (l.project) await pick(page, l.project, l.projectName ?? l.project);
  else await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // on the last column of the new-line row: add it
  await expect.poll(() => lineCount(page)).toBe(before + 1);
}
