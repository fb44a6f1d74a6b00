// 新建年度 with 金额清零 keeps every line of last year as a draft line of 0 分 for the clerk to fill in
// (core/checks flags them: 明细金额须大于 0). Lines so far required amount_fen > 0; SQLite cannot alter a
// CHECK, so the table is rebuilt from its own stored DDL with only that bound relaxed to >= 0 (whatever
// else 001 says stays as it is). Imports and UI edits still refuse 0 (core/validate-line.ts).
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const migration: Migration = {
  version: 2,
  name: 'draft_zero_lines',
  up(db: Database.Database) {
    const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'lines'`).pluck().get() as string | undefined;
    if (!sql) throw new Error('table lines missing');
    const relaxed = sql.replace(/amount_fen\s*>\s*0(?!\s*=)/, 'amount_fen >= 0');
    if (relaxed === sql) throw new Error('lines: amount_fen > 0 check not found');
    const indexes = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lines' AND sql IS NOT NULL`).pluck().all() as string[];
    db.exec(relaxed.replace(/^CREATE TABLE\s+("?)lines\1/i, 'CREATE TABLE lines_new'));
    db.exec('INSERT INTO lines_new SELECT * FROM lines');
    db.exec('DROP TABLE lines');
    db.exec('ALTER TABLE lines_new RENAME TO lines');
    for (const s of indexes) db.exec(s);
  },
};
