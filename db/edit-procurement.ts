// 政府采购 and 固定资产 rows: reads and undoable writes.
import { assetToJson, procurementToJson } from '../core/budget-file';
import type { AssetRow, ProcurementRow, Source } from '../core/model';
import { Refusal } from './errors';
import type { BudgetDb } from './open';
import { st, nextSeq, num, str, strOrNull, fen, type Row } from './edit-rows';
import type { BudgetInfo } from './budget-info';
import { edit } from './undo';
import { validatePart } from './edit-validate';

export interface ProcurementValues {
  project: string;
  item: string;
  catalog: string;
  measure: string;
  quantity: string;
  unitPrice: string | null;
  source: string;
  carryover: boolean;
  amount: string;
  sme: string | null;
}
/** A stored row: the model's row (exact amounts in 分) and its id; the API writes the 元. */
export type ProcurementRowValues = ProcurementRow & { id: number };

export function listProcurement(db: BudgetDb, budgetId: number): ProcurementRowValues[] {
  return (st(db, 'SELECT * FROM procurement WHERE budget_id = ? ORDER BY seq, id').all(budgetId) as Row[]).map((r) => ({
    id: num(r.id),
    project: str(r.project_code),
    item: str(r.item),
    catalog: str(r.catalog),
    measure: str(r.measure),
    quantity: str(r.quantity),
    unitPrice: r.unit_price_fen === null ? null : fen(r.unit_price_fen),
    source: str(r.source) as Source,
    carryover: num(r.carryover) === 1,
    amount: fen(r.amount_fen),
    sme: r.sme_fen === null ? null : fen(r.sme_fen),
  }));
}

const stripId = <T extends { id: number }>(r: T): Omit<T, 'id'> => {
  const { id: _id, ...rest } = r;
  return rest;
};

/** Procurement rows reach validation in file form (stored ones by procurementToJson); blank optional amounts become null. */
function procurementJson(p: ProcurementValues): Record<string, unknown> {
  return { ...p, unitPrice: p.unitPrice === '' ? null : p.unitPrice, sme: p.sme === '' ? null : p.sme };
}

function procurementColumns(db: BudgetDb, b: BudgetInfo, list: Record<string, unknown>[], index: number): Row {
  const r = validatePart(db, b, 'procurement', list, index)[index]!;
  return {
    project_code: r.project === '' ? null : r.project,
    item: r.item,
    catalog: r.catalog,
    measure: r.measure,
    quantity: r.quantity,
    unit_price_fen: r.unitPrice,
    source: r.source,
    carryover: r.carryover ? 1 : 0,
    amount_fen: r.amount,
    sme_fen: r.sme,
  };
}

export function addProcurement(db: BudgetDb, b: BudgetInfo, p: ProcurementValues): number {
  const list = listProcurement(db, b.id).map((r) => procurementToJson(stripId(r)));
  const cols = procurementColumns(db, b, [...list, procurementJson(p)], list.length);
  return edit(db, b, '添加政府采购', (rec) => {
    const seq = nextSeq(db, 'procurement', b.id);
    return rec.insert('procurement', { budget_id: b.id, seq, ...cols });
  });
}

export function updateProcurement(db: BudgetDb, b: BudgetInfo, id: number, p: ProcurementValues): void {
  const rows = listProcurement(db, b.id);
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) throw new Refusal('not_found', `第 ${id} 号政府采购记录不存在`, { field: 'id' });
  const cols = procurementColumns(
    db,
    b,
    rows.map((r, j) => (j === i ? procurementJson(p) : procurementToJson(stripId(r)))),
    i,
  );
  edit(db, b, '修改政府采购', (rec) => rec.update('procurement', { id }, cols));
}

export function deleteProcurement(db: BudgetDb, b: BudgetInfo, id: number): void {
  if (!st(db, 'SELECT 1 FROM procurement WHERE budget_id = ? AND id = ?').get(b.id, id))
    throw new Refusal('not_found', `第 ${id} 号政府采购记录不存在`, { field: 'id' });
  edit(db, b, '删除政府采购', (rec) => rec.delete('procurement', { id }));
}

export interface AssetValues {
  item: string;
  quantity: string;
  value: string;
}
export type AssetRowValues = AssetRow & { id: number };

export function listAssets(db: BudgetDb, budgetId: number): { asOf: string | null; rows: AssetRowValues[] } {
  const asOf = strOrNull((st(db, 'SELECT assets_as_of FROM budgets WHERE id = ?').get(budgetId) as Row | undefined)?.assets_as_of);
  const rows = (st(db, 'SELECT id, item, quantity, value_fen FROM assets WHERE budget_id = ? ORDER BY seq, id').all(budgetId) as Row[]).map((r) => ({
    id: num(r.id),
    item: str(r.item),
    quantity: str(r.quantity),
    value: fen(r.value_fen),
  }));
  return { asOf, rows };
}

function assetColumns(db: BudgetDb, b: BudgetInfo, list: unknown[], index: number): Row {
  const a = validatePart(db, b, 'assets', list, index)[index]!;
  return { item: a.item, quantity: a.quantity, value_fen: a.value };
}

export function addAsset(db: BudgetDb, b: BudgetInfo, a: AssetValues): number {
  const list = listAssets(db, b.id).rows.map((r) => assetToJson(stripId(r)));
  const cols = assetColumns(db, b, [...list, a], list.length);
  return edit(db, b, '添加固定资产', (rec) => {
    const seq = nextSeq(db, 'assets', b.id);
    return rec.insert('assets', { budget_id: b.id, seq, ...cols });
  });
}

export function updateAsset(db: BudgetDb, b: BudgetInfo, id: number, a: AssetValues): void {
  const rows = listAssets(db, b.id).rows;
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) throw new Refusal('not_found', `第 ${id} 号固定资产记录不存在`, { field: 'id' });
  const cols = assetColumns(
    db,
    b,
    rows.map((r, j) => (j === i ? a : assetToJson(stripId(r)))),
    i,
  );
  edit(db, b, '修改固定资产', (rec) => rec.update('assets', { id }, cols));
}

export function deleteAsset(db: BudgetDb, b: BudgetInfo, id: number): void {
  if (!st(db, 'SELECT 1 FROM assets WHERE budget_id = ? AND id = ?').get(b.id, id))
    throw new Refusal('not_found', `第 ${id} 号固定资产记录不存在`, { field: 'id' });
  edit(db, b, '删除固定资产', (rec) => rec.delete('assets', { id }));
}

export function setAssetsAsOf(db: BudgetDb, b: BudgetInfo, asOf: string | null): void {
  const v = asOf === null || asOf.trim() === '' ? null : asOf.trim();
  validatePart(db, b, 'assetsAsOf', v, -1);
  edit(db, b, '修改资产统计日期', (rec) => rec.update('budgets', { id: b.id }, { assets_as_of: v }));
}
