// 项目与绩效: the projects with their purpose, spending plan, goals and indicator grid. The project's
// amount is never typed: it is the sum of its lines. Text is stored as it is typed (useAutosave); the
// project code only when its field is left (it keys the list).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppError, LineDto, ProjectDto } from '../../api/contract';
import { FISCAL_SOURCES, INDICATOR_LEVEL1, INDICATOR_LEVEL2, INDICATOR_OPS, type Source } from '../../core/model';
import { formatYuanGrouped } from '../../core/money';
import { invoke } from '../bridge';
import { useApp, useBudget, useBudgetLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { useAutosave } from '../lib/useAutosave';
import { CopyIndicators } from './projects/CopyIndicators';
import { fenOf } from '../lib/format';

type Indicator = ProjectDto['indicators'][number];
const PLAN: { key: keyof ProjectDto['spendingPlan']; label: string }[] = [
  { key: 'mar', label: '3月底' },
  { key: 'jun', label: '6月底' },
  { key: 'oct', label: '10月底' },
  { key: 'dec', label: '12月底' },
];
const NEW_SCOPE = 'project:new';
const EMPTY_INDICATOR: Indicator = { level1: '产出指标', level2: '数量指标', name: '', description: '', op: '≥', value: '', unit: '', basis: '' };

function projectAmounts(lines: LineDto[], code: string) {
  let fiscal = 0n,
    other = 0n;
  for (const l of lines) {
    if (l.project !== code) continue;
    if (FISCAL_SOURCES.includes(l.source as Source)) fiscal += fenOf(l.amount);
    else other += fenOf(l.amount);
  }
  return { total: fiscal + other, fiscal, other };
}

function NewProject({ units, onAdded }: { units: { code: string; name: string }[]; onAdded(code: string): void }) {
  const budget = useBudget();
  const app = useApp();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const add = async () => {
    const r = await invoke('projects.add', { budget, project: { code: code.trim(), name: name.trim(), unit: unit || units[0]?.code || '' } });
    if (r.ok) {
      setCode('');
      setName('');
      app.afterWrite();
      onAdded(r.value.code);
    } else app.report(r.error, { scope: NEW_SCOPE });
  };
  return (
    <section className="panel">
      <h2>新建项目</h2>
      <form
        className="stack"
        data-testid="new-project"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="field">
          <span>项目编码</span>
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <label className="field">
          <span>项目名称</span>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>预算单位</span>
          <select name="unit" value={unit || units[0]?.code || ''} onChange={(e) => setUnit(e.target.value)}>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.code} {u.name}
              </option>
            ))}
          </select>
        </label>
        <button className="btn primary" type="submit">
          新建项目
        </button>
      </form>
      <ScopedError scope={NEW_SCOPE} />
    </section>
  );
}

/** The app status (state.tsx) when it is an error about this part of the page. */
function ScopedError({ scope }: { scope: string }) {
  const { status } = useApp();
  return status?.scope === scope ? <ErrorView error={status.detail?.error ?? { code: 'validation', message: status.text }} /> : null;
}

function ProjectEditor({
  project,
  projects,
  lines,
  units,
  onSaved,
  onDeleted,
  onReload,
  focusIndicator,
}: {
  project: ProjectDto;
  projects: ProjectDto[];
  lines: LineDto[];
  units: { code: string; name: string }[];
  onSaved(p: ProjectDto): void;
  onDeleted(): void;
  onReload(): void;
  /** 1-based indicator to select (定位 from 校验). */
  focusIndicator?: number | null;
}) {
  const budget = useBudget();
  const indicatorsRef = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (!focusIndicator) return;
    const row = indicatorsRef.current?.querySelector<HTMLTableRowElement>(`[data-testid="indicator-${focusIndicator - 1}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.querySelector<HTMLInputElement>('input[aria-label="指标值"]')?.focus({ preventScroll: true });
  }, [focusIndicator]);
  const app = useApp();
  const scope = `project:${project.code}`;
  const error: AppError | null = app.status?.scope === scope ? (app.status.detail?.error ?? null) : null;
  const setError = (e: AppError) => app.report(e, { scope });
  const [saved, setSaved] = useState(false);
  const amounts = projectAmounts(lines, project.code);

  const a = useAutosave(
    project,
    async (next) => {
      const r = await invoke('projects.update', { budget, code: project.code, project: next });
      if (r.ok) {
        setSaved(true);
        app.afterWrite();
        onSaved(r.value);
        return r.value;
      }
      setError(r.error);
      setSaved(false);
      return null;
    },
    (p) => ({ ...p, goals: p.goals.map((g) => g.trim()).filter(Boolean) }),
  );
  const draft = a.draft;
  const set = (patch: Partial<ProjectDto>) => {
    a.edit((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const setNow = (patch: Partial<ProjectDto>) => void a.commit({ ...draft, ...patch });
  const setInd = (i: number, patch: Partial<Indicator>, now = false) => {
    const indicators = draft.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x));
    if (now) setNow({ indicators });
    else set({ indicators });
  };
  const blur = () => void a.commit();
  const del = async () => {
    const r = await invoke('projects.delete', { budget, code: project.code });
    if (r.ok) {
      app.afterWrite();
      onDeleted();
    } else setError(r.error);
  };
  const bad = (f: string) => (error?.field && (error.field === f || error.field.endsWith(`.${f}`)) ? 'invalid' : undefined);

  return (
    <div data-testid="project-editor">
      <section className="panel">
        <h2>
          项目基本信息{' '}
          {saved && (
            <span className="muted" style={{ fontWeight: 400 }}>
              已保存
            </span>
          )}
        </h2>
        <ErrorView error={error} />
        <div className="row">
          <label className="field">
            <span>项目编码</span>
            <input
              name="code"
              className={bad('code')}
              value={draft.code}
              size={26}
              onChange={(e) => a.hold({ ...draft, code: e.target.value })}
              onBlur={blur}
            />
          </label>
          <label className="field wide">
            <span>项目名称</span>
            <input name="name" className={bad('name')} value={draft.name} onChange={(e) => set({ name: e.target.value })} onBlur={blur} />
          </label>
          <label className="field">
            <span>预算单位</span>
            <select name="unit" value={draft.unit} onChange={(e) => setNow({ unit: e.target.value })}>
              {!units.some((u) => u.code === draft.unit) && <option value={draft.unit}>{draft.unit}</option>}
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} {u.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="kv" style={{ marginTop: 10 }}>
          <span className="muted">预算数（元）</span>
          <span data-testid="project-amount">
            <b>{formatYuanGrouped(amounts.total)}</b>
            <span className="muted">
              　其中 财政资金 {formatYuanGrouped(amounts.fiscal)}，其他资金 {formatYuanGrouped(amounts.other)}（由预算明细中该项目的各行汇总）
            </span>
          </span>
        </div>
        <label className="field" style={{ marginTop: 10 }}>
          <span>资金用途</span>
          <textarea name="purpose" value={draft.purpose} onChange={(e) => set({ purpose: e.target.value })} onBlur={blur} rows={2} />
        </label>
        <h3>资金支出计划（累计支出比例 %）</h3>
        <div className="row">
          {PLAN.map((p) => (
            <label key={p.key} className="field">
              <span>{p.label}</span>
              <input
                name={`plan-${p.key}`}
                className={bad(p.key)}
                size={6}
                inputMode="decimal"
                value={draft.spendingPlan[p.key] ?? ''}
                onChange={(e) => set({ spendingPlan: { ...draft.spendingPlan, [p.key]: e.target.value.trim() === '' ? null : e.target.value.trim() } })}
                onBlur={blur}
              />
            </label>
          ))}
        </div>
      </section>
      <section className="panel">
        <h2>绩效目标</h2>
        <p className="muted">每行一条目标。</p>
        <textarea
          name="goals"
          aria-label="绩效目标"
          value={draft.goals.join('\n')}
          rows={Math.max(3, draft.goals.length + 1)}
          onChange={(e) => set({ goals: e.target.value.split('\n') })}
          onBlur={blur}
        />
      </section>
      <section className="panel">
        <h2>绩效指标</h2>
        <table className="plain indicators" data-testid="indicators" ref={indicatorsRef}>
          <colgroup>
            <col style={{ width: 108 }} />
            <col style={{ width: 150 }} />
            <col />
            <col />
            <col style={{ width: 58 }} />
            <col style={{ width: 70 }} />
            <col style={{ width: 64 }} />
            <col style={{ width: 110 }} />
            <col style={{ width: 56 }} />
          </colgroup>
          <thead>
            <tr>
              <th>一级指标</th>
              <th>二级指标</th>
              <th>三级指标</th>
              <th>绩效指标描述</th>
              <th>比较</th>
              <th>指标值</th>
              <th>计量单位</th>
              <th>指标值确定依据</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.indicators.map((ind, i) => {
              const l2 = INDICATOR_LEVEL2[ind.level1 as (typeof INDICATOR_LEVEL1)[number]] ?? [];
              return (
                <tr
                  key={i}
                  data-testid={`indicator-${i}`}
                  className={focusIndicator === i + 1 ? 'focused' : undefined}
                  aria-current={focusIndicator === i + 1 || undefined}
                >
                  <td>
                    <select
                      aria-label="一级指标"
                      value={ind.level1}
                      onChange={(e) => {
                        const level1 = e.target.value as (typeof INDICATOR_LEVEL1)[number];
                        setInd(i, { level1, level2: INDICATOR_LEVEL2[level1]?.[0] ?? '' }, true);
                      }}
                    >
                      {INDICATOR_LEVEL1.map((x) => (
                        <option key={x}>{x}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label="二级指标" value={ind.level2} onChange={(e) => setInd(i, { level2: e.target.value }, true)}>
                      {!l2.includes(ind.level2) && <option value={ind.level2}>{ind.level2 || '（请选择）'}</option>}
                      {l2.map((x) => (
                        <option key={x}>{x}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label="三级指标" value={ind.name} onChange={(e) => setInd(i, { name: e.target.value })} onBlur={blur} />
                  </td>
                  <td>
                    <input aria-label="绩效指标描述" value={ind.description} onChange={(e) => setInd(i, { description: e.target.value })} onBlur={blur} />
                  </td>
                  <td>
                    <select aria-label="比较" value={ind.op} onChange={(e) => setInd(i, { op: e.target.value }, true)}>
                      {INDICATOR_OPS.map((x) => (
                        <option key={x}>{x}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label="指标值" value={ind.value} onChange={(e) => setInd(i, { value: e.target.value })} onBlur={blur} />
                  </td>
                  <td>
                    <input aria-label="计量单位" value={ind.unit} onChange={(e) => setInd(i, { unit: e.target.value })} onBlur={blur} />
                  </td>
                  <td>
                    <input aria-label="指标值确定依据" value={ind.basis} onChange={(e) => setInd(i, { basis: e.target.value })} onBlur={blur} />
                  </td>
                  <td>
                    <button
                      className="btn small danger"
                      aria-label={`删除指标 ${i + 1}`}
                      onClick={() => setNow({ indicators: draft.indicators.filter((_, j) => j !== i) })}
                    >
                      删除
                    </button>
                  </td>
                </tr>
              );
            })}
            {draft.indicators.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  尚无指标。每个项目至少需要一个产出指标、一个效益指标和一个满意度指标。
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <div style={{ marginTop: 8 }}>
          <button className="btn" onClick={() => setNow({ indicators: [...draft.indicators, { ...EMPTY_INDICATOR }] })}>
            添加指标
          </button>
        </div>
        <CopyIndicators project={project} projects={projects} onCopied={onReload} />
      </section>
      <button className="btn danger" onClick={() => void del()}>
        删除项目
      </button>
    </div>
  );
}

export function ProjectsPage() {
  const projects = useBudgetLoad('projects.list');
  const lines = useBudgetLoad('lines.list');
  const units = useBudgetLoad('units.list');
  const app = useApp();
  const [selected, setSelectedRaw] = useState<string | null>(null);
  const [focusIndicator, setFocusIndicator] = useState<number | null>(null);
  // Another project is the next action: a message about the previous one goes.
  const setSelected = (code: string | null) => {
    if (code !== selected) app.clearStatus();
    setSelectedRaw(code);
  };
  const list = projects.data ?? [];
  // 定位 from 校验: select the project (and indicator) it names.
  const focusProject = app.nav.focusProject;
  useEffect(() => {
    if (focusProject === undefined || !projects.data) return;
    if (projects.data.some((p) => p.code === focusProject)) {
      setSelected(focusProject);
      setFocusIndicator(app.nav.focusIndicator ?? null);
    }
    app.clearNav();
  }, [focusProject, projects.data]);
  const current = list.find((p) => p.code === selected) ?? null;
  // The first project by default — an updater, so a 定位 choice made in the same commit (above) wins.
  useEffect(() => {
    if (!selected && list.length > 0) setSelectedRaw((s) => s ?? list[0]!.code);
  }, [list, selected]);
  // The selected project's row in view (定位 to the n-th of many).
  useEffect(() => {
    document.querySelector('[data-testid="project-list"] tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, list.length]);
  const allLines = useMemo(() => lines.data ?? [], [lines.data]);
  return (
    <div className="split">
      <div>
        <section className="panel">
          <h2>项目</h2>
          <ErrorView error={projects.error} />
          <table className="plain" data-testid="project-list">
            <thead>
              <tr>
                <th>项目</th>
                <th className="num">预算数（元）</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr
                  key={p.code}
                  className={`clickable${p.code === selected ? ' selected' : ''}`}
                  aria-selected={p.code === selected}
                  onClick={() => {
                    setSelected(p.code);
                    setFocusIndicator(null);
                  }}
                >
                  <td>
                    <div>{p.name}</div>
                    <div className="muted" style={{ fontSize: 11 }}>
                      {p.code}
                    </div>
                  </td>
                  <td className="num">{formatYuanGrouped(projectAmounts(allLines, p.code).total)}</td>
                </tr>
              ))}
              {list.length === 0 && (
                <tr>
                  <td colSpan={2} className="muted">
                    尚无项目
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
        <NewProject
          units={units.data ?? []}
          onAdded={(code) => {
            setSelected(code);
            void projects.reload();
          }}
        />
      </div>
      <div>
        {current ? (
          <ProjectEditor
            key={current.code}
            project={current}
            projects={list}
            lines={allLines}
            units={units.data ?? []}
            onReload={() => void projects.reload()}
            focusIndicator={focusIndicator}
            onSaved={(p) => {
              setSelected(p.code);
              projects.setData((prev) => (prev ?? []).map((x) => (x.code === current.code ? p : x)));
              // A new code: the engine moved the project's lines with it; the amounts follow at once.
              if (p.code !== current.code) {
                lines.setData((prev) => (prev ?? []).map((l) => (l.project === current.code ? { ...l, project: p.code } : l)));
                void lines.reload();
              }
            }}
            onDeleted={() => {
              setSelected(null);
              void projects.reload();
            }}
          />
        ) : (
          <div className="placeholder-page">请选择或新建一个项目</div>
        )}
      </div>
    </div>
  );
}
