import { useEffect, useRef } from 'react';
import { AppProvider, useApp } from './state';
import { PAGES, TOPBAR_SLOTS } from './pages/registry';
import { useSummaryAvailable } from './pages/SummaryPage';
import { ErrorView, PageBoundary } from './components/ErrorView';
import { bridgeMode, invoke, onMenu } from './bridge';

/** The window title (Electron shows it in the title bar): budget, database file, app name. */
export function windowTitle(summary: { dept: string; deptName: string; year: number } | null, dbPath: string | null): string {
  const parts: string[] = [];
  if (summary) parts.push(`${summary.dept} ${summary.deptName} ${summary.year}年`);
  if (dbPath) parts.push(dbPath.split(/[\\/]/).pop() ?? dbPath);
  parts.push('部门预算编制台');
  return parts.join(' — ');
}

/** Whether a key event belongs to a text field's own editing (its native undo, typing …). */
export function inTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.dataset.gridSink !== undefined) return false; // the 预算明细 grid's key sink is not a text field
  return (
    t.isContentEditable ||
    t instanceof HTMLTextAreaElement ||
    t instanceof HTMLSelectElement ||
    (t instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(t.type))
  );
}

function Shell() {
  const app = useApp();
  const pageId = app.page;
  const setPageId = app.go;
  const page = PAGES.find((p) => p.id === pageId) ?? PAGES[0]!;
  const usable = !page.needsBudget || app.budget;
  const appRef = useRef(app);
  appRef.current = app;

  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) undo/redo budget edits, except inside a text field,
  // where they keep their native meaning.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || inTextField(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void appRef.current.undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        void appRef.current.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(
    () =>
      onMenu((ev) => {
        const app = appRef.current;
        if (ev.type === 'undo') void app.undo();
        else if (ev.type === 'redo') void app.redo();
        else if (ev.type === 'export-workbook' || ev.type === 'export-pdf' || ev.type === 'export-budget-file') app.go('export');
        else if (ev.type === 'db-changed' || ev.type === 'budget-imported') {
          app.openBudget(null);
          app.go('start');
          app.bump();
        } else if (ev.type === 'error') app.say(ev.error.message, true);
      }),
    [],
  );

  useEffect(() => {
    if (!app.budget && page.needsBudget) setPageId('start');
  }, [app.budget, page.needsBudget]);

  // Title: refetch the database path whenever the budget or the data version changes (open/create/restore).
  const summary = app.summary;
  useEffect(() => {
    let live = true;
    void invoke('db.status', {}).then((r) => {
      if (live) document.title = windowTitle(summary, r.ok && r.value.open ? r.value.path : null);
    });
    return () => {
      live = false;
    };
  }, [summary?.dept, summary?.deptName, summary?.year, app.version, app.page]);

  const finalized = Boolean(app.summary?.finalized && page.needsBudget && usable);
  const summaryAvailable = useSummaryAvailable(page.id, app.version);

  return (
    <div className="app">
      <nav className="nav" aria-label="主导航">
        <div className="brand">
          部门预算编制台<small>BudgetDesk</small>
        </div>
        {app.summary && (
          <div className="current" data-testid="current-budget">
            <b>
              {app.summary.dept} {app.summary.deptName}
            </b>
            <br />
            预算年度：{app.summary.year}
          </div>
        )}
        {PAGES.filter((p) => !p.whenSeveralDepartments || summaryAvailable || p.id === page.id).map((p) => (
          <button
            key={p.id}
            className={`item${p.id === page.id ? ' active' : ''}`}
            disabled={p.needsBudget && !app.budget}
            aria-current={p.id === page.id ? 'page' : undefined}
            onClick={() => setPageId(p.id)}
          >
            {p.label}
          </button>
        ))}
        <div className="spacer" />
        <div className="mode">{bridgeMode() === 'browser' ? '浏览器模式' : bridgeMode() === 'test' ? '测试模式' : '桌面版'}</div>
      </nav>
      <div className="main">
        <header className="topbar">
          <h1>{page.label}</h1>
          {TOPBAR_SLOTS.map((S, i) => (
            <S key={i} />
          ))}
          <div className="grow" />
          {app.status && !app.status.detail && !app.status.scope && (
            <span className={`topbar-status ${app.status.error ? 'field-error' : 'muted'}`} role="status" title={app.status.text}>
              {app.status.text}
            </span>
          )}
          {app.budget && (
            <>
              <button
                className="btn"
                disabled={!app.edit.canUndo}
                title={app.edit.undoLabel ? `撤销：${app.edit.undoLabel}（Ctrl+Z）` : '撤销（Ctrl+Z）'}
                onClick={() => void app.undo()}
              >
                撤销
              </button>
              <button
                className="btn"
                disabled={!app.edit.canRedo}
                title={app.edit.redoLabel ? `重做：${app.edit.redoLabel}（Ctrl+Y）` : '重做（Ctrl+Y）'}
                onClick={() => void app.redo()}
              >
                重做
              </button>
            </>
          )}
        </header>
        <main className={`content${page.fill ? ' fill' : ''}`}>
          {finalized && (
            <div className="readonly-banner" role="note" data-testid="readonly-banner">
              {app.summary!.year} 年预算已定稿，只读：不能修改。如需修改，请先点击顶部的“解除定稿”。
            </div>
          )}
          {app.status?.detail && !app.status.scope && (
            <div className="status-detail" data-testid="status-detail">
              <ErrorView error={app.status.detail.error} rowLabel={app.status.detail.rowLabel} />
              <button className="btn small" onClick={() => app.clearStatus()}>
                关闭
              </button>
            </div>
          )}
          <PageBoundary name={page.label}>
            {/* 定稿: a disabled fieldset disables every control of an editing page at once (the engine
                refuses writes anyway); pages with their own keyboard editing (grid) handle it themselves. */}
            {usable ? (
              page.lockWhenFinal ? (
                <fieldset className="page-lock" disabled={finalized}>
                  {page.render()}
                </fieldset>
              ) : (
                page.render()
              )
            ) : null}
          </PageBoundary>
        </main>
      </div>
    </div>
  );
}

export function App() {
  return (
    <AppProvider>
      <Shell />
    </AppProvider>
  );
}
