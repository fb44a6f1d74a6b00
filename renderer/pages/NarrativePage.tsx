// 情况说明: the clerk's own text (职责, 绩效目标, 增减原因, 其他). The figures of the narrative are
// generated from the data and are not edited here. Saved whenever a field is left.
import { useState } from 'react';
import { useDraft } from '../lib/useDraft';
import type { AppError, NarrativeDto } from '../../electron/ipc/contract';
import { invoke } from '../bridge';
import { useApp, useBudget, useLoad } from '../state';
import { ErrorView } from '../components/ErrorView';

export function NarrativePage() {
  const budget = useBudget();
  const app = useApp();
  const q = useLoad('narrative.get', { budget }, [budget.dept, budget.year]);
  if (!q.data) return <><ErrorView error={q.error} />{q.loading && <p className="muted">正在读取…</p>}</>;
  return <NarrativeForm stored={q.data} onStored={(v) => q.setData(v)} />;
}

function NarrativeForm({ stored, onStored }: { stored: NarrativeDto; onStored(v: NarrativeDto): void }) {
  const budget = useBudget();
  const app = useApp();
  const d = useDraft(stored);
  const draft = d.draft;
  const setDraft = d.setDraft;
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (next: NarrativeDto = draft) => {
    if (!d.changed(next)) return;
    const r = await invoke('narrative.set', { budget, narrative: next });
    if (r.ok) { setError(null); setSaved(true); d.saved(r.value); onStored(r.value); app.afterWrite(); } else { setError(r.error); setSaved(false); }
  };
  const set = (patch: Partial<NarrativeDto>) => { setDraft({ ...draft, ...patch }); setSaved(false); };
  const setNow = (patch: Partial<NarrativeDto>) => { const next = { ...draft, ...patch }; setDraft(next); void save(next); };
  const blur = () => void save();
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
      {saved && <div className="muted" role="status">已保存</div>}
      <section className="panel">
        <h2>一、部门职责</h2>
        {draft.duties.map((d, i) => (
          <div key={i} className="panel" style={{ background: '#fafbfc' }} data-testid={`duty-${i}`}>
            <div className="row">
              <label className="field wide"><span>职责 {i + 1} 标题</span><input value={d.title} onChange={(e) => duty(i, { title: e.target.value })} onBlur={blur} /></label>
              <button className="btn small" disabled={i === 0} onClick={() => moveDuty(i, -1)}>上移</button>
              <button className="btn small" disabled={i === draft.duties.length - 1} onClick={() => moveDuty(i, 1)}>下移</button>
              <button className="btn small danger" onClick={() => setNow({ duties: draft.duties.filter((_, j) => j !== i) })}>删除</button>
            </div>
            <label className="field" style={{ marginTop: 6 }}><span>内容</span><textarea value={d.text} rows={3} onChange={(e) => duty(i, { text: e.target.value })} onBlur={blur} /></label>
          </div>
        ))}
        <button className="btn" onClick={() => setNow({ duties: [...draft.duties, { title: '', text: '' }] })}>添加职责</button>
      </section>
      <section className="panel">
        <h2>部门绩效目标</h2>
        <p className="muted">每行一条。</p>
        <textarea aria-label="部门绩效目标" value={draft.performanceGoals.join('\n')} rows={Math.max(4, draft.performanceGoals.length + 1)}
          onChange={(e) => set({ performanceGoals: e.target.value.split('\n') })}
          onBlur={() => { const next = { ...draft, performanceGoals: draft.performanceGoals.map((g) => g.trim()).filter(Boolean) }; setDraft(next); void save(next); }} />
      </section>
      <section className="panel">
        <h2>比上年增减原因</h2>
        <label className="field"><span>基本支出增减原因</span><textarea aria-label="基本支出增减原因" value={draft.changeReasons.basic} rows={2} onChange={(e) => set({ changeReasons: { ...draft.changeReasons, basic: e.target.value } })} onBlur={blur} /></label>
        <label className="field" style={{ marginTop: 8 }}><span>项目支出增减原因</span><textarea aria-label="项目支出增减原因" value={draft.changeReasons.project} rows={2} onChange={(e) => set({ changeReasons: { ...draft.changeReasons, project: e.target.value } })} onBlur={blur} /></label>
      </section>
      <section className="panel">
        <h2>其他需要说明的事项</h2>
        <textarea aria-label="其他需要说明的事项" value={draft.other} rows={3} onChange={(e) => set({ other: e.target.value })} onBlur={blur} />
      </section>
    </div>
  );
}
