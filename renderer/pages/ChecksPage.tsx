// 校验: runs the 审核 rules (channel checks.run) and lists every finding grouped by the table or section
// it concerns, with a count by severity. Within a group, one entry per item (a line, a project, an
// indicator, a paragraph…) lists everything found about it, so one fact is one entry on the page; each
// entry's 定位 opens the page and selects that item. The clerk sees rules by their Chinese title only
// (ids stay in `budget check --json` and docs/CHECKS.md). Re-runs when the budget changes (undo/redo/import).
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
    case 'lines':
      return { page: 'lines', label: '预算明细', focus: { focusLineId: Number(place.line) } };
    case 'projects':
      return { page: 'projects', label: '项目与绩效', focus: { focusProject: place.project, focusIndicator: place.indicator } };
    case 'units':
      return { page: 'department', label: '部门与单位', focus: { focusUnit: place.unit } };
    case 'narrative':
      return { page: 'narrative', label: '情况说明', focus: { focusParagraph: place.paragraph } };
    case 'tables':
      return { page: 'preview', label: '报表预览', focus: { focusTable: place.table, focusRow: place.row } };
    case 'procurement':
      return { page: 'procurement', label: '政府采购与固定资产', focus: { focusRow: place.row ?? 0 } };
    case 'assets':
      return { page: 'procurement', label: '政府采购与固定资产', focus: { focusAsset: place.asset ?? 0 } };
    case 'control':
      return { page: 'control', label: '控制数', focus: {} };
    default:
      return null;
  }
}

/** One item on the page with everything found about it; `label` is the messages' shared “…：” prefix, if any. */
interface Entry {
  key: string;
  findings: Finding[];
  error: boolean;
  label: string;
  problems: string[];
  rules: string[];
}

function entryOf(key: string, findings: Finding[], titles: ReadonlyMap<string, string>): Entry {
  const cut = findings.map((f) => f.message.indexOf('：'));
  const prefix = cut[0]! > 0 ? findings[0]!.message.slice(0, cut[0]) : '';
  const shared = findings.length > 1 && prefix !== '' && findings.every((f, i) => f.message.slice(0, cut[i]) === prefix);
  return {
    key,
    findings,
    error: findings.some((f) => f.severity === '错误'),
    label: shared ? prefix : '',
    problems: [...new Set(findings.map((f, i) => (shared ? f.message.slice(cut[i]! + 1) : f.message)))],
    rules: [...new Set(findings.map((f) => titles.get(f.ruleId) ?? '审核规则'))],
  };
}

/** Groups in first-appearance order (findings come 错误 first, so groups with 错误 lead); within each, one entry per item. */
function grouped(findings: readonly Finding[], titles: ReadonlyMap<string, string>): { group: string; entries: Entry[]; errors: number }[] {
  const map = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    let g = map.get(f.group);
    if (!g) map.set(f.group, (g = new Map()));
    const key = `${f.target.kind}:${f.target.id}`;
    const item = g.get(key);
    if (item) item.push(f);
    else g.set(key, [f]);
  }
  return [...map.entries()].map(([group, items]) => {
    const entries = [...items.entries()].map(([key, list]) => entryOf(key, list, titles));
    return { group, entries, errors: entries.filter((e) => e.error).length };
  });
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
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else {
      setError(r.error);
    }
  }, [budget.dept, budget.year]);

  useEffect(() => {
    void run();
  }, [run, app.version]);

  const titles = useMemo(() => new Map((result?.rules ?? []).map((r) => [r.id, r.title])), [result]);
  const groups = useMemo(() => grouped(result?.findings ?? [], titles), [result, titles]);

  return (
    <div>
      <section className="panel">
        <div className="row" style={{ alignItems: 'center' }}>
          <button className="btn primary" disabled={busy} onClick={() => void run()}>
            {busy ? '正在审核…' : '重新审核'}
          </button>
          {result && (
            <span data-testid="checks-summary" className={result.summary.errors ? 'field-error' : 'muted'} style={{ fontSize: 14 }}>
              {result.summary.text}
            </span>
          )}
          <div style={{ flex: 1 }} />
          <button className="link" onClick={() => setShowRules((x) => !x)}>
            {showRules ? '隐藏审核规则' : `查看全部审核规则（${result?.rules.length ?? 0} 条）`}
          </button>
        </div>
        <p className="muted" style={{ margin: '8px 0 0' }}>
          导出公开文件前须消除全部“错误”；“提示”是审核人员可能询问的地方，供核对，不影响导出。
        </p>
        <ErrorView error={error ?? undefined} />
      </section>

      {result && result.findings.length === 0 && (
        <div className="notice" data-testid="checks-ok">
          审核通过：科目、政策口径、项目、绩效目标、表间关系与情况说明均未发现问题。
        </div>
      )}

      {groups.map(({ group, entries, errors }) => (
        <FindingGroup key={group} group={group} entries={entries} errors={errors} go={app.go} />
      ))}

      {showRules && result && (
        <section className="panel">
          <h2>审核规则</h2>
          <table className="plain">
            <thead>
              <tr>
                <th>规则</th>
                <th>级别</th>
              </tr>
            </thead>
            <tbody>
              {result.rules.map((r) => (
                <tr key={r.id}>
                  <td>{r.title}</td>
                  <td>{r.severity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

/** Entries shown at first, and added per click: a random 300,000-line budget has 19,000 findings on its lines. */
const ENTRIES_STEP = 200;

/** One group's entries, the first ENTRIES_STEP at first and more on request. */
function FindingGroup({ group, entries, errors, go }: { group: string; entries: Entry[]; errors: number; go(page: string, focus: NavState): void }) {
  const [shown, setShown] = useState(ENTRIES_STEP);
  const rest = entries.length - shown;
  return (
    <section className="panel" data-testid="checks-group" aria-label={group}>
      <h2>
        {group}
        <span className="muted" style={{ fontSize: 13, fontWeight: 'normal' }}>
          　错误 {errors}，提示 {entries.length - errors}
        </span>
      </h2>
      <table className="plain">
        <thead>
          <tr>
            <th style={{ width: 48 }}>级别</th>
            <th style={{ width: '58%' }}>问题</th>
            <th>规则</th>
            <th style={{ width: 130 }}>定位</th>
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, shown).map((e) => {
            const dest = destinationOf(placeOf(e.findings[0]!.target));
            return (
              <tr key={e.key} data-testid="checks-finding" data-rule={[...new Set(e.findings.map((f) => f.ruleId))].join(' ')}>
                <td className={e.error ? 'field-error' : 'muted'}>{e.error ? '错误' : '提示'}</td>
                <td className={e.error ? 'field-error' : undefined} style={{ fontSize: 13 }}>
                  {e.problems.length === 1 ? (
                    `${e.label ? `${e.label}：` : ''}${e.problems[0]}`
                  ) : (
                    <>
                      {e.label && <>{e.label}：</>}
                      <ul className="finding-list">
                        {e.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
                <td className="muted" style={{ fontSize: 12 }}>
                  {e.rules.join('；')}
                </td>
                <td>
                  {dest && (
                    <button className="btn small" title={`打开${dest.label}并选中所指位置`} onClick={() => go(dest.page, dest.focus)}>
                      定位
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rest > 0 && (
        <div className="row" style={{ marginTop: 8, alignItems: 'center' }}>
          <span className="muted">
            已列出 {shown.toLocaleString('zh-CN')} 条，还有 {rest.toLocaleString('zh-CN')} 条
          </span>
          <button className="btn small" onClick={() => setShown((x) => x + ENTRIES_STEP)}>
            再列出 {Math.min(rest, ENTRIES_STEP)} 条
          </button>
          <button className="btn small" onClick={() => setShown(entries.length)}>
            全部列出
          </button>
        </div>
      )}
    </section>
  );
}
