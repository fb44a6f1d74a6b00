// 控制数 (issue 23): each ceiling with 已编, 差额 and status; entry by hand; the bureau's sheet with a preview
// before anything is written; 下发 of a unit's (or every unit's) starter file.
import { useState } from 'react';
import type { AppError, RendererResult } from '../../api/contract';
import { CONTROL_KINDS, CONTROL_SOURCES, LINE_KIND_NAMES, SOURCE_NAMES, type ControlKind, type ControlSource } from '../../core/model';
import { invoke } from '../bridge';
import { ErrorView } from '../components/ErrorView';
import { HandoutPanel } from '../components/HandoutPanel';
import { toBase64 } from '../lib/base64';
import { useApp, useBudget, useLoad } from '../state';

type Figure = RendererResult<'control.list'>[number];
type Preview = RendererResult<'control.previewSheet'>;

const STATUS_CLASS: Record<string, string> = { 超出: 'error-text', 未编足: 'muted', 相符: '' };

function FigureRows({ rows, onDelete }: { rows: readonly Figure[]; onDelete?: (f: Figure) => void }) {
  return (
    <table className="grid" data-testid="control-table">
      <thead>
        <tr>
          <th>控制数项目</th>
          <th>控制数（元）</th>
          <th>已编（元）</th>
          <th>差额（元）</th>
          <th>状态</th>
          {onDelete && <th />}
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr key={f.key} data-status={f.status}>
            <td>{f.label}</td>
            <td className="num">{f.amount}</td>
            <td className="num">{f.planned}</td>
            <td className="num">{f.diff}</td>
            <td className={STATUS_CLASS[f.status]}>{f.status}</td>
            {onDelete && (
              <td>
                <button className="btn" onClick={() => onDelete(f)}>
                  删除
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ControlPage() {
  const app = useApp();
  const budget = useBudget();
  const list = useLoad('control.list', { budget }, [budget.dept, budget.year]);
  const units = useLoad('units.list', { budget }, [budget.dept, budget.year]);
  const [error, setError] = useState<AppError | null>(null);
  const [form, setForm] = useState({ unit: '', source: 'general' as ControlSource, kind: '' as ControlKind | '', project: '', amount: '' });
  // Projects only when a project's 控制数 is being entered: a large budget's list is not worth opening the page for.
  const projects = useLoad('projects.list', form.kind === 'project' ? { budget } : null, [budget.dept, budget.year, form.kind]);
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [replace, setReplace] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);

  const done = (text: string) => {
    setError(null);
    app.afterWrite();
    app.say(text);
    void list.reload();
  };
  const cellOf = (f: { unit: string | null; source: string; kind: string | null; project: string | null }) => ({
    ...(f.unit ? { unit: f.unit } : {}),
    source: f.source as ControlSource,
    ...(f.kind ? { kind: f.kind as ControlKind } : {}),
    ...(f.project ? { project: f.project } : {}),
  });

  const save = async () => {
    const r = await invoke('control.save', {
      budget,
      ...cellOf({ unit: form.unit || null, source: form.source, kind: form.kind || null, project: form.project || null }),
      amount: form.amount.trim(),
    });
    if (r.ok) {
      setForm({ ...form, amount: '' });
      done('已保存控制数');
    } else setError(r.error);
  };
  const remove = async (f: Figure) => {
    const r = await invoke('control.delete', { budget, ...cellOf(f) });
    if (r.ok) done(`已删除控制数：${f.label}`);
    else setError(r.error);
  };
  const readSheet = async (f: File | undefined, rep = replace) => {
    if (!f) return;
    const data = { name: f.name, data: toBase64(await f.arrayBuffer()) };
    setFile(data);
    await previewOf(data, rep);
  };
  const previewOf = async (data: { name: string; data: string }, rep: boolean) => {
    const r = await invoke('control.previewSheet', { budget, fileName: data.name, data: data.data, replace: rep });
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else {
      setPreview(null);
      setError(r.error);
    }
  };
  const importSheet = async () => {
    if (!file) return;
    const r = await invoke('control.importSheet', { budget, fileName: file.name, data: file.data, replace });
    if (r.ok) {
      setFile(null);
      setPreview(null);
      done(`已导入控制数表：新增 ${r.value.added} 个，修改 ${r.value.updated} 个${r.value.removed ? `，删除原有 ${r.value.removed} 个` : ''}`);
    } else setError(r.error);
  };

  const rows = list.data ?? [];
  const over = rows.filter((f) => f.status === '超出').length;
  const unitProjects = (projects.data ?? []).filter((p) => !form.unit || p.unit === form.unit);
  return (
    <div>
      <section className="panel">
        <h2>控制数</h2>
        <p className="muted">财政部门下达的财政拨款控制数。已编：该控制数范围内的明细合计（不含上年结转）；差额：控制数 − 已编。</p>
        {rows.length === 0 && !list.loading && <p data-testid="control-empty">尚未录入控制数：可逐项录入，或导入财政部门下达的控制数表。</p>}
        {rows.length > 0 && (
          <p data-testid="control-summary">
            共 {rows.length} 个控制数{over ? `，其中 ${over} 个已超出` : ''}
          </p>
        )}
        {rows.length > 0 && <FigureRows rows={rows} onDelete={(f) => void remove(f)} />}
        <ErrorView error={list.error ?? error} />
      </section>
      <section className="panel">
        <h3>录入控制数</h3>
        <div className="row">
          <label className="field">
            <span>预算单位</span>
            <select data-testid="control-unit" value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value, project: '' })}>
              <option value="">部门整体</option>
              {(units.data ?? []).map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} {u.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>资金来源</span>
            <select data-testid="control-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value as ControlSource })}>
              {CONTROL_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_NAMES[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>支出类型</span>
            <select data-testid="control-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as ControlKind | '', project: '' })}>
              <option value="">基本支出和项目支出</option>
              {CONTROL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LINE_KIND_NAMES[k]}
                </option>
              ))}
            </select>
          </label>
          {form.kind === 'project' && (
            <label className="field">
              <span>项目</span>
              <select data-testid="control-project" value={form.project} onChange={(e) => setForm({ ...form, project: e.target.value })}>
                <option value="">全部项目</option>
                {unitProjects.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.code} {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>控制数（元）</span>
            <input data-testid="control-amount" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
          </label>
          <button className="btn primary" onClick={() => void save()}>
            保存控制数
          </button>
        </div>
      </section>
      <section className="panel">
        <h3>导入控制数表</h3>
        <p className="muted">
          财政部门下达的控制数表（.xlsx 或 .csv）：列为单位、资金来源、支出类型、项目和控制数（或按资金来源分列的金额），万元或元。先预览，全部正确才可导入。
        </p>
        <div className="row">
          <label className="field">
            <span>控制数表</span>
            <input
              type="file"
              data-testid="control-sheet"
              accept=".xlsx,.csv"
              onChange={(e) => {
                void readSheet(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={replace}
              onChange={(e) => {
                setReplace(e.target.checked);
                if (file) void previewOf(file, e.target.checked);
              }}
            />{' '}
            替换原有全部控制数
          </label>
        </div>
        {preview && (
          <div data-testid="control-preview">
            <ul className="muted">
              {preview.columns.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <p>
              数据行 {preview.rows} 行，控制数 {preview.cells} 个
            </p>
            {preview.problems.length > 0 ? (
              <div className="error" role="alert">
                未导入，共 {preview.problems.length} 处问题：
                <ul>
                  {preview.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <>
                <p>导入后各控制数：</p>
                <FigureRows rows={preview.figures} />
                <button className="btn primary" data-testid="control-import" onClick={() => void importSheet()}>
                  导入控制数
                </button>
              </>
            )}
          </div>
        )}
      </section>
      <HandoutPanel budget={budget} />
    </div>
  );
}
