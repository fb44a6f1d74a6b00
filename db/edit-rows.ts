// Rows as the editor reads and writes them: statements with amounts read exactly, and the column readers.
import type Database from 'better-sqlite3';
import { type Fen } from '../core/money';
import type { BudgetDb } from './open';

/** The one statement cache (db.stmt), reading integers exactly (bigint; Number() where small). */
export function st(db: BudgetDb, sql: string): Database.Statement {
  return db.stmt(sql, EXACT);
}
const EXACT = { exact: true } as const;
export type Row = Record<string, unknown>;
/** The seq of a row appended to a budget's list (units, projects, procurement, assets). */
export function nextSeq(db: BudgetDb, table: 'units' | 'projects' | 'procurement' | 'assets', budgetId: number): number {
  return Number((st(db, `SELECT coalesce(max(seq), -1) + 1 AS n FROM ${table} WHERE budget_id = ?`).get(budgetId) as Row).n);
}
export const num = (v: unknown): number => Number(v as bigint | number);
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const fen = (v: unknown): Fen => BigInt(v as bigint | number);
