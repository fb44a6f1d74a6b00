// Temp-dir SQLite files for the db and CLI tests, and a logical dump to prove "nothing changed".
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Budget, Line } from '../../core/model';
import { openDatabase, type BudgetDb } from '../../db/open';

export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'budgetdesk-test-'));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Registers hooks: for each test a new temp dir with a BudgetDesk database file `name` open in it. */
export function useTempDb(name: string): { readonly tmp: ReturnType<typeof tempDir>; readonly db: BudgetDb } {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let db: BudgetDb | undefined;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.file(name));
  });
  afterEach(() => {
    db?.close();
    tmp?.cleanup();
  });
  return {
    get tmp() {
      return tmp!;
    },
    get db() {
      return db!;
    },
  };
}

/** Every row of every table (plus user_version), opened read-only with a separate connection. */
export function dumpDatabase(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    const out: string[] = [`user_version=${db.pragma('user_version', { simple: true })}`];
    for (const t of tables) {
      const rows = db.prepare(`SELECT * FROM "${t}"`).safeIntegers(true).raw(true).all();
      out.push(`${t}: ${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
    }
    return out.join('\n');
  } finally {
    db.close();
  }
}

/** The budget without database line ids, to compare with a parsed file. */
export function withoutIds(b: Budget): Budget {
  return { ...b, lines: b.lines.map(({ id: _id, ...l }) => l as Line) };
}
