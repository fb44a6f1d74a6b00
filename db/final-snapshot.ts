// What a finalized year's disclosure reads from outside its own rows, stored at 定稿 (migration 008): last
// year's figures for 比上年增减, 往年对比's rows against last year, and its year's 科目表. While the year stays
// finalized these are read instead of the live sources, so editing or deleting another year, or importing a
// 科目表, never changes what was published. Storage only: db/finalize.ts takes the snapshot.
import { Catalog, type CatalogEntry, type Catalogs } from '../core/catalog';
import type { Comparison } from '../core/compare/compare';
import type { PriorFigures } from '../core/narrative';
import type { BudgetDb } from './open';

/** 往年对比 of the year against the year before, as it stood at 定稿. */
interface FrozenComparison {
  comparison: Comparison;
  borrowed: { year: number; from: number; note: string }[];
  priorFileName: string | null;
}

interface FinalSnapshot {
  prior: PriorFigures | null;
  compare: FrozenComparison;
  catalogs: Catalogs;
  takenAt: string;
}

interface CatalogsJson {
  year: number;
  borrowedFrom?: number;
  function: CatalogEntry[];
  economic: CatalogEntry[];
}

// 分 are bigints: stored as {"fen": "123"} so that JSON keeps them exact.
const FEN_TAG = 'fen';
const fenOut = (_k: string, v: unknown) => (typeof v === 'bigint' ? { [FEN_TAG]: v.toString() } : v);
const fenIn = (_k: string, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>)[FEN_TAG] === 'string'
    ? BigInt((v as Record<string, string>)[FEN_TAG]!)
    : v;

function catalogsJson(c: Catalogs): CatalogsJson {
  const borrowed = c.borrowedFrom === undefined ? {} : { borrowedFrom: c.borrowedFrom };
  return { year: c.year, ...borrowed, function: c.function.entries(), economic: c.economic.entries() };
}

function catalogsOf(j: CatalogsJson): Catalogs {
  const c: Catalogs = { year: j.year, function: new Catalog('function', j.function), economic: new Catalog('economic', j.economic) };
  if (j.borrowedFrom !== undefined) c.borrowedFrom = j.borrowedFrom;
  return c;
}

/** Stores (replacing) the snapshot of a budget; the caller holds the transaction. */
export function storeSnapshot(db: BudgetDb, budgetId: number, s: Omit<FinalSnapshot, 'takenAt'>): void {
  db.stmt(
    `INSERT OR REPLACE INTO finalize_snapshots (budget_id, prior_json, compare_json, catalogs_json, taken_at)
    VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))`,
  ).run(budgetId, JSON.stringify(s.prior, fenOut), JSON.stringify(s.compare), JSON.stringify(catalogsJson(s.catalogs)));
}

export function dropSnapshot(db: BudgetDb, budgetId: number): void {
  db.stmt('DELETE FROM finalize_snapshots WHERE budget_id = ?').run(budgetId);
}

/** The snapshot of a finalized budget, or null (not finalized, or finalized before snapshots existed). */
export function finalSnapshot(db: BudgetDb, budgetId: number): FinalSnapshot | null {
  const r = db
    .stmt(
      `SELECT s.prior_json, s.compare_json, s.catalogs_json, s.taken_at FROM finalize_snapshots s
    JOIN budgets b ON b.id = s.budget_id WHERE s.budget_id = ? AND b.finalized = 1`,
    )
    .get(budgetId) as { prior_json: string; compare_json: string; catalogs_json: string; taken_at: string } | undefined;
  if (!r) return null;
  return {
    prior: JSON.parse(r.prior_json, fenIn) as PriorFigures | null,
    compare: JSON.parse(r.compare_json) as FrozenComparison,
    catalogs: catalogsOf(JSON.parse(r.catalogs_json) as CatalogsJson),
    takenAt: r.taken_at,
  };
}

/** Only the frozen 往年对比 (no catalog parse): what compare.get needs. */
export function frozenComparison(db: BudgetDb, budgetId: number): FrozenComparison | null {
  const sql = 'SELECT s.compare_json FROM finalize_snapshots s JOIN budgets b ON b.id = s.budget_id WHERE s.budget_id = ? AND b.finalized = 1';
  const j = db.stmt(sql, { pluck: true }).get(budgetId) as string | undefined;
  return j === undefined ? null : (JSON.parse(j) as FrozenComparison);
}
