// 科目: search (by code prefix or any part of the name), a code added by hand, a finance bureau's list imported.
import { z } from 'zod';
import type { CatalogKind } from '../../../core/catalog';
import { parseCatalogFile } from '../../../core/catalogs/import';
import { addCatalogCode, getCatalogs, importCatalogEntries } from '../../../db/catalogs';
import { Refusal } from '../../../db/errors';
import { method, type EngineApi } from '../method';
import { base64Schema, yearSchema as year } from '../schemas';

const catalogKind = z.enum(['function', 'economic']);

export interface CatalogHit {
  code: string;
  name: string;
  /** "类名›款名›项名" */
  path: string;
  leaf: boolean;
  origin: string;
  /** A built-in name not yet confirmed from the published catalog (the data file marks it). */
  unconfirmed?: boolean;
}

/** The search index of a year's catalog of one kind, built once per database (dropped after catalog writes). */
function catalogHits(api: EngineApi, year: number, kind: CatalogKind): CatalogHit[] {
  return api.memo(`catalog:${year}:${kind}`, () => {
    const cat = getCatalogs(api.db(), year)[kind];
    return cat.entries().map((e) => ({ code: e.code, name: e.name, path: cat.path(e.code).map((p) => p.name).join('›'), leaf: cat.isLeaf(e.code), origin: e.origin, ...(e.unconfirmed ? { unconfirmed: true as const } : {}) }));
  });
}

export const catalogs = {
  /** limit defaults to 50. */
  'catalog.search': method(
    z.object({ year, kind: catalogKind, query: z.string().max(100), limit: z.number().int().min(1).max(5000).optional(), leafOnly: z.boolean().optional() }),
    ({ year, kind, query, limit, leafOnly }, api) => {
      const q = query.trim();
      const max = limit ?? 50;
      const digits = /^\d+$/.test(q);
      const out: CatalogHit[] = [];
      for (const h of catalogHits(api, year, kind)) {
        if (leafOnly && !h.leaf) continue;
        if (q !== '' && !(digits ? h.code.startsWith(q) : h.name.includes(q))) continue;
        out.push(h);
        if (out.length >= max) break;
      }
      return out;
    },
  ),
  'catalog.add': method(
    z.object({ year, kind: catalogKind, code: z.string().trim().regex(/^\d+$/, '编码只能包含数字').max(7), name: z.string().trim().min(1).max(200) }),
    ({ year, kind, code, name }, api) => {
      addCatalogCode(api.db(), year, kind, code, name, 'manual');
      api.dropMemos();
      const hit = catalogHits(api, year, kind).find((h) => h.code === code);
      if (!hit) throw new Refusal('internal', `科目 ${code} 已添加但未能读回`);
      return hit;
    },
  ),
  /** A finance bureau's catalog list (.xlsx/.csv/.tsv) of one kind for a year; all or nothing. */
  'catalog.import': method(z.object({ year, kind: catalogKind, fileName: z.string().max(255), data: base64Schema }), async ({ year, kind, fileName, data }, api) => {
    const d = api.db();
    const known = getCatalogs(d, year)[kind].entries().map((e) => e.code);
    const parsed = await parseCatalogFile(new Uint8Array(Buffer.from(data, 'base64')), fileName, kind, { knownCodes: known });
    // Row-level problems travel as rows: `field` is the place in the file ("第 3 行"), not an array index.
    if (!parsed.ok) throw new Refusal('validation', parsed.message, { rows: parsed.problems.map((p, i) => ({ row: i, field: p.place, message: p.reason })) });
    const r = importCatalogEntries(d, year, kind, parsed.entries);
    api.dropMemos();
    return { added: r.added, updated: r.updated, warnings: parsed.warnings };
  }),
};
