// Searching one year's catalog of one kind, as the grid's picker and the 科目表 page do: by code prefix,
// by any part of a name or of its 类›款 path, by pinyin initials (xzyx → 行政运行), and by several words
// at once (城乡 环境: every word must match). The index is built once per catalog load (initials come
// from pinyin-pro then), never per keystroke; callers drop it when the catalog changes.
import { pinyin } from 'pinyin-pro';
import { CODE_LEVELS, type CatalogKind } from '../core/catalog';
import type { BudgetDb } from './open';
import { getCatalogs } from './catalogs';

export interface CatalogSearchHit {
  code: string;
  name: string;
  /** "类名›款名›项名" */
  path: string;
  leaf: boolean;
  origin: string;
  /** A built-in name not yet confirmed from the published catalog (the data file marks it). */
  unconfirmed?: boolean;
  /** With a department's own use (search's `used`): how good a match, lower is better — used by this budget
   *  or last year's, then its 款, then its 类, then the rest; a path-only match after a name match of the same
   *  use. Hits of equal rank are equally good: the picker lets the clerk choose among them. */
  rank?: number;
}

/** The codes of one kind a department's lines use in a year and the year before (catalog search ranks them first). */
export function usedCodes(db: BudgetDb, dept: string, year: number, kind: CatalogKind): Set<string> {
  const col = kind === 'function' ? 'function_code' : 'economic_code';
  const sql = `SELECT DISTINCT l.${col} FROM lines l JOIN budgets b ON b.id = l.budget_id JOIN departments d ON d.id = b.department_id
    WHERE d.code = ? AND b.year IN (?, ?)`;
  return new Set(db.stmt(sql, { pluck: true }).all(dept, year, year - 1) as string[]);
}

/** A code's closeness to a department's use: 0 used; then 1, 2… sharing its 款, its 类 with a used code; the rest last. */
function useTierOf(kind: CatalogKind, used: ReadonlySet<string>): (code: string) => number {
  const levels = CODE_LEVELS[kind].slice(0, -1).reverse(); // 款 then 类
  const shared = levels.map((n) => new Set([...used].map((c) => c.slice(0, n))));
  return (code) => {
    if (used.has(code)) return 0;
    const i = levels.findIndex((n, j) => shared[j]!.has(code.slice(0, n)));
    return i < 0 ? levels.length + 1 : i + 1;
  };
}

interface Indexed {
  hit: CatalogSearchHit;
  /** Lower-case name. */
  name: string;
  /** Lower-case path (类›款›项). */
  path: string;
  /** Pinyin initials of the name, e.g. "xzyx" ('' until the first Latin query needs them). */
  nameInitials: string;
  /** Pinyin initials of every path segment. */
  pathInitials: string[];
}

/** How a word matches an entry: 0 in its own name (or code), 1 only in its 类›款 path, null not at all. */
type WordTest = (i: Indexed) => 0 | 1 | null;

/** First letters of the pinyin of each Chinese character; other characters as they are (lower case). */
export function pinyinInitials(s: string): string {
  return pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' }).join('').replace(/\s+/g, '').toLowerCase();
}

export class CatalogSearchIndex {
  private readonly items: Indexed[];
  private withInitials = false;

  constructor(hits: readonly CatalogSearchHit[]) {
    this.items = hits.map((hit) => ({ hit, name: hit.name.toLowerCase(), path: hit.path.toLowerCase(), nameInitials: '', pathInitials: [] }));
  }

  /** Pinyin initials, computed once for the whole catalog when a query first needs them (code and name
   *  searches — and the grid's name lookup — never pay for them). */
  private ensureInitials(): void {
    if (this.withInitials) return;
    const seen = new Map<string, string>(); // path segments repeat: 类 and 款 names are shared by many entries
    const of = (s: string) => {
      let v = seen.get(s);
      if (v === undefined) seen.set(s, (v = pinyinInitials(s)));
      return v;
    };
    for (const i of this.items) {
      i.nameInitials = of(i.hit.name);
      i.pathInitials = i.hit.path.split('›').map(of);
    }
    this.withInitials = true;
  }

  static forYear(db: BudgetDb, year: number, kind: CatalogKind): CatalogSearchIndex {
    const cat = getCatalogs(db, year)[kind];
    return new CatalogSearchIndex(
      cat.entries().map((e) => ({
        code: e.code,
        name: e.name,
        path: cat
          .path(e.code)
          .map((p) => p.name)
          .join('›'),
        leaf: cat.isLeaf(e.code),
        origin: e.origin,
        ...(e.unconfirmed ? { unconfirmed: true as const } : {}),
      })),
    );
  }

  /** Every entry, in code order. */
  all(): CatalogSearchHit[] {
    return this.items.map((i) => i.hit);
  }

  find(code: string): CatalogSearchHit | undefined {
    return this.items.find((i) => i.hit.code === code)?.hit;
  }

  /**
   * Entries matching the query. One word: a code prefix (digits), or a part of the entry's own name, or
   * its pinyin initials (Latin letters). Several words: every word must match the entry's name or its
   * 类›款 path, and at least one its own name (城乡 环境, qzttsw xzyx). Entries matching on their own name
   * alone come first, then the others; each group in code order. With `used` (a department's own codes,
   * `usedCodes`), its use ranks first: every hit carries `rank` (see CatalogSearchHit) and hits are in rank order.
   */
  search(query: string, opts: { limit?: number; leafOnly?: boolean; used?: { kind: CatalogKind; codes: ReadonlySet<string> } } = {}): CatalogSearchHit[] {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const max = opts.limit ?? 50;
    if (words.some((w) => /^[a-z]+$/.test(w))) this.ensureInitials();
    const tests = words.map((w): WordTest => {
      if (/^\d+$/.test(w)) return (i) => (i.hit.code.startsWith(w) ? 0 : null);
      const latin = /^[a-z]+$/.test(w);
      return (i) => {
        if (i.name.includes(w) || (latin && i.nameInitials.includes(w))) return 0;
        if (words.length > 1 && (i.path.includes(w) || (latin && i.pathInitials.some((x) => x.includes(w))))) return 1;
        return null;
      };
    });
    const byName: CatalogSearchHit[] = [];
    const byPath: CatalogSearchHit[] = [];
    // Ranked by use, every match is needed before the first `max` are known.
    const cap = opts.used ? Infinity : max;
    for (const i of this.items) {
      if (opts.leafOnly && !i.hit.leaf) continue;
      let tier = 0;
      let own = tests.length === 0;
      for (const t of tests) {
        const m = t(i);
        if (m === null) {
          tier = -1;
          break;
        }
        if (m === 0) own = true;
        tier = Math.max(tier, m);
      }
      if (!own) continue;
      if (tier === 0) {
        byName.push(i.hit);
        if (byName.length >= cap) break;
      } else if (tier === 1 && byPath.length < cap) byPath.push(i.hit);
    }
    if (!opts.used) return [...byName, ...byPath].slice(0, max);
    const tierOf = useTierOf(opts.used.kind, opts.used.codes);
    const ranked = [...byName.map((h) => ({ ...h, rank: tierOf(h.code) * 2 })), ...byPath.map((h) => ({ ...h, rank: tierOf(h.code) * 2 + 1 }))];
    return ranked.sort((a, b) => a.rank - b.rank).slice(0, max); // a stable sort: code order within a rank
  }
}
