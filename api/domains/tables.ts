// The standard tables as the preview shows them: core/tables RenderedTable with every 分 as a string,
// derived from the lines' stored digest (db/line-digest.ts), all 12 or — what 报表预览 asks per tab — one.
import { z } from 'zod';
import { deriveTable, deriveTables, jsonify, TABLE_SPECS, tableFigures } from '../../core/tables';
import { loadDisclosureInputs } from '../../db/disclosure';
import { Refusal } from '../../db/errors';
import { method } from '../method';
import { withBudget } from '../schemas';

export const tables = {
  /** The 12 tables' numbers and names, in disclosure order (报表预览's tabs); `layout` 'form': the table is blocks
   *  (the 绩效目标表), which tables.preview gives a page at a time when asked. */
  'tables.list': method(z.object({}), () => TABLE_SPECS.map((s, i) => ({ id: s.id, no: i + 1, name: s.name, layout: s.layout }))),
  /** The derived tables: all of them, or only `table` (a table's id from tables.list); of a form table (the
   *  绩效目标表: a block per project), only `blocks` when asked — its answer's blockRange says which of how many. */
  'tables.preview': method(
    withBudget({
      table: z.string().max(40).optional(),
      blocks: z.object({ from: z.number().int().min(0).max(1_000_000), count: z.number().int().min(1).max(500) }).optional(),
    }),
    ({ budget, table, blocks }, api) => {
      const spec = table === undefined ? undefined : TABLE_SPECS.find((s) => s.id === table);
      if (table !== undefined && !spec) throw new Refusal('validation', `没有名为“${table}”的报表`, { field: 'table' });
      const i = loadDisclosureInputs(api.db(), api.budget(budget).id, { withoutLines: true, withoutProjects: spec !== undefined && !spec.readsProjects });
      const figures = tableFigures(i.budget, i.lines);
      return jsonify(
        spec ? [deriveTable(spec, i.budget, i.catalogs, figures, TABLE_SPECS.indexOf(spec) + 1, blocks)] : deriveTables(i.budget, i.catalogs, figures),
      );
    },
  ),
};
