// Classification catalogs of one budget year, as the domain sees them.
export type CatalogKind = 'function' | 'economic';
export type CatalogOrigin = 'builtin' | 'file' | 'import' | 'manual';

export interface CatalogEntry {
  code: string;
  name: string;
  origin: CatalogOrigin;
  /** A built-in name not confirmed from the published catalog (shown as 名称待核实). */
  unconfirmed?: boolean;
}

/** 支出功能分类: 类 3, 款 5, 项 7 digits. 经济分类: 类 3, 款 5 digits. */
export const CODE_LEVELS: Record<CatalogKind, readonly number[]> = { function: [3, 5, 7], economic: [3, 5] };

/** Longest catalog name, in characters: the import parser and the database refuse longer ones alike. */
export const MAX_CATALOG_NAME_LENGTH = 200;

/** The year whose catalog serves `year` (ascending `years`): itself, else the latest earlier one, else the earliest; null when none. */
export function nearestYear(years: readonly number[], year: number): number | null {
  let best: number | null = null;
  for (const y of years) if (y <= year) best = y;
  return best ?? years[0] ?? null;
}

/** The code one level up (类 of a 款, 款 of a 项), or null for a 类. */
export function parentCode(kind: CatalogKind, code: string): string | null {
  const levels = CODE_LEVELS[kind];
  const i = levels.indexOf(code.length);
  return i > 0 ? code.slice(0, levels[i - 1]) : null;
}

export class Catalog {
  private readonly byCode: Map<string, CatalogEntry>;
  constructor(
    readonly kind: CatalogKind,
    entries: Iterable<CatalogEntry>,
  ) {
    this.byCode = new Map();
    for (const e of entries) this.byCode.set(e.code, e);
  }
  get(code: string): CatalogEntry | undefined {
    return this.byCode.get(code);
  }
  name(code: string): string {
    return this.byCode.get(code)?.name ?? '';
  }
  has(code: string): boolean {
    return this.byCode.has(code);
  }
  /** Only codes of the deepest level can carry lines. */
  isLeaf(code: string): boolean {
    const levels = CODE_LEVELS[this.kind];
    return this.byCode.has(code) && code.length === levels[levels.length - 1];
  }
  /** Ancestors from 类 down to the code itself. */
  path(code: string): CatalogEntry[] {
    return CODE_LEVELS[this.kind]
      .filter((n) => n <= code.length)
      .map((n) => this.byCode.get(code.slice(0, n)))
      .filter((e): e is CatalogEntry => !!e);
  }
  entries(): CatalogEntry[] {
    return [...this.byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }
}

export interface Catalogs {
  year: number;
  function: Catalog;
  economic: Catalog;
  /** Set when the year had no catalog and a nearby year's is used. */ borrowedFrom?: number;
}
