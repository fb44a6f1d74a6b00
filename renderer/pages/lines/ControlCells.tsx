// 预算明细's 控制数 panel: the ceilings the current line falls in, with 已编, 差额 and status, fetched again
// whenever the line's cell changes or the totals are refreshed after an edit.
import { useEffect, useState } from 'react';
import type { LineDto, RendererResult } from '../../../api/contract';
import { invoke } from '../../bridge';
import { useBudget } from '../../state';

type Figure = RendererResult<'control.forLine'>[number];

export function ControlCells({ line, refresh }: { line: LineDto | undefined; refresh: unknown }) {
  const budget = useBudget();
  const [rows, setRows] = useState<Figure[]>([]);
  const { unit, source, kind, project, carryover } = line ?? {};
  useEffect(() => {
    if (!unit || !source || !kind) {
      setRows([]);
      return;
    }
    let live = true;
    void invoke('control.forLine', { budget, unit, source, kind, carryover: !!carryover, ...(project ? { project } : {}) }).then((r) => {
      if (live) setRows(r.ok ? r.value : []);
    });
    return () => {
      live = false;
    };
  }, [budget.dept, budget.year, unit, source, kind, project, carryover, refresh]);
  if (!rows.length) return null;
  return (
    <div className="totals" data-testid="control-cells" aria-live="polite">
      {rows.map((f) => (
        <div key={f.key} data-status={f.status}>
          <span>{f.label}</span>
          <b>
            控制数 {f.amount} · 已编 {f.planned} · 差额 {f.diff}（{f.status}）
          </b>
        </div>
      ))}
    </div>
  );
}
