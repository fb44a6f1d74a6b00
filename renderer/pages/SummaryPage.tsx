// 汇总: for a finance bureau whose database holds several departments of a year — 部门汇总表 (one row per
// department, 未定稿 marked) and the 12 tables over all departments' lines, previewed with the one
// TableView and exported as one workbook.
import { useEffect, useState } from 'react';
import type { AppError, ExportOutcome } from '../../api/contract';
import { invoke } from '../bridge';
import { useLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { TableView, type PreviewTable } from '../components/TableView';

export function SummaryPage() {
  const years = useLoad('summary.years', {}, []);
  const [year, setYear] = useState<number | null>(null);
  const list = years.data?.years ?? [];
  useEffect(() => {
    if (year === null && list.length) setYear(list[list.length - 1]!.year);
  }, [list, year]);
  const q = useLoad('summary.get', year === null ? null : { year }, [year]);
  const tables = (q.data?.tables ?? []) as unknown as PreviewTable[];
  const [tab, setTab] = useState(0);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const t = tables[Math.min(tab, tables.length - 1)];
  const exportIt = async () => {
    if (year === null) return;
    const r = await invoke('summary.workbook', { year });
    if (r.ok) {
      setOutcome(r.value);
      setError(null);
    } else setError(r.error);
  };
  return (
    <div>
      <ErrorView error={years.error ?? q.error ?? error} />
      {years.data && list.length === 0 && <p className="muted">数据库中没有哪一年有两个以上部门的预算，无需汇总。</p>}
      {list.length > 0 && (
        <div className="row">
          <label className="field">
            <span>汇总年度</span>
            <select
              value={year ?? ''}
              onChange={(e) => {
                setYear(Number(e.target.value));
                setTab(0);
              }}
              aria-label="汇总年度"
            >
              {list.map((y) => (
                <option key={y.year} value={y.year}>
                  {y.year} 年（{y.departments} 个部门）
                </option>
              ))}
            </select>
          </label>
          <button className="btn primary" onClick={() => void exportIt()} disabled={year === null}>
            导出汇总工作簿（.xlsx）
          </button>
        </div>
      )}
      {outcome && outcome.kind !== 'cancelled' && (
        <div className="notice" data-testid="summary-outcome">
          {outcome.kind === 'saved' ? `已保存到 ${outcome.path}` : `已下载：${outcome.fileName}`}
        </div>
      )}
      {q.data && q.data.departments.some((d) => !d.finalized) && (
        <div className="notice">
          有 {q.data.departments.filter((d) => !d.finalized).length} 个部门的预算尚未定稿，汇总数可能还会变动（部门汇总表中标“未定稿”）。
        </div>
      )}
      <div className="tabs" role="tablist">
        {tables.map((x, i) => (
          <button key={x.id} role="tab" aria-selected={i === tab} className={i === tab ? 'active' : undefined} onClick={() => setTab(i)}>
            {x.no ? `${x.no}. ` : ''}
            {x.name}
          </button>
        ))}
      </div>
      {q.loading && year !== null && !q.data && <p className="muted">正在汇总…</p>}
      {t && <TableView table={t} />}
    </div>
  );
}

/** Whether 汇总 is offered: some year of the open database holds several departments. Asked again on
 *  every page change and data version (a database opened or a budget imported on 开始). */
export function useSummaryAvailable(page: string, version: number): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    void invoke('summary.years', {}).then((r) => {
      if (live) setAvailable(r.ok && r.value.years.length > 0);
    });
    return () => {
      live = false;
    };
  }, [page, version]);
  return available;
}
