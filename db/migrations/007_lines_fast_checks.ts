// Two costs of every inserted line, found measuring a 300,000-line import (bench `import`, huge: 9.2 s, target
// 5 s). (1) SQLite evaluates `kind IN ('basic', …)` in a CHECK by building a temporary index on every row:
// the CHECKs of kind, source and carryover were 1.4 s of CPU, the same rules written as `kind = 'basic' OR …`
// cost nothing measurable. (2) Migration 003's covering index served the GROUP BY that 预算明细's totals
// once ran; since migration 006 those come from line_totals, so the index was one more B-tree written per
// line for nothing (1.2 s). SQLite cannot alter a CHECK, so the table is rebuilt from its own stored DDL
// (as 002 did) with each `column IN (…)` written as ORs — the accepted values stay exactly the same — and
// its indexes and triggers re-created, lines_totals left out. Line ids are kept (undo names them).
import type Database from 'better-sqlite3';
import type { Migration } from './types';

/** `kind IN ('a','b')` → `(kind = 'a' OR kind = 'b')`; the lists hold only quoted words and integers. */
export function inListsAsOrs(ddl: string): string {
  return ddl.replace(
    /\b(\w+)\s+IN\s*\(([^()]*)\)/g,
    (_, col: string, list: string) =>
      `(${list
        .split(',')
        .map((v) => `${col} = ${v.trim()}`)
        .join(' OR ')})`,
  );
}

export const migration: Migration = {
  version: 7,
  name: 'lines_fast_checks',
  up(db: Database.Database) {
    const master = (type: string) =>
      db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = ? AND tbl_name = 'lines' AND sql IS NOT NULL`).all(type) as { name: string; sql: string }[];
    const table = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'lines'`).pluck().get() as string | undefined;
    if (!table) throw new Error('table lines missing');
    const rebuilt = inListsAsOrs(table);
    if (/\bIN\s*\(/i.test(rebuilt)) throw new Error('lines: an IN list was left in its CHECKs');
    const indexes = master('index').filter((i) => i.name !== 'lines_totals');
    const triggers = master('trigger');
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    db.exec(rebuilt.replace(/^CREATE TABLE\s+("?)lines\1/i, 'CREATE TABLE lines_new'));
    db.exec('INSERT INTO lines_new SELECT * FROM lines');
    db.exec('DROP TABLE lines');
    db.exec('ALTER TABLE lines_new RENAME TO lines');
    for (const i of indexes) db.exec(i.sql);
    for (const t of triggers) db.exec(t.sql);
  },
};
