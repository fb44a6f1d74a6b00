// 固定资产 rows of a budget and their date (the disclosure's assets note).
import { z } from 'zod';
import { formatYuan } from '../../core/money';
import * as edits from '../../db/edits';
import { method } from '../method';
import { idSchema as id, withBudget, yuanSchema as yuan } from '../schemas';

const assetInputSchema = z.object({ item: z.string().max(500), quantity: z.string().max(32), value: yuan });

// db keeps amounts in 分; the API writes them as 元 strings.
const assetDto = (r: edits.AssetRowValues) => ({ ...r, value: formatYuan(r.value) });
const assetsDto = (a: ReturnType<typeof edits.listAssets>) => ({ asOf: a.asOf, rows: a.rows.map(assetDto) });

export const assets = {
  'assets.list': method(withBudget({}), ({ budget }, api) => assetsDto(edits.listAssets(api.db(), api.budget(budget).id))),
  'assets.add': method(withBudget({ row: assetInputSchema }), ({ budget, row }, api) => {
    const d = api.db();
    const b = api.writable(budget);
    const newId = edits.addAsset(d, b, row);
    return assetDto(edits.listAssets(d, b.id).rows.find((r) => r.id === newId)!);
  }),
  'assets.update': method(withBudget({ id, row: assetInputSchema }), ({ budget, id, row }, api) => {
    const d = api.db();
    const b = api.writable(budget);
    edits.updateAsset(d, b, id, row);
    return assetDto(edits.listAssets(d, b.id).rows.find((r) => r.id === id)!);
  }),
  'assets.delete': method(withBudget({ id }), ({ budget, id }, api) => {
    edits.deleteAsset(api.db(), api.writable(budget), id);
    return { deleted: id };
  }),
  'assets.setAsOf': method(withBudget({ asOf: z.string().max(32).nullable() }), ({ budget, asOf }, api) => {
    const d = api.db();
    const b = api.writable(budget);
    edits.setAssetsAsOf(d, b, asOf);
    return assetsDto(edits.listAssets(d, b.id));
  }),
};
