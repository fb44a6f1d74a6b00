// 校验: runs the 审核 rules (channel checks.run) and lists every finding, 错误 first, each with a
// button that opens the page where it is fixed. Re-runs when the budget changes (undo/redo/import).
import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../electron/ipc/contract';
import type { ChecksRunResult } from '../../electron/ipc/contract';
import { invoke } from '../bridge';
import { ErrorView } from '../components/ErrorView';
import { useApp, useBudget } from '../state';

/** Finding target page → navigation page id. */
const PAGE_OF: Record<string, { id: string; label: string }> = {
  lines: { id: 'lines', label: '预算明细' },
  projects: { id: 'projects', label: '项目与绩效' },
  units: { id: 'department', label: '部门与单位' },
  narrative: { id: 'narrative', label: '情况说明' },
  tables: { id: 'preview', label: '报表预览' },
  procurement: { id: 'procurement', label: '政府采购与固定资产' },
};

export function ChecksPage() {
  const app = useApp();
  const budget = useBudget();
  const [result, setResult] = useState<ChecksRunResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [showRules, setShowRules] = useState(false);

  const run = useCallback(async () => {
    setBusy(true);
    const r = await invoke('checks.run', { budget });
    setBusy(false);
    if (r.ok) { setResult(r.value); setError(null); } else { setError(r.error); }
  }, [budget.dept, budget.year]);

  useEffect(() => { void run(); }, [run, app.version]);

  const errors = result?.findings.filter((f) => f.severity === '错误') ?? [];
  const hints = result?.findings.filter((f) => f.severity === '提示') ?? [];

  return (
    <div>
      <section className="panel">
        <div className="row" style={{ alignItems: 'center' }}>
          <button className="btn primary" disabled={busy} onClick={() => void run()}>{busy ? '正在审核…' : '重新审核'}</button>
          {result && (
            <span data-testid="checks-summary" className={result.summary.errors ? 'field-error' : 'muted'} style={{ fontSize: 14 }}>
              {result.summary.text}
            </span>
          )}
          <div style={{ flex: 1 }} />
          <button className="link" onClick={() => setShowRules((x) => !x)}>{showRules ? '隐藏审核规则' : `查看全部审核规则（${result?.rules.length ?? 0} 条）`}</button>
        </div>
        <p className="muted" style={{ margin: '8px 0 0' }}>导出公开文件前须消除全部“错误”；“提示”供核对，不影响导出。</p>
        <ErrorView error={error ?? undefined} />
      </section>

      {result && result.findings.length === 0 && <div className="notice" data-testid="checks-ok">审核通过：科目、项目、绩效目标、表间关系与情况说明均未发现问题。</div>}

      {([['错误', errors], ['提示', hints]] as const).map(([label, list]) => list.length > 0 && (
        <section className="panel" key={label}>
          <h2>{label}（{list.length}）</h2>
          <table className="plain" data-testid={`checks-${label === '错误' ? 'errors' : 'hints'}`}>
            <thead><tr><th style={{ width: '62%' }}>问题</th><th>规则</th><th style={{ width: 130 }}>处理</th></tr></thead>
            <tbody>
              {list.map((f, i) => {
                const dest = PAGE_OF[f.target.page];
                return (
                  <tr key={`${f.ruleId}-${i}`}>
                    <td className={label === '错误' ? 'field-error' : undefined} style={{ fontSize: 13 }}>{f.message}</td>
                    <td className="muted" style={{ fontSize: 12 }}>{result?.rules.find((r) => r.id === f.ruleId)?.title ?? f.ruleId}</td>
                    <td>{dest && <button className="btn small" onClick={() => app.go(dest.id)}>前往{dest.label}</button>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}

      {showRules && result && (
        <section className="panel">
          <h2>审核规则</h2>
          <table className="plain">
            <thead><tr><th>规则</th><th>级别</th><th>编号</th></tr></thead>
            <tbody>{result.rules.map((r) => <tr key={r.id}><td>{r.title}</td><td>{r.severity}</td><td className="muted">{r.id}</td></tr>)}</tbody>
          </table>
        </section>
      )}
    </div>
  );
}
