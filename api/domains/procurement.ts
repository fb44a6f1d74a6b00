// 政府采购 rows of a budget (the disclosure's 政府采购预算表).
import { z } from 'zod';
import { formatYuan } from '../../core/money';
import * as edits from '../../db/edits';
import { method } from '../method';
import { idSchema as id, withBudget, yuanSchema as yuan } from '../schemas';

const procurementInputSchema = z.object({
  project: z.string().max(64).default(''),
  item: z.string().max(500),
  catalog: z.string().max(64).default(''),
  measure: z.string().max(32).default(''),
  quantity: z.string().max(32).default(''),
  unitPrice: yuan.nullable().default(null),
  source: z.string().max(32),
  carryover: z.boolean().default(false),
  amount: yuan,
  sme: yuan.nullable().default(null),
});

// db keeps amounts in 分; the API writes them as 元 strings.
const yuanOrNull = (f: bigint | null) => (f === null ? null : formatYuan(f));
const procurementDto = (r: edits.ProcurementRowValues) => ({ ...r, unitPrice: yuanOrNull(r.unitPrice), amount: formatYuan(r.amount), sme: yuanOrNull(r.sme) });

export const procurement = {
  'procurement.list': method(withBudget({}), ({ budget }, api) => edits.listProcurement(api.db(), api.budget(budget).id).map(procurementDto)),
  'procurement.add': method(withBudget({ row: procurementInputSchema }), ({ budget, row }, api) => {
    const d = api.db();
    const b = api.writable(budget);
    const newId = edits.addProcurement(d, b, row);
    return procurementDto(edits.listProcurement(d, b.id).find((r) => r.id === newId)!);
  }),
  'procurement.update': method(withBudget({ id, row: procurementInputSchema }), ({ budget, id, row }, api) => {
    const d = api.db();
    const b = api.writable(budget);
    edits.updateProcurement(d, b, id, row);
    return procurementDto(edits.listProcurement(d, b.id).find((r) => r.id === id)!);
  }),
  'procurement.delete': method(withBudget({ id }), ({ budget, id }, api) => {
    edits.deleteProcurement(api.db(), api.writable(budget), id);
    return { deleted: id };
  }),
};
