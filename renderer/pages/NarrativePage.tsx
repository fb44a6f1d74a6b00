// 情况说明: the clerk's own text (职责, 绩效目标, 增减原因, “三公”增减原因, 分项绩效目标, 保障措施, 专项资金,
// 名词解释, 其他) next to a read-only preview of the generated 情况说明 (narrative.document), so the clerk
// reads the text with its figures in context. The figures are generated from the data and not edited
// here. Stored as it is typed (useAutosave); the preview refreshes after each save. User text is rendered
// as text only.
import { useEffect, useState } from 'react';
import { useAutosave } from '../lib/useAutosave';
import type { AppError, NarrativeDto } from '../../api/contract';
import type { NarrativeDocumentDto } from '../../api/contract';
import { DEFAULT_GLOSSARY } from '../../core/narrative/glossary';
import { invoke } from '../bridge';
import { useApp, useBudget, useBudgetLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { PriorFiguresPanel } from '../components/PriorFiguresPanel';

/** The clerk's field for a paragraph key (定位 from 校验), by its aria-label. */
const FIELD_OF: Record<string, string> = {
  changeReasons: '基本支出增减原因',
  threePublicReason: '“三公”经费增减原因',
  performanceGoals: '部门绩效目标',
  performanceGoalDetails: '分项绩效目标',
  performanceMeasures: '工作保障措施',
  specialFunds: '部门主管专项资金',
  glossary: '名词解释',
  other: '其他需要说明的事项',
  priorFigures: '上年支出合计', // the 上年数 panel (issue 12): the 校验 hint about missing prior figures leads here
};

export function NarrativePage() {
  const q = useBudgetLoad('narrative.get');
  const doc = useBudgetLoad('narrative.document');
  // 定位 from 校验: focus the clerk's field for the paragraph, and mark its section in the preview.
  const app = useApp();
  const focus = app.nav.focusParagraph;
  const [section, setSection] = useState<string | null>(null);
  useEffect(() => {
    if (focus === undefined || !q.data || !doc.data) return;
    const s = doc.data.sections.find(
      (x) => x.key === focus || x.blocks.some((b) => b.type === 'paragraph' && (b.editable === focus || b.figures?.includes(focus))),
    );
    setSection(s?.key ?? null);
    const field = FIELD_OF[focus]
      ? document.querySelector<HTMLElement>(`[data-testid="narrative"] [aria-label="${FIELD_OF[focus]}"]`)
      : focus === 'duties'
        ? document.querySelector<HTMLElement>('[data-testid="duty-0"] input, [data-testid="add-duty"]')
        : null;
    field?.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
    document.querySelector(`[data-testid="narrative-preview"] [data-section="${s?.key}"]`)?.scrollIntoView({ block: 'start' });
    app.clearNav();
  }, [focus, q.data, doc.data]);
  if (!q.data)
    return (
      <>
        <ErrorView error={q.error} />
        {q.loading && <p className="muted">正在读取…</p>}
      </>
    );
  return (
    <div className="narrative-layout">
      <NarrativeForm
        stored={q.data}
        onStored={(v) => {
          q.setData(v);
          void doc.reload();
        }}
        onPriorSaved={() => void doc.reload()}
      />
      <aside className="panel narrative-preview" data-testid="narrative-preview" aria-label="情况说明预览">
        <div className="muted" style={{ fontSize: 12 }}>
          预览（只读，按当前数据生成；数字来自预算明细，随数据变化）
        </div>
        <ErrorView error={doc.error} />
        {doc.data && <NarrativePreview doc={doc.data} focused={section} />}
      </aside>
    </div>
  );
}

/** A free narrative key (string or list) as the lines of a textarea. */
function linesOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').join('\n');
  return '';
}
/** Textarea lines → the stored list (blank lines dropped). */
function listOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
const DEFAULT_GLOSSARY_TEXT = DEFAULT_GLOSSARY.join('\n');

function NarrativePreview({ doc, focused }: { doc: NarrativeDocumentDto; focused?: string | null }) {
  return (
    <article>
      <h3 className="doc-title">{doc.title}</h3>
      <p>{doc.intro}</p>
      {doc.sections.map((s) => (
        <section key={s.key} data-section={s.key} className={s.key === focused ? 'focused' : undefined} aria-current={s.key === focused || undefined}>
          <h3>
            {s.no}、{s.title}
          </h3>
          {s.blocks.map((b, i) => {
            switch (b.type) {
              case 'heading':
                return (
                  <p key={i} className="sub">
                    {b.text}
                  </p>
                );
              case 'paragraph':
                return <p key={i}>{b.text}</p>;
              case 'table':
                return (
                  <table key={i} className="plain" style={{ margin: '6px 0' }}>
                    <caption className="muted">{b.caption}</caption>
                    <thead>
                      <tr>
                        {b.columns.map((c, j) => (
                          <th key={j}>{c}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {b.rows.map((r, j) => (
                        <tr key={j}>
                          {r.map((c, k) => (
                            <td key={k}>{c}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                );
              case 'standard-table':
                return (
                  <p key={i} className="ref">
                    〔{b.caption ?? '公开表'}：见“报表预览”〕
                  </p>
                );
              case 'chart':
                return (
                  <p key={i} className="ref">
                    〔图：{b.caption}〕
                  </p>
                );
              default:
                return null;
            }
          })}
        </section>
      ))}
    </article>
  );
}

/** Free list keys edited as lines of a textarea, with the standard text they fall back to. */
const LIST_KEYS: Record<string, string | undefined> = {
  performanceGoalDetails: undefined,
  performanceMeasures: undefined,
  specialFunds: undefined,
  glossary: DEFAULT_GLOSSARY_TEXT,
};

/** What is stored for a draft: goals without blank lines; a list key typed as text → its list, removed when
 *  empty or when it is the untouched standard text (a later update of the standard wording still applies). */
function normalized(draft: NarrativeDto): NarrativeDto {
  const next: NarrativeDto = { ...draft, performanceGoals: draft.performanceGoals.map((g) => g.trim()).filter(Boolean) };
  for (const [key, standard] of Object.entries(LIST_KEYS)) {
    if (typeof next[key] !== 'string') continue;
    const list = listOf(next[key] as string);
    if (list.length === 0 || (standard !== undefined && list.join('\n') === standard)) delete next[key];
    else next[key] = list;
  }
  return next;
}

function NarrativeForm({ stored, onStored, onPriorSaved }: { stored: NarrativeDto; onStored(v: NarrativeDto): void; onPriorSaved(): void }) {
  const budget = useBudget();
  const app = useApp();
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const a = useAutosave(
    stored,
    async (next) => {
      const r = await invoke('narrative.set', { budget, narrative: next });
      if (r.ok) {
        setError(null);
        setSaved(true);
        onStored(r.value);
        app.afterWrite();
        return r.value;
      }
      setError(r.error);
      setSaved(false);
      return null;
    },
    normalized,
  );
  const draft = a.draft;
  const set = (patch: Partial<NarrativeDto>) => {
    a.edit((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const setNow = (patch: Partial<NarrativeDto>) => void a.commit({ ...draft, ...patch });
  const blur = () => void a.commit();
  /** A free list key edited as lines; stored as a list (see normalized). */
  const listField = (key: string, text: string) => set({ [key]: text } as Partial<NarrativeDto>);
  const listText = (key: string, standard?: string) => {
    const v = draft[key];
    const t = linesOf(v);
    return t === '' && standard !== undefined && v === undefined ? standard : t;
  };
  const duty = (i: number, patch: Partial<NarrativeDto['duties'][number]>) => set({ duties: draft.duties.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const moveDuty = (i: number, d: number) => {
    const duties = [...draft.duties];
    const [x] = duties.splice(i, 1);
    duties.splice(i + d, 0, x!);
    setNow({ duties });
  };

  return (
    <div data-testid="narrative">
      <ErrorView error={error} />
      {saved && (
        <div className="muted" role="status">
          已保存
        </div>
      )}
      <section className="panel">
        <h2>一、部门职责</h2>
        {draft.duties.map((d, i) => (
          <div key={i} className="panel" style={{ background: '#fafbfc' }} data-testid={`duty-${i}`}>
            <div className="row">
              <label className="field wide">
                <span>职责 {i + 1} 标题</span>
                <input value={d.title} onChange={(e) => duty(i, { title: e.target.value })} onBlur={blur} />
              </label>
              <button className="btn small" disabled={i === 0} onClick={() => moveDuty(i, -1)}>
                上移
              </button>
              <button className="btn small" disabled={i === draft.duties.length - 1} onClick={() => moveDuty(i, 1)}>
                下移
              </button>
              <button className="btn small danger" onClick={() => setNow({ duties: draft.duties.filter((_, j) => j !== i) })}>
                删除
              </button>
            </div>
            <label className="field" style={{ marginTop: 6 }}>
              <span>内容</span>
              <textarea value={d.text} rows={3} onChange={(e) => duty(i, { text: e.target.value })} onBlur={blur} />
            </label>
          </div>
        ))}
        <button className="btn" data-testid="add-duty" onClick={() => setNow({ duties: [...draft.duties, { title: '', text: '' }] })}>
          添加职责
        </button>
      </section>
      <section className="panel">
        <h2>部门绩效目标</h2>
        <p className="muted">每行一条。</p>
        <textarea
          aria-label="部门绩效目标"
          value={draft.performanceGoals.join('\n')}
          rows={Math.max(4, draft.performanceGoals.length + 1)}
          onChange={(e) => set({ performanceGoals: e.target.value.split('\n') })}
          onBlur={blur}
        />
      </section>
      <PriorFiguresPanel onSaved={onPriorSaved} />
      <section className="panel">
        <h2>比上年增减原因</h2>
        <label className="field">
          <span>基本支出增减原因</span>
          <textarea
            aria-label="基本支出增减原因"
            value={draft.changeReasons.basic}
            rows={2}
            onChange={(e) => set({ changeReasons: { ...draft.changeReasons, basic: e.target.value } })}
            onBlur={blur}
          />
        </label>
        <label className="field" style={{ marginTop: 8 }}>
          <span>项目支出增减原因</span>
          <textarea
            aria-label="项目支出增减原因"
            value={draft.changeReasons.project}
            rows={2}
            onChange={(e) => set({ changeReasons: { ...draft.changeReasons, project: e.target.value } })}
            onBlur={blur}
          />
        </label>
      </section>
      <section className="panel">
        <h2>“三公”经费增减变化原因</h2>
        <p className="muted">预览“四、财政拨款‘三公’经费预算情况”中“较上年增加/减少 … 万元”之后的原因（有上年数时才显示）。</p>
        <textarea
          aria-label="“三公”经费增减原因"
          value={typeof draft.threePublicReason === 'string' ? draft.threePublicReason : ''}
          rows={2}
          onChange={(e) => set({ threePublicReason: e.target.value })}
          onBlur={blur}
        />
      </section>
      <section className="panel">
        <h2>分项绩效目标</h2>
        <p className="muted">每行一条，显示为“（二）分项绩效目标”；不填则不显示。</p>
        <textarea
          aria-label="分项绩效目标"
          value={listText('performanceGoalDetails')}
          rows={3}
          onChange={(e) => listField('performanceGoalDetails', e.target.value)}
          onBlur={blur}
        />
      </section>
      <section className="panel">
        <h2>工作保障措施</h2>
        <p className="muted">每行一段；不填则不显示。</p>
        <textarea
          aria-label="工作保障措施"
          value={listText('performanceMeasures')}
          rows={3}
          onChange={(e) => listField('performanceMeasures', e.target.value)}
          onBlur={blur}
        />
      </section>
      <section className="panel">
        <h2>部门主管专项资金预算安排情况及绩效目标</h2>
        <p className="muted">每行一段；不填则写“我部门无部门主管专项资金预算安排。”</p>
        <textarea
          aria-label="部门主管专项资金"
          value={listText('specialFunds')}
          rows={3}
          onChange={(e) => listField('specialFunds', e.target.value)}
          onBlur={blur}
        />
      </section>
      <section className="panel">
        <h2>名词解释</h2>
        <p className="muted">
          每行一条。默认为公开文本通用的标准名词解释；修改后保存为本部门的文本。
          {draft.glossary !== undefined && (
            <>
              {' '}
              <button
                className="link"
                onClick={() => {
                  const next = { ...draft };
                  delete next.glossary;
                  void a.commit(next);
                }}
              >
                恢复标准文本
              </button>
            </>
          )}
        </p>
        <textarea
          aria-label="名词解释"
          value={listText('glossary', DEFAULT_GLOSSARY_TEXT)}
          rows={8}
          onChange={(e) => listField('glossary', e.target.value)}
          onBlur={blur}
        />
      </section>
      <section className="panel">
        <h2>其他需要说明的事项</h2>
        <textarea aria-label="其他需要说明的事项" value={draft.other} rows={3} onChange={(e) => set({ other: e.target.value })} onBlur={blur} />
      </section>
    </div>
  );
}
