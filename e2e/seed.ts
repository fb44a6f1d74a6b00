// A small budget (dept 711, 2025, one unit) seeded through the handler map and opened on 预算明细:
// shared by the issue-12 grid specs.
import type { Page } from '@playwright/test';
import { nav, openFirstBudget, type Engine } from './fixtures';

export const budget = { dept: '711', year: 2025 };
export const UNIT = { code: '711001', name: '工会部门山海关区总工会本级', nature: '行政', grade: '正科级', funding: '财政拨款' };

export async function seeded(page: Page, engine: Engine, more?: (e: Engine) => Promise<void>): Promise<void> {
  // Browser mode's server opened its database at start; the injected transport starts without one.
  if (!(await engine.call<{ open: boolean }>('db.status', {})).open) await engine.call('db.create', { path: engine.dbPath });
  await engine.call('budgets.create', { deptCode: '711', deptName: '工会部门', year: 2025 });
  await engine.call('units.add', { budget, unit: UNIT });
  if (more) await more(engine);
  await openFirstBudget(page);
  await nav(page, '预算明细');
}

/** Pastes text onto the grid as Ctrl+V does. */
export async function paste(page: Page, text: string): Promise<void> {
  const grid = page.getByTestId('lines-grid');
  await grid.focus();
  await grid.evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}
