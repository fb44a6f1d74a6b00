// 合并单位预算: the clerk picks a unit's budget file; the engine previews what it would add (units, lines,
// totals; for 替换 what goes first) and any refusal; only 确认合并 writes (a 合并前 backup, then one
// transaction). The unit file's own 情况说明 is shown to copy from, never merged.
import { useState } from 'react';
import type { AppError, BudgetRef } from '../../api/contract';
import type { MergeDoneDto, MergePreviewDto } from '../../api/contract';
import { invoke } from '../bridge';
import { grouped } from '../lib/format';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorView } from './ErrorView';

interface Picked {
  fileName: string;
  text: string;
}

function PreviewBody({ p }: { p: MergePreviewDto }) {
  if (!p.ok)
    return (
      <div className="error" role="alert" data-testid="merge-refused">
        {p.message}
      </div>
    );
  const added = p.units.filter((u) => !u.replaced);
  const replaced = p.units.filter((u) => u.replaced);
  return (
    <div className="stack" data-testid="merge-preview">
      <p>
        合并到{' '}
        <b>
          {p.dept!.code} {p.dept!.name} {p.dept!.year} 年
        </b>
        预算：
      </p>
      <table className="plain">
        <tbody>
          {added.length > 0 && (
            <tr>
              <th>新增单位</th>
              <td>{added.map((u) => `${u.code} ${u.name}`).join('、')}</td>
            </tr>
          )}
          {replaced.length > 0 && (
            <tr>
              <th>替换单位</th>
              <td>
                {replaced.map((u) => `${u.code} ${u.name}`).join('、')}（先删除其原有明细 {p.removed!.lines} 条、项目 {p.removed!.projects} 个、政府采购{' '}
                {p.removed!.procurement} 条、资产 {p.removed!.assets} 条）
              </td>
            </tr>
          )}
          <tr>
            <th>明细</th>
            <td className="num" data-testid="merge-lines">
              {p.lines} 条
            </td>
          </tr>
          <tr>
            <th>合计（元）</th>
            <td className="num" data-testid="merge-total">
              {grouped(p.totals!.total)}
            </td>
          </tr>
          <tr>
            <th>其中：基本支出</th>
            <td className="num">{grouped(p.totals!.basic)}</td>
          </tr>
          <tr>
            <th>项目支出</th>
            <td className="num">{grouped(p.totals!.project)}</td>
          </tr>
          <tr>
            <th>财政拨款</th>
            <td className="num">{grouped(p.totals!.fiscal)}</td>
          </tr>
          <tr>
            <th>项目 / 绩效指标</th>
            <td className="num">
              {p.projects} 个 / {p.indicators} 条
            </td>
          </tr>
          <tr>
            <th>政府采购 / 资产</th>
            <td className="num">
              {p.procurement} 条 / {p.assets} 条
            </td>
          </tr>
        </tbody>
      </table>
      {p.control.length > 0 && (
        <table className="plain" data-testid="merge-control">
          <thead>
            <tr>
              <th>控制数</th>
              <th>控制数（元）</th>
              <th>已编（元）</th>
              <th>差额（元）</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.control.map((f) => (
              <tr key={f.key} data-status={f.status}>
                <td>{f.label}</td>
                <td className="num">{grouped(f.amount)}</td>
                <td className="num">{grouped(f.planned)}</td>
                <td className="num">{grouped(f.diff)}</td>
                <td>{f.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.controlDiffers.length > 0 && <div className="notice">文件中以下控制数与部门原有的不同，合并后以文件为准：{p.controlDiffers.join('、')}</div>}
      {p.warnings.map((w) => (
        <div key={w} className="notice">
          {w}
        </div>
      ))}
      {p.narrative.length > 0 && (
        <div>
          <p className="muted">单位文件中的情况说明不会合并（部门的情况说明保持不变）。如需采用，请复制后在“情况说明”中编辑：</p>
          <textarea
            readOnly
            rows={Math.min(8, p.narrative.length + 1)}
            className="wide"
            aria-label="单位文件的情况说明"
            value={p.narrative.join('\n')}
            data-testid="merge-narrative"
          />
        </div>
      )}
      <p className="muted">合并前会自动备份数据库。</p>
    </div>
  );
}

export function MergeUnitsPanel({ onMerged, onCreated }: { onMerged(): void; onCreated(b: BudgetRef): void }) {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [replace, setReplace] = useState(false);
  const [preview, setPreview] = useState<MergePreviewDto | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<MergeDoneDto | null>(null);

  const load = async (f: Picked, rep: boolean) => {
    const r = await invoke('merge.preview', { fileName: f.fileName, text: f.text, replace: rep });
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else {
      setPreview(null);
      setError(r.error);
    }
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const f = { fileName: file.name, text: await file.text() };
    setDone(null);
    setPicked(f);
    await load(f, replace);
  };
  const close = () => {
    setPicked(null);
    setPreview(null);
  };
  // No department-year to merge into: the unit file becomes the department's budget (an ordinary import).
  const create = async () => {
    if (!picked) return;
    const r = await invoke('import.budgetFile', { fileName: picked.fileName, text: picked.text });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    close();
    onCreated(r.value.budget);
  };
  const missing = preview?.missing;
  const apply = async () => {
    if (!picked) return;
    const r = await invoke('merge.apply', { fileName: picked.fileName, text: picked.text, replace });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    if (!r.value.ok) {
      setPreview(r.value);
      return;
    }
    setDone(r.value);
    close();
    onMerged();
  };
  return (
    <section className="panel">
      <h2>合并单位预算</h2>
      <p className="muted">把所属单位报来的预算文件合并到本部门同年度的预算中（单位、明细、项目及绩效、政府采购、资产）。</p>
      <div className="row">
        <label className="btn file-btn">
          选择单位预算文件…
          <input
            type="file"
            hidden
            aria-label="选择单位预算文件"
            accept=".json,application/json"
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {done && (
        <div className="notice" data-testid="merge-done">
          已合并到 {done.dept!.code} {done.dept!.name} {done.dept!.year} 年预算：{done.lines} 条明细，合计 {grouped(done.totals!.total)} 元。
          {done.backup ? `合并前的数据库已备份。` : ''}
        </div>
      )}
      <ErrorView error={error} />
      {picked && preview && (
        <ConfirmDialog
          title={`合并单位预算：${picked.fileName}`}
          testId="merge-dialog"
          cancelLabel="取消"
          confirmLabel={preview.ok ? '确认合并' : missing ? `新建 ${missing.code} ${missing.name} ${missing.year} 年预算` : '关闭'}
          onConfirm={() => (preview.ok ? void apply() : missing ? void create() : close())}
          onCancel={close}
        >
          <PreviewBody p={preview} />
          {(preview.conflicts.units.length > 0 || replace) && (
            <label>
              <input
                type="checkbox"
                checked={replace}
                onChange={(e) => {
                  setReplace(e.target.checked);
                  void load(picked, e.target.checked);
                }}
              />{' '}
              替换这些单位的部分（先删除其原有明细、项目、政府采购和资产）
            </label>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
