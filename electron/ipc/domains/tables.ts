// The standard tables as the preview shows them: core/tables RenderedTable with every 分 as a string.
import { deriveTables, jsonify } from '../../../core/tables';
import { loadBudgetById } from '../../../db/budgets';
import { getCatalogs } from '../../../db/catalogs';
import { method } from '../method';
import { withBudget } from '../schemas';

export const tables = {
  'tables.preview': method(withBudget({}), ({ budget }, api) => {
    const b = api.budget(budget);
    return jsonify(deriveTables(loadBudgetById(api.db(), b.id), getCatalogs(api.db(), b.year)));
  }),
};
