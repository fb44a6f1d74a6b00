import { useEffect, useState } from 'react';
import { useApp, useBudgetLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { TableView, type PreviewTable } from '../components/TableView';

export function PreviewPage() {
  const q = useBudgetLoad('tables.preview');
  const tables = (q.data ?? []) as unknown as PreviewTable[];
  const [tab, setTab] = useState(0);
  const t = tables[Math.min(tab, tables.length - 1)];
  // 定位 from 校验: open the table the finding names.
  const app = useApp();
  const focusTable = app.nav.focusTable;
  useEffect(() => {
    if (focusTable === undefined || !q.data) return;
    const i = tables.findIndex((x) => x.id === focusTable);
    if (i >= 0) setTab(i);
    app.clearNav();
  }, [focusTable, q.data]);
  return (
    <div>
      <ErrorView error={q.error} />
      <div className="tabs" role="tablist">
        {tables.map((x, i) => (
          <button key={x.id} role="tab" aria-selected={i === tab} className={i === tab ? 'active' : undefined} onClick={() => setTab(i)}>
            {x.no}. {x.name}
          </button>
        ))}
      </div>
      {q.loading && !q.data && <p className="muted">正在生成报表…</p>}
      {t && <TableView table={t} />}
    </div>
  );
}
