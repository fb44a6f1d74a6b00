import { useEffect, useState } from 'react';
import { useApp, useBudget, useLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { TableView, type PreviewTable } from '../components/TableView';

// One table per tab, derived when its tab is opened: the 12 tables of a large department are tens of MB,
// and the clerk reads one at a time.
export function PreviewPage() {
  const budget = useBudget();
  const list = useLoad('tables.list', {}, []);
  const tabs = list.data ?? [];
  const [tab, setTab] = useState(0);
  const id = tabs[Math.min(tab, tabs.length - 1)]?.id ?? 'summary';
  const q = useLoad('tables.preview', { budget, table: id }, [budget.dept, budget.year, id]);
  const t = ((q.data ?? []) as unknown as PreviewTable[]).find((x) => x.id === id);
  // 定位 from 校验: open the table the finding names.
  const app = useApp();
  const focusTable = app.nav.focusTable;
  useEffect(() => {
    if (focusTable === undefined || !list.data) return;
    const i = tabs.findIndex((x) => x.id === focusTable);
    if (i >= 0) setTab(i);
    app.clearNav();
  }, [focusTable, list.data]);
  return (
    <div>
      <ErrorView error={list.error ?? q.error} />
      <div className="tabs" role="tablist">
        {tabs.map((x, i) => (
          <button key={x.id} role="tab" aria-selected={i === tab} className={i === tab ? 'active' : undefined} onClick={() => setTab(i)}>
            {x.no}. {x.name}
          </button>
        ))}
      </div>
      {q.loading && !t && <p className="muted">正在生成报表…</p>}
      {t && <TableView table={t} />}
    </div>
  );
}
