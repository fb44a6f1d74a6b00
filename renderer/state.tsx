// App-wide state: the open budget, a data version that bumps after undo/redo/import (pages refetch),
// the undo/redo state and a short status message.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppError, BudgetRef, BudgetSummary, Channel, ArgsIn, EditState, RendererResult, Result } from '../electron/ipc/contract';
import { invoke } from './bridge';

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
  status: { text: string; error: boolean } | null;
  say(text: string, error?: boolean): void;
  page: string;
  /** Opens a page; with `focus`, the page selects what it names (定位 from 校验). */
  go(page: string, focus?: Omit<PageFocus, 'page'>): void;
  /** What the open page should select, until it has done so (clearFocus). */
  focus: PageFocus | null;
  clearFocus(): void;
}

/** A place on a page to select: a line (its database id), a project and one of its indicators (1-based),
 *  a 情况说明 paragraph key, a table (and row), a procurement row, a unit. */
export interface PageFocus {
  page: string;
  focusLineId?: number;
  focusProject?: string;
  focusIndicator?: number;
  focusParagraph?: string;
  focusTable?: string;
  focusRow?: string | number;
  focusUnit?: string;
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
  const [status, setStatus] = useState<AppCtx['status']>(null);
  const [page, setPage] = useState('start');
  const [focus, setFocus] = useState<PageFocus | null>(null);
  const go = useCallback((p: string, f?: Omit<PageFocus, 'page'>) => { setPage(p); setFocus(f ? { page: p, ...f } : null); }, []);
  const clearFocus = useCallback(() => setFocus(null), []);
  const budget = useMemo<BudgetRef | null>(() => (summary ? { dept: summary.dept, year: summary.year } : null), [summary]);
  const budgetRef = useRef(budget);
  budgetRef.current = budget;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const say = useCallback((text: string, error = false) => {
    setStatus({ text, error });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus(null), error ? 8000 : 4000);
  }, []);

  // Numbers the edit-state updates so that a slow edit.state answer never overwrites a newer state.
  const editSeq = useRef(0);
  const afterWrite = useCallback((state?: EditState) => {
    const my = ++editSeq.current;
    if (state) { setEdit(state); return; }
    const b = budgetRef.current;
    if (!b) return;
    void invoke('edit.state', { budget: b }).then((r) => { if (r.ok && my === editSeq.current) setEdit(r.value); });
  }, []);

  useEffect(() => { setEdit(NO_EDIT); afterWrite(); }, [budget, afterWrite]);

  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const step = useCallback(async (which: 'edit.undo' | 'edit.redo') => {
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
      afterWrite();
    }
  }, [say, afterWrite]);

  const value: AppCtx = {
    budget, summary, openBudget: setSummary, version, bump, edit, afterWrite,
    undo: () => step('edit.undo'), redo: () => step('edit.redo'), status, say, page, go, focus, clearFocus,
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
    if (r.ok) { setData(r.value); setError(null); } else setError(r.error);
  }, [channel]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void reload(); }, [reload, version, ...deps]);
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
