// The top bar's year switcher: the open department's years in this database, 定稿 (while 错误 remain only after
// the clerk saw their count and confirmed) / 解除定稿 (only after the clerk confirms and gives a reason), and a
// note when the year has no catalog of its own.
import { useState } from 'react';
import type { AppError } from '../../api/contract';
import { invoke } from '../bridge';
import { useApp, useLoad } from '../state';
import { ConfirmDialog } from './ConfirmDialog';

export function YearSwitcher() {
  const app = useApp();
  const dept = app.budget?.dept ?? null;
  const budgets = useLoad('budgets.list', dept ? {} : null, [dept]);
  const years = useLoad('years.list', dept ? { dept } : null, [dept]);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  /** The engine's refusal naming how many 错误 remain, while the clerk decides. */
  const [withErrors, setWithErrors] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  if (!app.budget || !app.summary) return null;
  const ref = app.budget;
  const summary = app.summary;
  const mine = (budgets.data ?? []).filter((b) => b.dept === ref.dept).sort((a, b) => a.year - b.year);
  const entry = years.data?.years.find((y) => y.year === ref.year && y.held);
  const finalized = summary.finalized;

  const switchTo = (year: number) => {
    const s = mine.find((b) => b.year === year);
    if (s) {
      setConfirming(false);
      setError(null);
      app.openBudget(s);
      app.bump();
    }
  };
  const setFinal = async (final: boolean, despiteErrors = false) => {
    const r = final
      ? await invoke('years.finalize', { budget: ref, ...(despiteErrors ? { despiteErrors } : {}) })
      : await invoke('years.unfinalize', { budget: ref, confirmed: true, reason: reason.trim() });
    setConfirming(false);
    setWithErrors(null);
    if (!r.ok && r.error.field === 'despiteErrors') {
      setWithErrors(r.error.message);
      return;
    }
    if (!r.ok) {
      setError(r.error);
      app.say(r.error.message, true);
      return;
    }
    setError(null);
    setReason('');
    app.openBudget({ ...summary, finalized: final });
    app.say(final ? `${ref.year} 年预算已定稿（只读）` : `${ref.year} 年预算已解除定稿，可以修改`);
    app.bump();
  };

  return (
    <div className="year-switcher" data-testid="year-switcher" style={{ display: 'flex', alignItems: 'center', gap: 8, position: 'relative' }}>
      <label style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        <span className="muted">年度</span>
        <select aria-label="切换年度" data-testid="year-select" value={ref.year} onChange={(e) => switchTo(Number(e.target.value))}>
          {(mine.length ? mine : [summary]).map((b) => (
            <option key={b.year} value={b.year}>
              {b.year} 年{b.finalized ? '（已定稿）' : ''}
            </option>
          ))}
        </select>
      </label>
      {finalized ? (
        <span className="pill" data-testid="finalized-pill" title="定稿的年度只读：任何修改都会被拒绝">
          已定稿
        </span>
      ) : null}
      {entry?.catalogBorrowedFrom != null && (
        <span className="muted" data-testid="catalog-borrowed" title={entry.catalogNote ?? ''}>
          使用 {entry.catalogBorrowedFrom} 年科目表
        </span>
      )}
      {!finalized && (
        <button className="btn small" onClick={() => void setFinal(true)} title="定稿后本年度只读">
          定稿
        </button>
      )}
      {finalized && !confirming && (
        <button className="btn small" onClick={() => setConfirming(true)}>
          解除定稿
        </button>
      )}
      {finalized && confirming && (
        <div
          role="alertdialog"
          aria-label="确认解除定稿"
          className="popover"
          style={{ position: 'absolute', top: '100%', left: 0, width: 340, padding: 10, gap: 8 }}
        >
          <div>确定要解除 {ref.year} 年预算的定稿吗？解除后本年度可以再次修改，已公开的数字可能随之改变。</div>
          <div className="muted" data-testid="unfinalize-frozen-note">
            定稿时保存的上年数、往年对比和科目表将不再使用：解除后，比上年增减和科目名称按其他年度和科目表的现状重新计算。
          </div>
          <label style={{ display: 'grid', gap: 4 }}>
            <span>解除定稿的原因（记入定稿记录）</span>
            <textarea aria-label="解除定稿的原因" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="row">
            <button
              className="btn primary"
              disabled={reason.trim() === ''}
              title={reason.trim() === '' ? '请先写明解除定稿的原因' : undefined}
              onClick={() => void setFinal(false)}
            >
              确认解除定稿
            </button>
            <button className="btn" onClick={() => setConfirming(false)}>
              取消
            </button>
          </div>
        </div>
      )}
      <button className="btn small" title="以本年度为底稿新建一个年度（在往年对比页）" onClick={() => app.go('compare', { focusSection: 'new-year' })}>
        新建年度…
      </button>
      {withErrors && (
        <ConfirmDialog
          title="带着错误定稿"
          testId="finalize-errors-confirm"
          confirmLabel="仍然定稿"
          danger
          onCancel={() => setWithErrors(null)}
          onConfirm={() => void setFinal(true, true)}
        >
          <p style={{ margin: 0 }}>{withErrors}</p>
          <p className="muted" style={{ margin: '6px 0 0' }}>
            定稿后本年度只读，公开的数字不再随其他年度或科目表变化；错误数会记入定稿记录。
          </p>
        </ConfirmDialog>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error.message}
        </span>
      )}
    </div>
  );
}
