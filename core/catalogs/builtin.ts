// Built-in classification catalogs, bundled as TSV text (code TAB name, UTF-8) per budget year.
// The data lives in ./data so that a new year is a new set of files plus one line in BUILTIN below.
import { nearestYear, type CatalogEntry, type CatalogKind } from '../catalog';
import function2025 from './data/function-2025.tsv';
import economic2025 from './data/economic-2025.tsv';
import functionClasses2025 from './data/function-classes-2025.tsv';

export interface CodeName {
  code: string;
  name: string;
  /** The data file marks the name 待核实 (third column "?"). */ unconfirmed?: true;
}

interface YearData {
  function: string;
  economic: string;
  functionClasses: string;
}

const BUILTIN: Record<number, YearData> = {
  2025: { function: function2025, economic: economic2025, functionClasses: functionClasses2025 },
};

/** Parses `code TAB name [TAB ?]` lines (the "?" marks a name not yet confirmed); blank lines and lines starting
 *  with # are ignored. Throws on a malformed line because the data is ours and a bad line is a packaging bug, not user input. */
export function parseCatalogTsv(text: string, label = 'catalog'): CodeName[] {
  const out: CodeName[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [code = '', name = '', flag, ...rest] = line.split('\t').map((f) => f.trim());
    if (!/^\d+$/.test(code) || name === '' || (flag !== undefined && flag !== '?') || rest.length) {
      throw new Error(`${label}: line ${i + 1} is not "code<TAB>name[<TAB>?]": ${JSON.stringify(raw)}`);
    }
    out.push(flag === '?' ? { code, name, unconfirmed: true } : { code, name });
  });
  return out;
}

// Parsed once per (year, kind); callers get fresh copies so they may mutate freely.
const cache = new Map<string, CodeName[]>();
function parsed(year: number, key: keyof YearData): CodeName[] | null {
  const data = BUILTIN[year];
  if (!data) return null;
  const k = `${year}/${key}`;
  let list = cache.get(k);
  if (!list) {
    list = parseCatalogTsv(data[key], `${key}-${year}.tsv`);
    cache.set(k, list);
  }
  return list;
}

/** Budget years with a bundled catalog, ascending. */
export function builtinCatalogYears(): number[] {
  return Object.keys(BUILTIN)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The bundled catalog of a year, sorted by code, or null when the year has none. */
export function builtinCatalog(year: number, kind: CatalogKind): CatalogEntry[] | null {
  const list = parsed(year, kind);
  if (!list) return null;
  return list
    .map((e): CatalogEntry =>
      e.unconfirmed ? { code: e.code, name: e.name, origin: 'builtin', unconfirmed: true } : { code: e.code, name: e.name, origin: 'builtin' },
    )
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The 支出功能分类 类 rows of 收支总表 in print order (30 for 2025), or null when the year has none. */
export function functionClassOrder(year: number): CodeName[] | null {
  const list = parsed(year, 'functionClasses');
  return list ? list.map((e) => ({ ...e })) : null;
}

/** The bundled year to borrow when `year` has none: the latest year not after it, else the earliest. */
export function nearestBuiltinYear(year: number): number | null {
  return nearestYear(builtinCatalogYears(), year);
}

/** Codes whose bundled name is marked 待核实 in the catalog of `year` (or the nearest bundled year). */
export function unconfirmedBuiltinCodes(year: number, kind: CatalogKind): ReadonlySet<string> {
  const y = nearestBuiltinYear(year);
  const list = y === null ? null : parsed(y, kind);
  return new Set((list ?? []).filter((e) => e.unconfirmed).map((e) => e.code));
}
