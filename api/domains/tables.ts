// The standard tables as the preview shows them: core/tables RenderedTable with every 分 as a string.
import { deriveTables, jsonify } from '../../core/tables';
import { loadDisclosureInputs } from '../../db/disclosure';
import { method } from '../method';
import { withBudget } from '../schemas';

export const tables = {
  'tables.preview': method(withBudget({}), ({ budget }, api) => {
    const i = loadDisclosureInputs(api.db(), api.budget(budget).id);
    return jsonify(deriveTables(i.budget, i.catalogs));
  }),
};
