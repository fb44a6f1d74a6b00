// Classification catalogs in the database: the built-in ones (seeded per year), codes added from
// budget files ('file'), imported from the finance bureau's list ('import') or typed in ('manual').
import type Database from 'better-sqlite3';
import {
  Catalog,
  CODE_LEVELS,
  MAX_CATALOG_NAME_LENGTH,
  nearestYear,
  parentCode,
  type CatalogEntry,
  type CatalogKind,
  type CatalogOrigin,
  type Catalogs,
} from '../core/catalog';
import { builtinCatalog, builtinCatalogYears, unconfirmedBuiltinCodes } from '../core/catalogs/builtin';
import { BUDGET_YEAR_RULE, isBudgetYear } from '../core/model';
import { CATALOG_KIND_LABELS } from '../core/validate-line';
import { Refusal } from './errors';
import type { BudgetDb } from './budget-db';
import { inTransaction } from './transaction';

const KINDS: readonly CatalogKind[] = ['function', 'economic'];
const ORIGINS: readonly CatalogOrigin[] = ['builtin', 'file', 'import', 'manual'];

function fingerprint(entries: readonly CatalogEntry[]): string {
  let h = 0x811c9dc5; // FNV-1a over "code\tname\n"
  for (const e of entries) {
    const s = `${e.code}\t${e.name}\n`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  }
  return `${entries.length}:${h.toString(16)}`;
}

/**
 * Puts the built-in catalog of every bundled year into the table. Idempotent and cheap: a year is
 * rewritten only when its bundled data changed (fingerprint in settings); codes the clerk added stay.
 */
export function seedBuiltinCatalogs(sqlite: Database.Database): void {
  const getSetting = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const setSetting = sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const upsert = sqlite.prepare(`INSERT INTO catalogs (year, kind, code, name, origin) VALUES (?, ?, ?, ?, 'builtin')
    ON CONFLICT(year, kind, code) DO UPDATE SET name = excluded.name WHERE origin = 'builtin'`);
  for (const year of builtinCatalogYears()) {
    for (const kind of KINDS) {
      const entries = (builtinCatalog(year, kind) ?? []).filter((e) => codeProblem(kind, e.code) === null && e.name.trim() !== '');
      const key = `builtin-catalog:${year}:${kind}`;
      const fp = fingerprint(entries);
      if (getSetting.get(key) === fp) continue;
      sqlite
        .transaction(() => {
          for (const e of entries) upsert.run(year, kind, e.code, e.name.trim());
          setSetting.run(key, fp);
        })
        .immediate();
    }
  }
}

/** Years that have catalog rows of the kind (all kinds when omitted), ascending. */
export function catalogYears(db: BudgetDb, kind?: CatalogKind): number[] {
  const rows = kind
    ? db.stmt('SELECT DISTINCT year FROM catalogs WHERE kind = ? ORDER BY year', { pluck: true }).all(kind)
    : db.stmt('SELECT DISTINCT year FROM catalogs ORDER BY year', { pluck: true }).all();
  return rows as number[];
}

/** The year whose catalog stands in for `year`: itself if it has rows, else the latest earlier year, else the earliest later one. */
function sourceYear(db: BudgetDb, year: number, kind: CatalogKind): number | null {
  return nearestYear(catalogYears(db, kind), year);
}

function entriesOf(db: BudgetDb, year: number, kind: CatalogKind): CatalogEntry[] {
  const rows = db.stmt('SELECT code, name, origin FROM catalogs WHERE year = ? AND kind = ? ORDER BY code').all(year, kind) as CatalogEntry[];
  // 待核实 is a property of the bundled data, not stored: a clerk's or bureau's name is never marked.
  const unconfirmed = unconfirmedBuiltinCodes(year, kind);
  if (unconfirmed.size) for (const e of rows) if (e.origin === 'builtin' && unconfirmed.has(e.code)) e.unconfirmed = true;
  return rows;
}

/** Where each kind of `year`'s catalog comes from; borrowedFrom is set when a kind is borrowed (the last such kind). */
function catalogSources(db: BudgetDb, year: number): { src: Record<CatalogKind, number | null>; borrowedFrom?: number } {
  const src = { function: null, economic: null } as Record<CatalogKind, number | null>;
  let borrowedFrom: number | undefined;
  for (const kind of KINDS) {
    const y = (src[kind] = sourceYear(db, year, kind));
    if (y !== null && y !== year) borrowedFrom = y;
  }
  return borrowedFrom === undefined ? { src } : { src, borrowedFrom };
}

/** getCatalogs(db, year).borrowedFrom without reading the catalogs' entries. */
export function catalogBorrowedFrom(db: BudgetDb, year: number): number | undefined {
  return catalogSources(db, year).borrowedFrom;
}

// The catalogs of each year, kept per open database: every line edit validates against them, and reading
// both catalogs cost more than the edit itself. This module's writes drop them (catalogsChanged), as does
// another connection's commit (PRAGMA data_version moves). Never filled inside a transaction, which may
// still roll back what it read.
const cache = new WeakMap<BudgetDb, { version: unknown; years: Map<number, Catalogs> }>();

function catalogsChanged(db: BudgetDb): void {
  cache.delete(db);
}

/** The catalogs of a budget year. A kind the year lacks is borrowed from the nearest year (borrowedFrom set).
 *  Shared between callers: read them, never change them. */
export function getCatalogs(db: BudgetDb, year: number): Catalogs {
  if (db.sqlite.inTransaction) return readCatalogs(db, year);
  const version = db.stmt('PRAGMA data_version', { pluck: true }).get();
  let c = cache.get(db);
  if (!c || c.version !== version) cache.set(db, (c = { version, years: new Map() }));
  let catalogs = c.years.get(year);
  if (!catalogs) c.years.set(year, (catalogs = readCatalogs(db, year)));
  return catalogs;
}

function readCatalogs(db: BudgetDb, year: number): Catalogs {
  const { src, borrowedFrom } = catalogSources(db, year);
  const build = (kind: CatalogKind): Catalog => {
    const y = src[kind];
    return new Catalog(kind, y === null ? [] : entriesOf(db, y, kind));
  };
  const catalogs: Catalogs = { year, function: build('function'), economic: build('economic') };
  if (borrowedFrom !== undefined) catalogs.borrowedFrom = borrowedFrom;
  return catalogs;
}

/**
 * Gives `year` its own rows of the kind, copied from the borrowed year, before a code is added to it —
 * otherwise the one added code would become the whole catalog of that year.
 */
export function ensureYearCatalog(db: BudgetDb, year: number, kind: CatalogKind): void {
  const src = sourceYear(db, year, kind);
  if (src === null || src === year) return;
  inTransaction(db, () => {
    catalogsChanged(db);
    db.stmt('INSERT INTO catalogs (year, kind, code, name, origin) SELECT ?, kind, code, name, origin FROM catalogs WHERE year = ? AND kind = ?').run(
      year,
      src,
      kind,
    );
  });
}

function checkKind(kind: unknown): asserts kind is CatalogKind {
  if (!KINDS.includes(kind as CatalogKind))
    throw new Refusal('validation', `科目表类别“${String(kind)}”无效，应为 function（支出功能分类）或 economic（经济分类）`);
}

function codeProblem(kind: CatalogKind, code: unknown): string | null {
  const levels = CODE_LEVELS[kind];
  if (typeof code !== 'string' || code.trim() === '') return '编码不能为空';
  if (!/^\d+$/.test(code)) return `编码“${code}”只能由数字组成`;
  if (!levels.includes(code.length)) return `编码“${code}”位数不对，${CATALOG_KIND_LABELS[kind]}编码应为 ${levels.join('、')} 位`;
  return null;
}

/** Adds one code to a year's catalog (copying the borrowed catalog first when the year has none). */
export function addCatalogCode(db: BudgetDb, year: number, kind: CatalogKind, code: string, name: string, origin: CatalogOrigin = 'manual'): CatalogEntry {
  checkKind(kind);
  const label = CATALOG_KIND_LABELS[kind];
  if (!isBudgetYear(year)) throw new Refusal('validation', `年度“${year}”无效：${BUDGET_YEAR_RULE}`);
  if (!ORIGINS.includes(origin)) throw new Refusal('validation', `科目来源“${String(origin)}”无效`);
  const cp = codeProblem(kind, code);
  if (cp) throw new Refusal('validation', `不能添加${label}：${cp}`);
  const nm = typeof name === 'string' ? name.trim() : '';
  if (nm === '') throw new Refusal('validation', `不能添加${label} ${code}：名称不能为空`);
  if (nm.length > MAX_CATALOG_NAME_LENGTH) throw new Refusal('validation', `不能添加${label} ${code}：名称过长（最多 ${MAX_CATALOG_NAME_LENGTH} 字）`);
  return inTransaction(db, () => {
    ensureYearCatalog(db, year, kind);
    const existing = db.stmt('SELECT name FROM catalogs WHERE year = ? AND kind = ? AND code = ?', { pluck: true }).get(year, kind, code) as string | undefined;
    if (existing !== undefined) throw new Refusal('conflict', `不能添加${label} ${code}：${year} 年科目表中已有该编码（${existing}）`);
    const parent = parentCode(kind, code);
    if (parent && db.stmt('SELECT 1 FROM catalogs WHERE year = ? AND kind = ? AND code = ?').get(year, kind, parent) === undefined) {
      throw new Refusal('validation', `不能添加${label} ${code}：上级科目 ${parent} 不在 ${year} 年科目表中，请先添加上级科目`);
    }
    catalogsChanged(db);
    db.stmt('INSERT INTO catalogs (year, kind, code, name, origin) VALUES (?, ?, ?, ?, ?)').run(year, kind, code, nm, origin);
    return { code, name: nm, origin };
  });
}

export interface ImportCatalogResult {
  added: number;
  updated: number;
}

/**
 * Imports a list of codes (e.g. the finance bureau's catalog) into a year, all or nothing: every entry
 * is checked first (code form, name, duplicates, parent present in the list or the year's catalog).
 * Existing codes get the imported name.
 */
export function importCatalogEntries(
  db: BudgetDb,
  year: number,
  kind: CatalogKind,
  entries: readonly { code: string; name: string }[],
  origin: CatalogOrigin = 'import',
): ImportCatalogResult {
  checkKind(kind);
  const label = CATALOG_KIND_LABELS[kind];
  if (!isBudgetYear(year)) throw new Refusal('validation', `年度“${year}”无效：${BUDGET_YEAR_RULE}`);
  if (entries.length === 0) throw new Refusal('validation', `导入的${label}为空`);
  const existing = new Set(db.stmt('SELECT code FROM catalogs WHERE year = ? AND kind = ?', { pluck: true }).all(year, kind) as string[]);
  const seen = new Map<string, { name: string; row: number }>();
  const problems: string[] = [];
  entries.forEach((e, i) => {
    const cp = codeProblem(kind, e?.code);
    if (cp) {
      problems.push(`第 ${i + 1} 条：${cp}`);
      return;
    }
    const nm = typeof e.name === 'string' ? e.name.trim() : '';
    if (nm === '') {
      problems.push(`第 ${i + 1} 条（${e.code}）：名称不能为空`);
      return;
    }
    const prev = seen.get(e.code);
    if (prev && prev.name !== nm) problems.push(`第 ${i + 1} 条：编码 ${e.code} 与第 ${prev.row} 条重复且名称不同（“${prev.name}”/“${nm}”）`);
    else if (!prev) seen.set(e.code, { name: nm, row: i + 1 });
  });
  for (const [code, { row }] of seen) {
    const parent = parentCode(kind, code);
    if (parent && !seen.has(parent) && !existing.has(parent))
      problems.push(`第 ${row} 条（${code}）：上级科目 ${parent} 既不在导入的列表中，也不在 ${year} 年科目表中`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 50).join('；');
    throw new Refusal(
      'validation',
      `${year} 年${label}未导入，共 ${problems.length} 处问题：${shown}${problems.length > 50 ? `；……另有 ${problems.length - 50} 处` : ''}`,
    );
  }
  let added = 0;
  let updated = 0;
  inTransaction(db, () => {
    const upsert = db.stmt(`INSERT INTO catalogs (year, kind, code, name, origin) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(year, kind, code) DO UPDATE SET name = excluded.name, origin = excluded.origin`);
    catalogsChanged(db);
    for (const [code, { name }] of seen) {
      upsert.run(year, kind, code, name, origin);
      if (existing.has(code)) updated++;
      else added++;
    }
  });
  return { added, updated };
}

/** Adds the codes a budget file named (origin 'file') to its year; codes already present are left alone. */
export function addFileCodes(db: BudgetDb, year: number, codes: readonly { kind: CatalogKind; code: string; name: string }[]): void {
  if (!codes.length) return;
  inTransaction(db, () => {
    catalogsChanged(db);
    for (const kind of KINDS) if (codes.some((c) => c.kind === kind)) ensureYearCatalog(db, year, kind);
    // Parents first, so that a 款 added with its 项 precedes it.
    const sorted = [...codes].sort((a, b) => a.code.length - b.code.length);
    const ins = db.stmt(`INSERT INTO catalogs (year, kind, code, name, origin) VALUES (?, ?, ?, ?, 'file') ON CONFLICT(year, kind, code) DO NOTHING`);
    for (const c of sorted) {
      checkKind(c.kind);
      const cp = codeProblem(c.kind, c.code);
      if (cp) throw new Refusal('validation', `不能添加${CATALOG_KIND_LABELS[c.kind]}：${cp}`);
      ins.run(year, c.kind, c.code, c.name.trim());
    }
  });
}
