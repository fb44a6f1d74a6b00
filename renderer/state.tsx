// App-wide state: the open budget, a data version that bumps after undo/redo/import (pages refetch),
// the undo/redo state, the one status message, and the page with its navigation state.
//
// Status (one mechanism for every page): `say` shows a line in the top bar, `report` an engine error with
// its refused rows as a panel. A message lasts until the next action replaces or clears it: another
// message, any successful write (afterWrite), undo/redo, opening another budget or page, or clearStatus.
// A message with a `scope` (e.g. 'project:P1') is shown by the page where it belongs, and only there.
//
// Navigation: `go(page, nav)` opens a page with optional state, e.g. go('lines', { focusLineId: 42 })
// opens 预算明细 with that line selected (校验 定位 uses it); the page reads `app.nav` and calls
// `app.clearNav()` once it has acted on it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppError, BudgetRef, BudgetSummary, Channel, ArgsIn, EditState, RendererResult, Result } from '../api/contract';
import { invoke } from './bridge';
import { readSession, writeSession } from './lib/session';

/** What a page is opened with; each page reads the fields it knows. A place to select (定位 from 校验):
 *  a line (its database id), a project and one of its indicators (1-based), a 情况说明 paragraph key,
 *  a table (and row), a procurement row, a unit. */
export interface NavState {
  focusLineId?: number;
  focusProject?: string;
  focusIndicator?: number;
  focusParagraph?: string;
  focusTable?: string;
  focusRow?: string | number;
  focusUnit?: string;
  /** 固定资产: the 1-based row, or 0 for the table as a whole. */
  focusAsset?: number;
  /** A part of a page to scroll to and focus (e.g. 往年对比's 新建年度 form: 'new-year'). */
  focusSection?: string;
}

export interface Status {
  text: string;
  error: boolean;
  /** An engine error with its refused rows, shown as a panel; rowLabel names a row as the clerk sees it. */
  detail?: { error: AppError; rowLabel?: (row: number) => string };
  /** Shown only by the part of a page that asks for this scope (never in the top bar's panel). */
  scope?: string;
}

export interface AppCtx {
  budget: BudgetRef | null;
  summary: BudgetSummary | null;
  openBudget(s: BudgetSummary | null): void;
  /** Bumps after changes made elsewhere (undo/redo/import): loaders refetch. */
  version: number;
  bump(): void;
  edit: EditState;
  /** Call after every successful write: refreshes undo/redo availability (`state`: the write already
   *  returned it, no extra round trip). */
  afterWrite(state?: EditState): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  status: Status | null;
  say(text: string, error?: boolean): void;
  /** An engine refusal as the status, with its rows (see Status). */
  report(error: AppError, opts?: { rowLabel?: (row: number) => string; scope?: string }): void;
  clearStatus(): void;
  page: string;
  go(page: string, nav?: NavState): void;
  nav: NavState;
  clearNav(): void;
}

const NO_EDIT: EditState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };
const Ctx = createContext<AppCtx | null>(null);

export function useApp(): AppCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error('useApp outside AppProvider');
  return c;
}

/** The open budget; pages that need one are only shown when it is set. */
export function useBudget(): BudgetRef {
  const { budget } = useApp();
  if (!budget) throw new Error('no budget open');
  return budget;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [summary, setSummary] = useState<BudgetSummary | null>(null);
  const [version, setVersion] = useState(0);
  const [edit, setEdit] = useState<EditState>(NO_EDIT);
  const [status, setStatus] = useState<Status | null>(null);
  const [page, setPage] = useState('start');
  const [nav, setNav] = useState<NavState>({});
  const budget = useMemo<BudgetRef | null>(() => (summary ? { dept: summary.dept, year: summary.year } : null), [summary]);
  const budgetRef = useRef(budget);
  budgetRef.current = budget;
  const summaryRef = useRef(summary);
  summaryRef.current = summary;

  // Clearing happens in the same tick as the action, never in an effect: a message said right after
  // (open budget, then say what was done) must survive.
  const say = useCallback((text: string, error = false) => setStatus({ text, error }), []);
  const report = useCallback((error: AppError, opts: { rowLabel?: (row: number) => string; scope?: string } = {}) => {
    setStatus({
      text: error.message,
      error: true,
      detail: { error, ...(opts.rowLabel ? { rowLabel: opts.rowLabel } : {}) },
      ...(opts.scope ? { scope: opts.scope } : {}),
    });
  }, []);
  const clearStatus = useCallback(() => setStatus(null), []);
  const pageRef = useRef(page);
  pageRef.current = page;
  /** The clerk has navigated since start: a reload's restore (below) no longer applies. */
  const touched = useRef(false);
  const go = useCallback((next: string, state: NavState = {}) => {
    touched.current = true;
    if (pageRef.current !== next) setStatus(null);
    setPage(next);
    setNav(state);
  }, []);
  const clearNav = useCallback(() => setNav({}), []);
  const openBudget = useCallback((s: BudgetSummary | null) => {
    touched.current = true;
    const prev = summaryRef.current;
    if (!s || !prev || s.dept !== prev.dept || s.year !== prev.year || s.finalized !== prev.finalized) setStatus(null);
    setSummary(s);
  }, []);

  // Numbers the edit-state updates so that a slow edit.state answer never overwrites a newer state.
  const editSeq = useRef(0);
  const refreshEdit = useCallback((state?: EditState) => {
    const my = ++editSeq.current;
    if (state) {
      setEdit(state);
      return;
    }
    const b = budgetRef.current;
    if (!b) return;
    void invoke('edit.state', { budget: b }).then((r) => {
      if (r.ok && my === editSeq.current) setEdit(r.value);
    });
  }, []);

  const afterWrite = useCallback(
    (state?: EditState) => {
      setStatus(null); // a write is the next action: the previous message is about something older
      refreshEdit(state);
    },
    [refreshEdit],
  );

  useEffect(() => {
    setEdit(NO_EDIT);
    refreshEdit();
  }, [budget, refreshEdit]);

  const bump = useCallback(() => setVersion((v) => v + 1), []);

  // A reload keeps the database, budget and page (lib/session.ts): restore once at start, then record.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const saved = readSession();
    if (!saved?.budget) {
      setRestored(true);
      return;
    }
    const want = saved.budget;
    void (async () => {
      try {
        let st = await invoke('db.status', {});
        if (st.ok && !st.value.open && saved.dbPath) st = await invoke('db.open', { path: saved.dbPath });
        if (!st.ok || !st.value.open || (saved.dbPath && st.value.path !== saved.dbPath)) return;
        const list = await invoke('budgets.list', {});
        const s = list.ok ? list.value.find((b) => b.dept === want.dept && b.year === want.year) : undefined;
        // Only when the clerk has not opened something in the meantime.
        if (s && !touched.current) {
          setSummary(s);
          setPage(saved.page);
        }
      } finally {
        setRestored(true);
      }
    })();
  }, []);
  // Written at once on every change, so a reload right after a click keeps it; the database path is
  // asked for only when the budget changes and then completes the record.
  const dbPathRef = useRef<string | null>(null);
  useEffect(() => {
    if (!restored) return;
    if (!budget) {
      dbPathRef.current = null;
      writeSession({ dbPath: null, budget: null, page: pageRef.current });
      return;
    }
    writeSession({ dbPath: dbPathRef.current, budget, page: pageRef.current });
    let live = true;
    void invoke('db.status', {}).then((r) => {
      if (!live) return;
      dbPathRef.current = r.ok ? r.value.path : null;
      writeSession({ dbPath: dbPathRef.current, budget, page: pageRef.current });
    });
    return () => {
      live = false;
    };
  }, [restored, budget]);
  useEffect(() => {
    if (restored) writeSession({ dbPath: dbPathRef.current, budget: budgetRef.current, page });
  }, [restored, page]);

  const step = useCallback(
    async (which: 'edit.undo' | 'edit.redo') => {
      const b = budgetRef.current;
      if (!b) return;
      const r = await invoke(which, { budget: b });
      if (r.ok) {
        const { applied, ...state } = r.value;
        editSeq.current++;
        setEdit(state);
        say(`${which === 'edit.undo' ? '已撤销' : '已重做'}：${applied}`);
        setVersion((v) => v + 1);
      } else {
        say(r.error.message, true);
        refreshEdit();
      }
    },
    [say, refreshEdit],
  );

  const value: AppCtx = {
    budget,
    summary,
    openBudget,
    version,
    bump,
    edit,
    afterWrite,
    undo: () => step('edit.undo'),
    redo: () => step('edit.redo'),
    status,
    say,
    report,
    clearStatus,
    page,
    go,
    nav,
    clearNav,
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** Loads one channel's data; refetches when deps or the app's data version change. */
export function useLoad<K extends Channel>(channel: K, args: ArgsIn<K> | null, deps: unknown[]) {
  const { version } = useApp();
  const [data, setData] = useState<RendererResult<K> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const argsRef = useRef(args);
  argsRef.current = args;
  const reload = useCallback(async () => {
    const a = argsRef.current;
    if (!a) return;
    const my = ++seq.current;
    setLoading(true);
    const r: Result<RendererResult<K>> = await invoke(channel, a);
    if (my !== seq.current) return; // a newer load superseded this one
    setLoading(false);
    if (r.ok) {
      setData(r.value);
      setError(null);
    } else setError(r.error);
  }, [channel]);

  useEffect(() => {
    void reload();
  }, [reload, version, ...deps]);
  /** Data a write already returned: shown at once, and a load still in flight may not overwrite it. */
  const put = useCallback((value: RendererResult<K>) => {
    seq.current++;
    setLoading(false);
    setData(value);
    setError(null);
  }, []);
  return { data, setData, put, error, loading, reload };
}

/** Channels whose whole argument is the open budget (optional fields aside). */
type BudgetChannel = { [K in Channel]: { budget: BudgetRef } extends ArgsIn<K> ? K : never }[Channel];

/** useLoad for the open budget: the pages' common case, refetched when the budget changes. */
export function useBudgetLoad<K extends BudgetChannel>(channel: K) {
  const budget = useBudget();
  return useLoad(channel, { budget } as ArgsIn<K>, [budget.dept, budget.year]);
}
