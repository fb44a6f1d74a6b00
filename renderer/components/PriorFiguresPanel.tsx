// 上年数: the clerk types last year's figures as the published disclosure gives them (often only the
// total). Stored with this budget (years.setPriorFigures); 比上年增减 in the 情况说明, the checks and
// 往年对比 use them unless last year's budget is in this database or its published workbook was imported,
// which take precedence (the panel says so).
import { useEffect, useRef, useState } from 'react';
import { PRIOR_FIGURE_KEYS, PRIOR_FIGURE_LABELS, type PriorFigureKey } from '../../core/model';
import type { AppError } from '../../api/contract';
import { invoke } from '../bridge';
import { useApp, useBudget, useBudgetLoad } from '../state';
import { ErrorView } from './ErrorView';

type Figures = Record<PriorFigureKey, string>;

export function PriorFiguresPanel({ onSaved }: { onSaved(): void }) {
  const budget = useBudget();
  const app = useApp();
  const q = useBudgetLoad('years.getPriorFigures');
  const [draft, setDraft] = useState<Figures | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (q.data) setDraft(q.data.figures);
  }, [q.data]);
  // 定位 from the 校验 hint: this panel loads on its own, so it takes the focus itself once it is there.
  const first = useRef<HTMLInputElement>(null);
  const wanted = app.page === 'narrative' && app.nav.focusParagraph === 'priorFigures';
  useEffect(() => {
    if (wanted && draft) first.current?.focus();
  }, [wanted, draft !== null]);
  if (!q.data || !draft) return <ErrorView error={q.error} />;
  const { year, usedFrom, storedFrom, sources } = q.data;
  const save = async () => {
    setNotice(null);
    const r = await invoke('years.setPriorFigures', { budget, figures: draft });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    q.setData(r.value);
    const known = PRIOR_FIGURE_KEYS.filter((k) => r.value.figures[k] !== '').length;
    setNotice(known ? `已保存 ${year} 年上年数（${known} 项）` : `已清除 ${year} 年上年数`);
    app.afterWrite();
    onSaved();
  };
  return (
    <section className="panel" id="prior-figures" data-testid="prior-figures">
      <h2>上年数（{year} 年）</h2>
      <p className="muted">
        按上年公开的部门预算填写，单位：元。只填已知的数字（如只知道支出合计，就只填支出合计）， 情况说明只对已填的数字写“比上年增减”。
        {storedFrom === 'file' && ' 以下为预算文件中的上年数。'}
      </p>
      {usedFrom === 'lines' && (
        <p className="notice" data-testid="prior-precedence">
          本库中有 {year} 年预算，比上年增减按其明细计算，此处的数字不使用。
        </p>
      )}
      {usedFrom === 'workbook' && (
        <p className="notice" data-testid="prior-precedence">
          已导入 {year} 年公开表，比上年增减按公开表计算；公开表没有的数字（如机关运行经费）按此处所填。
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {PRIOR_FIGURE_KEYS.map((k) => (
          <label key={k} className="field">
            <span>{PRIOR_FIGURE_LABELS[k]}</span>
            <input
              ref={k === 'total' ? first : undefined}
              aria-label={`上年${PRIOR_FIGURE_LABELS[k]}`}
              value={draft[k]}
              inputMode="decimal"
              size={16}
              placeholder="未知"
              onChange={(e) => {
                setDraft({ ...draft, [k]: e.target.value });
                setNotice(null);
              }}
            />
            <small className="muted" data-testid={`prior-source-${k}`}>
              {sources[k] ? `比上年增减使用：${sources[k]}` : '比上年增减：未知'}
            </small>
          </label>
        ))}
        <button className="btn primary" type="submit">
          保存上年数
        </button>
      </form>
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <ErrorView error={error} />
    </section>
  );
}
