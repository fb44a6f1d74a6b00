// 科目: search (db/catalog-search.ts: code prefix, name, pinyin initials, several words), a code added by
// hand, a finance bureau's list imported.
import { z } from 'zod';
import type { CatalogKind } from '../../core/catalog';
import { parseCatalogFile } from '../../core/catalogs/import';
import { addCatalogCode, getCatalogs, importCatalogEntries } from '../../db/catalogs';
import { CatalogSearchIndex, usedCodes, type CatalogSearchHit } from '../../db/catalog-search';
import { Refusal } from '../../db/errors';
import { method, type EngineApi } from '../method';
import { base64Schema, budgetRefSchema, yearSchema as year } from '../schemas';

const catalogKind = z.enum(['function', 'economic']);

/** One catalog entry as search shows it: code, name, "类名›款名›项名" path, leaf or not, origin. */
export type CatalogHit = CatalogSearchHit;

/** The search index of a year's catalog of one kind (pinyin initials computed once), built once per
 *  database and dropped after catalog writes. */
function catalogIndex(api: EngineApi, year: number, kind: CatalogKind): CatalogSearchIndex {
  return api.memo(`catalog:${year}:${kind}`, () => CatalogSearchIndex.forYear(api.db(), year, kind));
}

export const catalogs = {
  /** limit defaults to 50; query: see CatalogSearchIndex.search. With `budget`, that department's own codes
   *  (this year's and last year's lines) rank first, then their 款 and 类; each hit then carries its `rank`. */
  'catalog.search': method(
    z.object({
      year,
      kind: catalogKind,
      query: z.string().max(100),
      limit: z.number().int().min(1).max(5000).optional(),
      leafOnly: z.boolean().optional(),
      budget: budgetRefSchema.optional(),
    }),
    ({ year, kind, query, limit, leafOnly, budget }, api): CatalogHit[] =>
      catalogIndex(api, year, kind).search(query, {
        limit: limit ?? 50,
        leafOnly: leafOnly === true,
        ...(budget ? { used: { kind, codes: usedCodes(api.db(), budget.dept, budget.year, kind) } } : {}),
      }),
  ),
  'catalog.add': method(
    z.object({ year, kind: catalogKind, code: z.string().trim().regex(/^\d+$/, '编码只能包含数字').max(7), name: z.string().trim().min(1).max(200) }),
    ({ year, kind, code, name }, api) => {
      addCatalogCode(api.db(), year, kind, code, name, 'manual');
      api.dropMemos();
      const hit = catalogIndex(api, year, kind).find(code);
      if (!hit) throw new Refusal('internal', `科目 ${code} 已添加但未能读回`);
      return hit;
    },
  ),
  /** A finance bureau's catalog list (.xlsx/.csv/.tsv) of one kind for a year; all or nothing. */
  'catalog.import': method(
    z.object({ year, kind: catalogKind, fileName: z.string().max(255), data: base64Schema }),
    async ({ year, kind, fileName, data }, api) => {
      const d = api.db();
      const known = getCatalogs(d, year)
        [kind].entries()
        .map((e) => e.code);
      const parsed = await parseCatalogFile(new Uint8Array(Buffer.from(data, 'base64')), fileName, kind, { knownCodes: known });
      // Row-level problems travel as rows: `field` is the place in the file ("第 3 行"), not an array index.
      if (!parsed.ok) throw new Refusal('validation', parsed.message, { rows: parsed.problems.map((p, i) => ({ row: i, field: p.place, message: p.reason })) });
      const r = importCatalogEntries(d, year, kind, parsed.entries);
      api.dropMemos();
      return { added: r.added, updated: r.updated, warnings: parsed.warnings };
    },
  ),
};
