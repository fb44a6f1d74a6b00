import { useEffect, useState } from 'react';
import { useApp, useBudget, useLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { TableView, type PreviewTable } from '../components/TableView';

/** Blocks (projects) of the 绩效目标表 shown at a time: 4,000 projects are 300,000 cells. */
const BLOCKS_PER_PAGE = 50;

// One table per tab, derived when its tab is opened: the 12 tables of a large department are tens of MB,
// and the clerk reads one at a time; the 绩效目标表 a page of projects at a time.
export function PreviewPage() {
  const budget = useBudget();
  const list = useLoad('tables.list', {}, []);
  const tabs = list.data ?? [];
  const [tab, setTab] = useState(0);
  const [page, setPage] = useState(0);
  const entry = tabs[Math.min(tab, tabs.length - 1)];
  const id = entry?.id ?? 'summary';
  const paged = entry?.layout === 'form';
  const blocks = paged ? { blocks: { from: page * BLOCKS_PER_PAGE, count: BLOCKS_PER_PAGE } } : {};
  const q = useLoad('tables.preview', { budget, table: id, ...blocks }, [budget.dept, budget.year, id, paged ? page : 0]);
  const t = ((q.data ?? []) as unknown as PreviewTable[]).find((x) => x.id === id);
  const open = (i: number) => {
    setTab(i);
    setPage(0);
  };
  // 定位 from 校验: open the table the finding names.
  const app = useApp();
  const focusTable = app.nav.focusTable;
  useEffect(() => {
    if (focusTable === undefined || !list.data) return;
    const i = tabs.findIndex((x) => x.id === focusTable);
    if (i >= 0) open(i);
    app.clearNav();
  }, [focusTable, list.data]);
  const range = t?.layout === 'form' ? t.blockRange : undefined;
  return (
    <div>
      <ErrorView error={list.error ?? q.error} />
      <div className="tabs" role="tablist">
        {tabs.map((x, i) => (
          <button key={x.id} role="tab" aria-selected={i === tab} className={i === tab ? 'active' : undefined} onClick={() => open(i)}>
            {x.no}. {x.name}
          </button>
        ))}
      </div>
      {q.loading && !t && <p className="muted">正在生成报表…</p>}
      {range && range.total > BLOCKS_PER_PAGE && <Pager from={range.from} total={range.total} loading={q.loading} onPage={setPage} />}
      {t && <TableView table={t} />}
    </div>
  );
}

/** “项目 51–100，共 4,000 个” with 上一页 / 下一页. */
function Pager({ from, total, loading, onPage }: { from: number; total: number; loading: boolean; onPage(p: number): void }) {
  const page = Math.floor(from / BLOCKS_PER_PAGE);
  const pages = Math.ceil(total / BLOCKS_PER_PAGE);
  const n = (x: number) => x.toLocaleString('zh-CN');
  return (
    <div className="pager" data-testid="block-pager">
      <button disabled={page === 0 || loading} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      <span>
        项目 {n(from + 1)}–{n(Math.min(total, from + BLOCKS_PER_PAGE))}，共 {n(total)} 个（第 {n(page + 1)} / {n(pages)} 页）
      </span>
      <button disabled={page + 1 >= pages || loading} onClick={() => onPage(page + 1)}>
        下一页
      </button>
    </div>
  );
}
