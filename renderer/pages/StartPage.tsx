import { useEffect, useState } from 'react';
import type { AppError, BudgetRef, BudgetSummary, DbStatus, ReplacedDto } from '../../api/contract';
import { invoke } from '../bridge';
import { useApp, useLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { grouped } from '../lib/format';
import { BackupPanel } from '../components/BackupPanel';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { MergeUnitsPanel } from '../components/MergeUnitsDialog';
import { FinalizeLog } from '../components/FinalizeLog';
import { HandoutPanel } from '../components/HandoutPanel';

function DatabasePanel({ onChange }: { onChange(s: DbStatus): void }) {
  const app = useApp();
  const [status, setStatus] = useState<DbStatus | null>(null);
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const loadRecent = () =>
    void invoke('db.recent', {}).then((r) => {
      if (r.ok) setRecent(r.value.paths);
    });
  useEffect(() => {
    void invoke('db.status', {}).then((r) => {
      if (r.ok) {
        setStatus(r.value);
        setPath(r.value.path ?? r.value.defaultPath);
        onChange(r.value);
      } else setError(r.error);
    });
    loadRecent();
  }, [app.version]);
  const act = async (channel: 'db.open' | 'db.create', target = path) => {
    const r = await invoke(channel, { path: target.trim() });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setStatus(r.value);
    setError(null);
    setSwitching(false);
    // Another database: the budget of the previous one is no longer open.
    if (status?.path !== r.value.path) app.openBudget(null);
    app.say(`已${channel === 'db.open' ? '打开' : '新建'}数据库“${r.value.path}”`);
    onChange(r.value);
    loadRecent();
  };
  const form = (
    <>
      <div className="row">
        <label className="field wide">
          <span>数据库文件路径</span>
          <input aria-label="数据库文件路径" value={path} onChange={(e) => setPath(e.target.value)} />
        </label>
        <button className="btn primary" onClick={() => void act('db.open')}>
          打开
        </button>
        <button className="btn" onClick={() => void act('db.create')}>
          新建
        </button>
        {status?.open && (
          <button
            className="btn"
            onClick={() => {
              setSwitching(false);
              setError(null);
            }}
          >
            取消
          </button>
        )}
      </div>
      {recent.filter((p) => p !== status?.path).length > 0 && (
        <div className="stack" data-testid="recent-dbs">
          <span className="muted">最近使用：</span>
          {recent
            .filter((p) => p !== status?.path)
            .map((p) => (
              <button key={p} className="btn small link path" onClick={() => void act('db.open', p)}>
                {p}
              </button>
            ))}
        </div>
      )}
    </>
  );
  return (
    <section className="panel">
      <h2>数据库</h2>
      {status?.open ? (
        <>
          <div className="row">
            <div className="kv">
              <span className="muted">当前数据库</span>
              <span className="path" data-testid="db-path">
                {status.path}
              </span>
            </div>
            {!switching && (
              <button
                className="btn small"
                onClick={() => {
                  setPath('');
                  setSwitching(true);
                }}
              >
                打开或新建其他数据库…
              </button>
            )}
          </div>
          {switching && form}
        </>
      ) : (
        <>
          <p className="muted">尚未打开数据库。请打开已有数据库文件，或新建一个。</p>
          {form}
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
    if (!/^\d{4}$/.test(year.trim())) {
      setError({ code: 'validation', field: 'year', message: '预算年度：须为四位数字的年份（如 2025）' });
      return;
    }
    const r = await invoke('budgets.create', { deptCode: deptCode.trim(), deptName: deptName.trim(), year: y });
    if (r.ok) {
      setError(null);
      onCreated(r.value);
    } else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>新建部门预算</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="row">
          <label className="field">
            <span>部门编码</span>
            <input name="deptCode" value={deptCode} onChange={(e) => setDeptCode(e.target.value)} placeholder="如 711" size={10} />
          </label>
          <label className="field wide">
            <span>部门名称</span>
            <input name="deptName" value={deptName} onChange={(e) => setDeptName(e.target.value)} placeholder="如 工会部门" />
          </label>
          <label className="field">
            <span>预算年度</span>
            <input name="year" value={year} onChange={(e) => setYear(e.target.value)} size={6} inputMode="numeric" />
          </label>
          <button className="btn primary" type="submit">
            新建
          </button>
        </div>
      </form>
      <ErrorView error={error} />
    </section>
  );
}

function ImportBudget({ onImported }: { onImported(s: BudgetRef): void }) {
  const app = useApp();
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ file: string; text: string; replaced: ReplacedDto } | null>(null);
  const run = async (fileName: string, text: string) => {
    setConfirm(null);
    const r = await invoke('import.budgetFile', { fileName, text, replace });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    const backup = r.value.backup ? `覆盖前的数据库已备份（“覆盖导入前”）${r.value.undoable ? '，也可撤销' : ''}。` : '';
    setDone(
      `已导入 ${r.value.budget.dept} ${r.value.budget.year} 年度预算${r.value.replaced ? '（已覆盖原有数据）' : ''}，已打开。${backup}${r.value.warnings.join('；')}`,
    );
    onImported(r.value.budget);
    app.clearStatus();
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setDone(null);
    const text = await file.text();
    if (replace) {
      // 覆盖 asks first, naming what goes; nothing to replace: import straight away.
      const r = await invoke('import.replaced', { fileName: file.name, text });
      if (r.ok && r.value) {
        setConfirm({ file: file.name, text, replaced: r.value });
        return;
      }
    }
    await run(file.name, text);
  };
  const c = confirm?.replaced;
  return (
    <section className="panel">
      <h2>导入预算文件</h2>
      <div className="row">
        <label className="btn file-btn">
          选择预算文件（*.budget.json）…
          <input
            type="file"
            hidden
            aria-label="选择预算文件"
            accept=".json,application/json"
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        <label>
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> 覆盖同部门同年度的已有预算
        </label>
      </div>
      {done && (
        <div className="notice" data-testid="import-notice">
          {done}
        </div>
      )}
      <ErrorView error={error} />
      {confirm && c && (
        <ConfirmDialog
          title="覆盖已有预算"
          testId="replace-confirm"
          confirmLabel="覆盖"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => void run(confirm.file, confirm.text)}
        >
          <p style={{ margin: 0 }}>
            用“{confirm.file}”覆盖{' '}
            <b>
              {c.dept} {c.deptName}
            </b>{' '}
            的 <b>{c.year} 年</b>预算？以下内容将被替换：
          </p>
          <ul>
            <li>明细 {c.lines} 条</li>
            <li>项目 {c.projects} 个（含绩效目标与指标）</li>
            <li>
              {c.narrative.length
                ? `情况说明（已填写 ${c.narrative.length} 段，如“${c.narrative[0]!.slice(0, 40)}${c.narrative[0]!.length > 40 ? '…' : ''}”）`
                : '情况说明（尚未填写）'}
            </li>
          </ul>
          <p className="muted" style={{ margin: '6px 0 0' }}>
            覆盖前会自动备份当前数据库（“覆盖导入前”），之后可从该备份恢复。
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function StartPage() {
  const app = useApp();
  const [dbOpen, setDbOpen] = useState(false);
  const list = useLoad('budgets.list', dbOpen ? {} : null, [dbOpen]);
  const open = (s: BudgetSummary) => {
    app.openBudget(s);
    app.go('department');
  };
  // An imported budget is opened at once (the page links need an open budget); the list has it after reload.
  const openRef = async (b: BudgetRef) => {
    const r = await invoke('budgets.list', {});
    const s = r.ok ? r.value.find((x) => x.dept === b.dept && x.year === b.year) : undefined;
    if (s) app.openBudget(s);
  };
  const [toDelete, setToDelete] = useState<BudgetSummary | null>(null);
  const [deleteError, setDeleteError] = useState<AppError | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const remove = async (b: BudgetSummary) => {
    setToDelete(null);
    setDeleted(null);
    // The engine writes a backup before it deletes (reason 删除年度前); restoring it brings the year back.
    const r = await invoke('budgets.delete', { budget: { dept: b.dept, year: b.year } });
    if (!r.ok) {
      setDeleteError(r.error);
      return;
    }
    setDeleteError(null);
    if (app.budget?.dept === b.dept && app.budget.year === b.year) app.openBudget(null);
    setDeleted(
      `已删除 ${b.dept} ${b.deptName} ${b.year} 年预算（${r.value.lines} 条明细）${r.value.departmentRemoved ? '；该部门已无其他年度，部门一并删除' : ''}。删除前的数据已备份，可在下方“备份”中恢复。`,
    );
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
                <thead>
                  <tr>
                    <th>部门编码</th>
                    <th>部门名称</th>
                    <th>预算年度</th>
                    <th className="num">明细行数</th>
                    <th className="num">总额（元）</th>
                    <th>状态</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((b) => (
                    <tr
                      key={`${b.dept}/${b.year}`}
                      className={`clickable${app.budget?.dept === b.dept && app.budget.year === b.year ? ' selected' : ''}`}
                      onDoubleClick={() => open(b)}
                    >
                      <td>{b.dept}</td>
                      <td>{b.deptName}</td>
                      <td>{b.year}</td>
                      <td className="num">{b.lineCount}</td>
                      <td className="num">{grouped(b.total)}</td>
                      <td>{b.finalized ? <span className="pill">已定稿</span> : '编制中'}</td>
                      <td className="row-actions">
                        <button className="btn small" onClick={() => open(b)}>
                          打开
                        </button>
                        <button
                          className="btn small danger"
                          onClick={() => {
                            setDeleted(null);
                            setToDelete(b);
                          }}
                          aria-label={`删除 ${b.deptName} ${b.year} 年预算`}
                        >
                          删除…
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {deleted && (
              <div className="notice" data-testid="delete-notice">
                {deleted}
              </div>
            )}
            <ErrorView error={deleteError} />
          </section>
          {toDelete && (
            <ConfirmDialog
              title="删除年度预算"
              testId="delete-confirm"
              confirmLabel="删除"
              danger
              onCancel={() => setToDelete(null)}
              onConfirm={() => void remove(toDelete)}
            >
              <p style={{ margin: 0 }}>
                删除{' '}
                <b>
                  {toDelete.dept} {toDelete.deptName}
                </b>{' '}
                的 <b>{toDelete.year} 年</b>预算？其明细（{toDelete.lineCount} 条）、预算单位、项目与绩效、政府采购、固定资产、情况说明和上年数将全部删除。
              </p>
              <p className="muted" style={{ margin: '6px 0 0' }} data-testid="delete-frozen-note">
                已定稿的 {toDelete.year + 1} 年（如有）不受影响：它的比上年增减按定稿时保存的数字公开；未定稿的 {toDelete.year + 1} 年将没有 {toDelete.year}{' '}
                年的上年数（除非导入或填写）。
              </p>
              <p className="muted" style={{ margin: '6px 0 0' }}>
                删除前会自动备份当前数据库（“删除年度前”），之后仍可从该备份恢复。
              </p>
            </ConfirmDialog>
          )}
          <div className="start-grid">
            <CreateBudget
              onCreated={(s) => {
                void list.reload();
                open(s);
              }}
            />
            <ImportBudget
              onImported={(b) => {
                setDeleted(null);
                void list.reload().then(() => openRef(b));
              }}
            />
          </div>
          {app.budget && list.data?.some((b) => b.dept === app.budget!.dept && b.year === app.budget!.year) && (
            <>
              <FinalizeLog budget={app.budget} />
              <HandoutPanel budget={app.budget} />
            </>
          )}
          {list.data && list.data.length > 0 && (
            <MergeUnitsPanel
              onMerged={() => {
                void list.reload();
                app.bump();
              }}
              onCreated={(b) => {
                setDeleted(null);
                void list.reload().then(() => openRef(b));
              }}
            />
          )}
          <BackupPanel />
        </>
      )}
    </div>
  );
}
