// Built-in classification catalogs, bundled as TSV text (code TAB name, UTF-8) per budget year.
// The data lives in ./data so that a new year is a new set of files plus one line in BUILTIN below.
import { nearestYear, type CatalogEntry, type CatalogKind } from '../catalog';
import function2025 from './data/function-2025.tsv';
import economic2025 from './data/economic-2025.tsv';
import functionClasses2025 from './data/function-classes-2025.tsv';

export interface CodeName { code: string; name: string }

interface YearData { function: string; economic: string; functionClasses: string }

const BUILTIN: Record<number, YearData> = {
  2025: { function: function2025, economic: economic2025, functionClasses: functionClasses2025 },
};

/** Parses `code TAB name` lines; blank lines and lines starting with # are ignored. Throws on a malformed line
 *  because the data is ours and a bad line is a packaging bug, not user input. */
export function parseCatalogTsv(text: string, label = 'catalog'): CodeName[] {
  const out: CodeName[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    const code = tab < 0 ? '' : line.slice(0, tab).trim();
    const name = tab < 0 ? '' : line.slice(tab + 1).trim();
    if (!/^\d+$/.test(code) || name === '') throw new Error(`${label}: line ${i + 1} is not "code<TAB>name": ${JSON.stringify(raw)}`);
    out.push({ code, name });
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
  return Object.keys(BUILTIN).map(Number).sort((a, b) => a - b);
}

/** The bundled catalog of a year, sorted by code, or null when the year has none. */
export function builtinCatalog(year: number, kind: CatalogKind): CatalogEntry[] | null {
  const list = parsed(year, kind);
  if (!list) return null;
  return list.map((e) => ({ code: e.code, name: e.name, origin: 'builtin' as const })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
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
