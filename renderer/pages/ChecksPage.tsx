// 校验: runs the 审核 rules (channel checks.run) and lists every finding grouped by the table or section
// it concerns, with a count by severity; each finding's 定位 opens the page and selects the line,
// project, indicator, paragraph or table it names. Re-runs when the budget changes (undo/redo/import).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppError } from '../../api/contract';
import type { ChecksRunResult } from '../../api/contract';
import { placeOf, type FindingPlace } from '../../core/checks/place';
import type { Finding } from '../../core/checks/types';
import { invoke } from '../bridge';
import { ErrorView } from '../components/ErrorView';
import { useApp, useBudget, type NavState } from '../state';

/** Where 定位 goes for a place: the navigation page, its name, and what it selects there. */
export function destinationOf(place: FindingPlace): { page: string; label: string; focus: NavState } | null {
  switch (place.page) {
    case 'lines': return { page: 'lines', label: '预算明细', focus: { focusLineId: Number(place.line) } };
    case 'projects': return { page: 'projects', label: '项目与绩效', focus: { focusProject: place.project, focusIndicator: place.indicator } };
    case 'units': return { page: 'department', label: '部门与单位', focus: { focusUnit: place.unit } };
    case 'narrative': return { page: 'narrative', label: '情况说明', focus: { focusParagraph: place.paragraph } };
    case 'tables': return { page: 'preview', label: '报表预览', focus: { focusTable: place.table, focusRow: place.row } };
    case 'procurement': return { page: 'procurement', label: '政府采购与固定资产', focus: { focusRow: place.row } };
    case 'control': return { page: 'control', label: '控制数', focus: {} };
    default: return null;
  }
}

/** Groups in first-appearance order (findings come 错误 first, so groups with 错误 lead). */
function grouped(findings: readonly Finding[]): { group: string; list: Finding[]; errors: number }[] {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = map.get(f.group);
    if (g) g.push(f); else map.set(f.group, [f]);
  }
  return [...map.entries()].map(([group, list]) => ({ group, list, errors: list.filter((f) => f.severity === '错误').length }));
}

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

  const groups = useMemo(() => grouped(result?.findings ?? []), [result]);
  const titles = useMemo(() => new Map((result?.rules ?? []).map((r) => [r.id, r.title])), [result]);

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
        <p className="muted" style={{ margin: '8px 0 0' }}>导出公开文件前须消除全部“错误”；“提示”是审核人员可能询问的地方，供核对，不影响导出。</p>
        <ErrorView error={error ?? undefined} />
      </section>

      {result && result.findings.length === 0 && <div className="notice" data-testid="checks-ok">审核通过：科目、政策口径、项目、绩效目标、表间关系与情况说明均未发现问题。</div>}

      {groups.map(({ group, list, errors }) => (
        <section className="panel" key={group} data-testid="checks-group" aria-label={group}>
          <h2>{group}<span className="muted" style={{ fontSize: 13, fontWeight: 'normal' }}>　错误 {errors}，提示 {list.length - errors}</span></h2>
          <table className="plain">
            <thead><tr><th style={{ width: 48 }}>级别</th><th style={{ width: '58%' }}>问题</th><th>规则</th><th style={{ width: 130 }}>定位</th></tr></thead>
            <tbody>
              {list.map((f, i) => {
                const dest = destinationOf(placeOf(f.target));
                const isError = f.severity === '错误';
                return (
                  <tr key={`${f.ruleId}-${i}`} data-testid="checks-finding" data-rule={f.ruleId}>
                    <td className={isError ? 'field-error' : 'muted'}>{f.severity}</td>
                    <td className={isError ? 'field-error' : undefined} style={{ fontSize: 13 }}>{f.message}</td>
                    <td className="muted" style={{ fontSize: 12 }}>{titles.get(f.ruleId) ?? f.ruleId}<br /><code>{f.ruleId}</code></td>
                    <td>{dest && <button className="btn small" title={`打开${dest.label}并选中所指位置`} onClick={() => app.go(dest.page, dest.focus)}>定位</button>}</td>
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
