// 预算单位 of a budget. `units.update` addresses the unit by `code`; `unit.code` may differ (rename: lines and
// projects follow).
import { z } from 'zod';
import * as edits from '../../db/edits';
import { method } from '../method';
import { codeSchema as code, withBudget } from '../schemas';

export const unitSchema = z.object({
  code,
  name: z.string().max(200),
  nature: z.string().max(64).default(''),
  grade: z.string().max(64).default(''),
  funding: z.string().max(64).default(''),
});

export const units = {
  'units.list': method(withBudget({}), ({ budget }, api) => edits.listUnits(api.db(), api.budget(budget).id)),
  'units.add': method(withBudget({ unit: unitSchema }), ({ budget, unit }, api) => {
    edits.addUnit(api.db(), api.writable(budget), unit);
    return unit;
  }),
  'units.update': method(withBudget({ code, unit: unitSchema }), ({ budget, code, unit }, api) => {
    edits.updateUnit(api.db(), api.writable(budget), code, unit);
    return unit;
  }),
  'units.delete': method(withBudget({ code }), ({ budget, code }, api) => {
    edits.deleteUnit(api.db(), api.writable(budget), code);
    return { deleted: code };
  }),
};
