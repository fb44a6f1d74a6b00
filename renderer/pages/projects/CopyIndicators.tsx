// 复制绩效指标: all indicators of another project of this year, or of last year's project of the same
// name, added to the open project in one undoable step (projects.copyIndicators).
import { useEffect, useState } from 'react';
import type { ProjectDto } from '../../../api/contract';
import { invoke } from '../../bridge';
import { useApp, useBudget } from '../../state';

interface Source {
  key: string;
  label: string;
  from: { year?: number; code: string };
}

export function CopyIndicators({ project, projects, onCopied }: { project: ProjectDto; projects: ProjectDto[]; onCopied(): void }) {
  const budget = useBudget();
  const app = useApp();
  const [lastYear, setLastYear] = useState<ProjectDto[]>([]);
  const [choice, setChoice] = useState('');
  useEffect(() => {
    let live = true;
    // Last year's budget may not be in this database: then there is simply nothing to offer from it.
    void invoke('projects.list', { budget: { dept: budget.dept, year: budget.year - 1 } }).then((r) => {
      if (live) setLastYear(r.ok ? r.value : []);
    });
    return () => {
      live = false;
    };
  }, [budget.dept, budget.year, app.version]);

  const sources: Source[] = [
    ...lastYear
      .filter((p) => p.name.trim() === project.name.trim() && p.indicators.length > 0)
      .map((p) => ({
        key: `y:${p.code}`,
        label: `${budget.year - 1} 年同名项目“${p.name}”（${p.indicators.length} 条指标）`,
        from: { year: budget.year - 1, code: p.code },
      })),
    ...projects
      .filter((p) => p.code !== project.code && p.indicators.length > 0)
      .map((p) => ({ key: `p:${p.code}`, label: `本年项目“${p.name}”（${p.indicators.length} 条指标）`, from: { code: p.code } })),
  ];
  const picked = sources.find((s) => s.key === choice) ?? sources[0];
  if (sources.length === 0) return null;

  const copy = async () => {
    if (!picked) return;
    const r = await invoke('projects.copyIndicators', { budget, code: project.code, from: picked.from });
    if (!r.ok) {
      app.report(r.error, { scope: `project:${project.code}` });
      return;
    }
    app.afterWrite();
    onCopied();
    app.say(
      r.value.copied > 0
        ? `已复制 ${r.value.copied} 条绩效指标${r.value.skipped ? `（${r.value.skipped} 条已有，未重复添加）` : ''}（可撤销）`
        : '这些绩效指标本项目都已有，未添加',
    );
  };

  return (
    <div className="row" data-testid="copy-indicators" style={{ marginTop: 8, alignItems: 'center', gap: 6 }}>
      <span className="muted">复制指标自</span>
      <select aria-label="复制指标自" value={picked?.key ?? ''} onChange={(e) => setChoice(e.target.value)}>
        {sources.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </select>
      <button className="btn" onClick={() => void copy()}>
        复制全部指标
      </button>
    </div>
  );
}
