// 下发 (issue 23): a unit's (or every unit's) starter budget file — the department and that unit, its 控制数 and
// projects without lines, the codes the department added. On 控制数 and on 开始, where a loop of files begins.
import { useState } from 'react';
import type { AppError, BudgetRef, ExportOutcome } from '../../api/contract';
import { invoke } from '../bridge';
import { useLoad } from '../state';
import { ErrorView } from './ErrorView';

export function HandoutPanel({ budget }: { budget: BudgetRef }) {
  const units = useLoad('units.list', { budget }, [budget.dept, budget.year]);
  const [unit, setUnit] = useState('');
  const [handedOut, setHandedOut] = useState<string[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  const handout = async () => {
    setError(null);
    const codes = unit ? [unit] : (units.data ?? []).map((u) => u.code);
    const out: string[] = [];
    for (const code of codes) {
      const r = await invoke('control.handout', { budget, unit: code });
      if (!r.ok) {
        setError(r.error);
        break;
      }
      const o: ExportOutcome = r.value;
      if (o.kind === 'cancelled') break;
      out.push(o.kind === 'saved' ? o.path : o.fileName);
    }
    setHandedOut(out);
  };

  return (
    <section className="panel">
      <h3>下发到单位</h3>
      <p className="muted">
        为单位生成起始预算文件：部门与该单位、单位的控制数和项目（不含明细）、部门新增的科目。单位在 BudgetDesk 中导入后即可编制，编好后报回由部门合并。
      </p>
      <ErrorView error={units.error ?? error} />
      <div className="row">
        <select data-testid="handout-unit" aria-label="下发的单位" value={unit} onChange={(e) => setUnit(e.target.value)}>
          <option value="">全部单位（每个单位一个文件）</option>
          {(units.data ?? []).map((u) => (
            <option key={u.code} value={u.code}>
              {u.code} {u.name}
            </option>
          ))}
        </select>
        <button className="btn" data-testid="handout" onClick={() => void handout()}>
          下发
        </button>
      </div>
      {handedOut.length > 0 && (
        <div className="notice" data-testid="handout-outcome">
          已生成 {handedOut.length} 个文件：{handedOut.join('、')}
        </div>
      )}
    </section>
  );
}
