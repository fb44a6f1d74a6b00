// What a browser reload keeps: the open database file, budget and page, in sessionStorage (per tab, gone
// when the tab closes). The engine keeps the database open across a reload (browser-mode server,
// Electron's engine); the file path is there only to re-open it when the engine has none open.
import type { BudgetRef } from '../../api/contract';

export interface SavedSession {
  dbPath: string | null;
  budget: BudgetRef | null;
  page: string;
}

const KEY = 'budgetdesk.session';

export function readSession(): SavedSession | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedSession>;
    const b = v.budget;
    const budget = b && typeof b.dept === 'string' && typeof b.year === 'number' ? { dept: b.dept, year: b.year } : null;
    return { dbPath: typeof v.dbPath === 'string' ? v.dbPath : null, budget, page: typeof v.page === 'string' ? v.page : 'start' };
  } catch {
    return null; // storage disabled or damaged: start at 开始 as before
  }
}

export function writeSession(s: SavedSession): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    /* storage disabled: reload starts at 开始 */
  }
}
