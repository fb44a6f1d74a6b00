// 政府采购预算 and 部门固定资产占用情况: plain rows, stored as they are typed (RowEditor).
import { useEffect, useState } from 'react';
import type { AppError, AssetDto, ProcurementDto } from '../../api/contract';
import { SOURCE_NAMES, SOURCES } from '../../core/model';
import { invoke } from '../bridge';
import { useApp, useBudget, useBudgetLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { NewRow, RowEditor, type FieldSpec } from '../components/RowEditor';
import { useAutosave } from '../lib/useAutosave';

type ProcRow = Omit<ProcurementDto, 'id'>;
type AssetRow = Omit<AssetDto, 'id'>;
const EMPTY_PROC: ProcRow = {
  project: '',
  item: '',
  catalog: '',
  measure: '',
  quantity: '',
  unitPrice: null,
  source: 'general',
  carryover: false,
  amount: '',
  sme: null,
};
const EMPTY_ASSET: AssetRow = { item: '', quantity: '', value: '' };

/** Optional amounts travel as null when left blank. */
function procInput(r: ProcRow) {
  const { project, item, catalog, measure, quantity, unitPrice, source, carryover, amount, sme } = r;
  const opt = (v: string | null) => (v == null || v.trim() === '' ? null : v.trim());
  return { project, item, catalog, measure, quantity, unitPrice: opt(unitPrice), source, carryover, amount: amount.trim(), sme: opt(sme) };
}

export function ProcurementAssetsPage() {
  const budget = useBudget();
  const app = useApp();
  const proc = useBudgetLoad('procurement.list');
  const assets = useBudgetLoad('assets.list');
  const projects = useBudgetLoad('projects.list');
  const [procError, setProcError] = useState<AppError | null>(null);
  const [assetError, setAssetError] = useState<AppError | null>(null);
  // 定位 from 校验: mark and focus the 政府采购 row or 固定资产 row it names (1-based, list order; 0: the
  // list itself — its 添加 row, or the 固定资产 table).
  const [focused, setFocused] = useState<{ table: 'procurement' | 'asset'; row: number } | null>(null);
  const { focusRow, focusAsset } = app.nav;
  useEffect(() => {
    if (typeof focusRow === 'number' && proc.data) setFocused({ table: 'procurement', row: focusRow });
    else if (focusAsset !== undefined && assets.data) setFocused({ table: 'asset', row: focusAsset });
    else return;
    app.clearNav();
  }, [focusRow, focusAsset, proc.data, assets.data]);
  useEffect(() => {
    if (!focused) return;
    const id = focused.row > 0 ? `${focused.table}-${focused.row}` : focused.table === 'procurement' ? 'new-procurement' : 'assets';
    const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.querySelector<HTMLElement>('select, input')?.focus({ preventScroll: true });
  }, [focused]);
  const isFocused = (table: 'procurement' | 'asset', row: number) => focused?.table === table && focused.row === row;

  const procFields: FieldSpec<ProcRow>[] = [
    {
      key: 'project',
      label: '项目',
      type: 'select',
      options: [{ value: '', label: '（不属于项目）' }, ...(projects.data ?? []).map((p) => ({ value: p.code, label: p.name }))],
    },
    { key: 'item', label: '采购品目' },
    { key: 'catalog', label: '目录序号', width: 90 },
    { key: 'measure', label: '计量单位', width: 70 },
    { key: 'quantity', label: '数量', width: 70 },
    { key: 'unitPrice', label: '单价(元)', type: 'amount', width: 110 },
    { key: 'source', label: '资金来源', type: 'select', options: SOURCES.map((s) => ({ value: s, label: SOURCE_NAMES[s] })) },
    { key: 'carryover', label: '上年结转', type: 'checkbox', width: 60 },
    { key: 'amount', label: '金额(元)', type: 'amount', width: 120 },
    { key: 'sme', label: '预留中小企业份额(元)', type: 'amount', width: 120 },
  ];
  const assetFields: FieldSpec<AssetRow>[] = [
    { key: 'item', label: '资产名称' },
    { key: 'quantity', label: '数量', width: 120 },
    { key: 'value', label: '价值(元)', type: 'amount', width: 160 },
  ];
  const done = (r: { ok: boolean; error?: AppError }, reload: () => void): AppError | null => {
    if (r.ok) {
      app.afterWrite();
      reload();
      return null;
    }
    return r.error ?? null;
  };
  /** A row stored: its list reloads (the answer without its id is what the row holds). */
  const stored = <R extends { id: number }>(r: { ok: true; value: R } | { ok: false; error: AppError }, reload: () => void) => {
    if (!r.ok) return r;
    app.afterWrite();
    reload();
    const { id: _id, ...row } = r.value;
    return { ok: true as const, value: row };
  };
  const asOf = useAutosave(assets.data?.asOf ?? '', async (next) => {
    const r = await invoke('assets.setAsOf', { budget, asOf: next.trim() === '' ? null : next.trim() });
    if (!r.ok) {
      setAssetError(r.error);
      return null;
    }
    setAssetError(null);
    assets.setData(r.value);
    app.afterWrite();
    return r.value.asOf ?? '';
  });

  return (
    <div>
      <section className="panel">
        <h2>政府采购预算</h2>
        <ErrorView error={proc.error} />
        <table className="plain" data-testid="procurement">
          <thead>
            <tr>
              {procFields.map((f) => (
                <th key={f.key}>{f.label}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {(proc.data ?? []).map(({ id, ...row }, i) => (
              <RowEditor
                key={id}
                value={row}
                fields={procFields}
                testId={`procurement-${i + 1}`}
                focused={isFocused('procurement', i + 1)}
                onSave={async (v) => stored(await invoke('procurement.update', { budget, id, row: procInput(v) }), () => void proc.reload())}
                onDelete={async () => done(await invoke('procurement.delete', { budget, id }), () => void proc.reload())}
              />
            ))}
            {proc.data?.length === 0 && (
              <tr>
                <td colSpan={procFields.length + 1} className="muted">
                  无政府采购预算（报表将空表列示）。
                </td>
              </tr>
            )}
            <NewRow
              empty={EMPTY_PROC}
              fields={procFields}
              label="添加"
              testId="new-procurement"
              onAdd={async (row) => {
                const e = done(await invoke('procurement.add', { budget, row: procInput(row) }), () => void proc.reload());
                setProcError(e);
                return e === null;
              }}
            />
          </tbody>
        </table>
        <ErrorView error={procError} />
      </section>
      <section className="panel">
        <h2>部门固定资产占用情况</h2>
        <ErrorView error={assets.error} />
        <div className="row" style={{ marginBottom: 8 }}>
          <label className="field">
            <span>截止时间</span>
            <input
              name="assetsAsOf"
              placeholder="如 2024-12-31"
              size={12}
              value={asOf.draft}
              onChange={(e) => asOf.edit(e.target.value)}
              onBlur={() => void asOf.commit()}
            />
          </label>
        </div>
        <table className={`plain${isFocused('asset', 0) ? ' focused-row' : ''}`} data-testid="assets">
          <thead>
            <tr>
              {assetFields.map((f) => (
                <th key={f.key}>{f.label}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {(assets.data?.rows ?? []).map(({ id, ...row }, i) => (
              <RowEditor
                key={id}
                value={row}
                fields={assetFields}
                testId={`asset-${i + 1}`}
                focused={isFocused('asset', i + 1)}
                onSave={async (v) => stored(await invoke('assets.update', { budget, id, row: v }), () => void assets.reload())}
                onDelete={async () => done(await invoke('assets.delete', { budget, id }), () => void assets.reload())}
              />
            ))}
            {assets.data?.rows.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  无固定资产占用数据（报表将空表列示）。
                </td>
              </tr>
            )}
            <NewRow
              empty={EMPTY_ASSET}
              fields={assetFields}
              label="添加"
              testId="new-asset"
              onAdd={async (row) => {
                const e = done(await invoke('assets.add', { budget, row }), () => void assets.reload());
                setAssetError(e);
                return e === null;
              }}
            />
          </tbody>
        </table>
        <ErrorView error={assetError} />
      </section>
    </div>
  );
}
