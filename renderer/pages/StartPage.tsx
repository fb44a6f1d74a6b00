import { useEffect, useState } from 'react';
import type { AppError, BudgetSummary, DbStatus } from '../../api/contract';
import { invoke } from '../bridge';
import { useApp, useLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { grouped } from '../lib/format';
import { BackupPanel } from '../components/BackupPanel';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { MergeUnitsPanel } from '../components/MergeUnitsDialog';
import { FinalizeLog } from '../components/FinalizeLog';

function DatabasePanel({ onChange }: { onChange(s: DbStatus): void }) {
  const { version } = useApp();
  const [status, setStatus] = useState<DbStatus | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    void invoke('db.status', {}).then((r) => {
      if (r.ok) { setStatus(r.value); setPath(r.value.path ?? r.value.defaultPath); onChange(r.value); } else setError(r.error);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  const act = async (channel: 'db.open' | 'db.create') => {
    const r = await invoke(channel, { path });
    if (r.ok) { setStatus(r.value); setError(null); onChange(r.value); } else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>数据库</h2>
      {status?.open ? (
        <div className="kv"><span className="muted">当前数据库</span><span className="path" data-testid="db-path">{status.path}</span></div>
      ) : (
        <>
          <p className="muted">尚未打开数据库。请打开已有数据库文件，或新建一个。</p>
          <div className="row">
            <label className="field wide"><span>数据库文件路径</span><input value={path} onChange={(e) => setPath(e.target.value)} /></label>
            <button className="btn primary" onClick={() => void act('db.open')}>打开</button>
            <button className="btn" onClick={() => void act('db.create')}>新建</button>
          </div>
        </>
      )}
      <ErrorView error={error} />
    </section>
  );
}

function CreateBudget({ onCreated }: { onCreated(s: BudgetSummary): void }) {
  const [deptCode, setDeptCode] = useState('');
  const [deptName, setDeptName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [error, setError] = useState<AppError | null>(null);
  const submit = async () => {
    const y = Number(year);
    if (!/^\d{4}$/.test(year.trim())) { setError({ code: 'validation', field: 'year', message: '预算年度：须为四位数字的年份（如 2025）' }); return; }
    const r = await invoke('budgets.create', { deptCode: deptCode.trim(), deptName: deptName.trim(), year: y });
    if (r.ok) { setError(null); onCreated(r.value); } else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>新建部门预算</h2>
      <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="row">
          <label className="field"><span>部门编码</span><input name="deptCode" value={deptCode} onChange={(e) => setDeptCode(e.target.value)} placeholder="如 711" size={10} /></label>
          <label className="field wide"><span>部门名称</span><input name="deptName" value={deptName} onChange={(e) => setDeptName(e.target.value)} placeholder="如 工会部门" /></label>
          <label className="field"><span>预算年度</span><input name="year" value={year} onChange={(e) => setYear(e.target.value)} size={6} inputMode="numeric" /></label>
          <button className="btn primary" type="submit">新建</button>
        </div>
      </form>
      <ErrorView error={error} />
    </section>
  );
}

function ImportBudget({ onImported }: { onImported(): void }) {
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setDone(null);
    const text = await file.text();
    const r = await invoke('import.budgetFile', { fileName: file.name, text, replace });
    if (r.ok) {
      setError(null);
      setDone(`已导入 ${r.value.budget.dept} ${r.value.budget.year} 年度预算${r.value.replaced ? '（已覆盖原有数据）' : ''}。${r.value.warnings.join('；')}`);
      onImported();
    } else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>导入预算文件</h2>
      <div className="row">
        <label className="btn file-btn">选择预算文件（*.budget.json）…
          <input type="file" hidden aria-label="选择预算文件" accept=".json,application/json" onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        <label><input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> 覆盖同部门同年度的已有预算</label>
      </div>
      {done && <div className="notice">{done}</div>}
      <ErrorView error={error} />
    </section>
  );
}

export function StartPage() {
  const app = useApp();
  const [dbOpen, setDbOpen] = useState(false);
  const list = useLoad('budgets.list', dbOpen ? {} : null, [dbOpen]);
  const open = (s: BudgetSummary) => { app.openBudget(s); app.go('department'); };
  const [toDelete, setToDelete] = useState<BudgetSummary | null>(null);
  const [deleteError, setDeleteError] = useState<AppError | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const remove = async (b: BudgetSummary) => {
    setToDelete(null);
    setDeleted(null);
    // The engine writes a backup before it deletes (reason 删除年度前); restoring it brings the year back.
    const r = await invoke('budgets.delete', { budget: { dept: b.dept, year: b.year } });
    if (!r.ok) { setDeleteError(r.error); return; }
    setDeleteError(null);
    if (app.budget?.dept === b.dept && app.budget.year === b.year) app.openBudget(null);
    setDeleted(`已删除 ${b.dept} ${b.deptName} ${b.year} 年预算（${r.value.lines} 条明细）${r.value.departmentRemoved ? '；该部门已无其他年度，部门一并删除' : ''}。删除前的数据已备份，可在下方“备份”中恢复。`);
    app.bump();
    void list.reload();
  };
  return (
    <div>
      <DatabasePanel onChange={(s) => setDbOpen(s.open)} />
      {dbOpen && (
        <>
          <section className="panel">
            <h2>已有的部门预算</h2>
            <ErrorView error={list.error} />
            {list.data && list.data.length === 0 && <p className="muted">数据库中还没有预算。请在下方新建，或导入预算文件。</p>}
            {list.data && list.data.length > 0 && (
              <table className="plain" data-testid="budget-list">
                <thead><tr><th>部门编码</th><th>部门名称</th><th>预算年度</th><th className="num">明细行数</th><th className="num">总额（元）</th><th>状态</th><th /></tr></thead>
                <tbody>
                  {list.data.map((b) => (
                    <tr key={`${b.dept}/${b.year}`} className={`clickable${app.budget?.dept === b.dept && app.budget.year === b.year ? ' selected' : ''}`} onDoubleClick={() => open(b)}>
                      <td>{b.dept}</td><td>{b.deptName}</td><td>{b.year}</td><td className="num">{b.lineCount}</td>
                      <td className="num">{grouped(b.total)}</td><td>{b.finalized ? <span className="pill">已定稿</span> : '编制中'}</td>
                      <td className="row-actions">
                        <button className="btn small" onClick={() => open(b)}>打开</button>
                        <button className="btn small danger" onClick={() => { setDeleted(null); setToDelete(b); }} aria-label={`删除 ${b.deptName} ${b.year} 年预算`}>删除…</button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {deleted && <div className="notice" data-testid="delete-notice">{deleted}</div>}
            <ErrorView error={deleteError} />
          </section>
          {toDelete && (
            <ConfirmDialog title="删除年度预算" testId="delete-confirm" confirmLabel="删除" danger onCancel={() => setToDelete(null)} onConfirm={() => void remove(toDelete)}>
              <p style={{ margin: 0 }}>删除 <b>{toDelete.dept} {toDelete.deptName}</b> 的 <b>{toDelete.year} 年</b>预算？其明细（{toDelete.lineCount} 条）、预算单位、项目与绩效、政府采购、固定资产、情况说明和上年数将全部删除。</p>
              <p className="muted" style={{ margin: '6px 0 0' }} data-testid="delete-frozen-note">
                已定稿的 {toDelete.year + 1} 年（如有）不受影响：它的比上年增减按定稿时保存的数字公开；未定稿的 {toDelete.year + 1} 年将没有 {toDelete.year} 年的上年数（除非导入或填写）。
              </p>
              <p className="muted" style={{ margin: '6px 0 0' }}>删除前会自动备份当前数据库（“删除年度前”），之后仍可从该备份恢复。</p>
            </ConfirmDialog>
          )}
          <div className="start-grid">
            <CreateBudget onCreated={(s) => { void list.reload(); open(s); }} />
            <ImportBudget onImported={() => void list.reload()} />
          </div>
          {app.budget && list.data?.some((b) => b.dept === app.budget!.dept && b.year === app.budget!.year) && <FinalizeLog budget={app.budget} />}
          {list.data && list.data.length > 0 && <MergeUnitsPanel onMerged={() => { void list.reload(); app.bump(); }} />}
          <BackupPanel />
        </>
      )}
    </div>
  );
}
