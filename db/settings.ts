// App settings as key/value text (e.g. the last opened department, export folder).
import type { BudgetDb } from './open';
import { inTransaction } from './transaction';

export function getSetting(db: BudgetDb, key: string): string | null {
  const v = db.stmt('SELECT value FROM settings WHERE key = ?').pluck().get(key);
  return v === undefined ? null : (v as string);
}

export function setSetting(db: BudgetDb, key: string, value: string | null): void {
  inTransaction(db, () => {
    if (value === null) db.stmt('DELETE FROM settings WHERE key = ?').run(key);
    else db.stmt('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  });
}
