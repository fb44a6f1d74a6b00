// 预算明细's lines, streamed: a first chunk small enough to paint at once, then large chunks (keyset on the
// last id, lines.chunk) appended behind it until the budget's count is reached. A newer load (data version
// bump, another budget, reload after a write) cancels an older one.
//
// A reload of the same budget keeps what the grid shows: the fresh lines replace the shown ones from the
// first id on, and the shown lines beyond the last fresh id stay until their chunk arrives (both are in id
// order, so the list stays in id order). The grid neither empties nor jumps while 300,000 lines stream again
// after an add, a delete or an undo.
import { useCallback, useEffect, useRef, useState } from 'react';
import { lineOfRow, type AppError, type BudgetRef, type LineDto } from '../../../api/contract';
import { invoke } from '../../bridge';
import { useApp } from '../../state';

/** The first chunk: a screenful and more, answered in a few milliseconds whatever the budget's size. */
export const FIRST_CHUNK = 500;
/** The chunks behind it: large enough that a 300,000-line budget is a few round trips, small enough that
 *  a cell edit made meanwhile waits for one chunk at most (the engine answers one request at a time). */
export const CHUNK = 20_000;

interface StreamState {
  /** The lines shown, in id order: `fresh` of them from this load, then (during a reload) the rest of the last one. */
  lines: LineDto[] | null;
  fresh: number;
  /** The budget's line count, from the latest chunk; null before the first answer. */
  total: number | null;
  complete: boolean;
  error: AppError | null;
}

const EMPTY: StreamState = { lines: null, fresh: 0, total: null, complete: false, error: null };

/** The first index in `lines` from `from` on whose id is greater than `id` (lines in id order). */
function after(lines: readonly LineDto[], id: number, from = 0): number {
  let lo = from,
    hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function useLinesStream(budget: BudgetRef) {
  const { version } = useApp();
  const [state, setState] = useState<StreamState>(EMPTY);
  const seq = useRef(0);
  /** Lines a write answered during this load: a chunk asked for before the write must not bring back the old values. */
  const puts = useRef(new Map<number, LineDto>());
  const budgetKey = `${budget.dept}/${budget.year}`;
  const shownKey = useRef(budgetKey);

  /** Streams the budget's lines; resolves once the first chunk is shown (or refused). */
  const reload = useCallback((): Promise<void> => {
    const my = ++seq.current;
    const ref = { dept: budget.dept, year: budget.year };
    puts.current = new Map();
    // Another budget: nothing of the last one may stay on screen.
    if (shownKey.current !== budgetKey) {
      shownKey.current = budgetKey;
      setState(EMPTY);
    }
    let firstShown!: () => void;
    const first = new Promise<void>((ok) => {
      firstShown = ok;
    });
    void (async () => {
      let last = 0;
      let loaded = 0;
      for (let limit = FIRST_CHUNK; ; limit = CHUNK) {
        const r = await invoke('lines.chunk', { budget: ref, after: last, limit });
        if (my !== seq.current) break; // a newer load superseded this one
        if (!r.ok) {
          setState((s) => ({ ...s, error: r.error }));
          break;
        }
        const patched = r.value.rows.map((row) => puts.current.get(row[0]) ?? lineOfRow(row));
        loaded += patched.length;
        const done = patched.length < limit || loaded >= r.value.total;
        if (patched.length) last = patched[patched.length - 1]!.id;
        setState((s) => {
          const shown = s.lines ?? [];
          // The previous load's lines beyond this chunk stay until theirs arrives; when done, none stay.
          const rest = done ? [] : shown.slice(after(shown, last, s.fresh));
          return { lines: shown.slice(0, s.fresh).concat(patched, rest), fresh: loaded, total: r.value.total, complete: done, error: null };
        });
        firstShown();
        if (done) break;
      }
      firstShown();
    })();
    // Until the first chunk arrives the state still says the last load was complete: mark it loading now.
    setState((s) => ({ ...s, fresh: 0, complete: false, error: null }));
    return first;
  }, [budget.dept, budget.year, budgetKey]);

  useEffect(() => {
    void reload();
    return () => {
      seq.current++;
    };
  }, [reload, version]);

  /** A line a write answered (lines.update): put in its place at once. */
  const putLine = useCallback((line: LineDto) => {
    puts.current.set(line.id, line);
    setState((s) => {
      if (!s.lines) return s;
      const i = after(s.lines, line.id - 1);
      if (s.lines[i]?.id !== line.id) return s;
      const lines = s.lines.slice();
      lines[i] = line;
      return { ...s, lines };
    });
  }, []);

  return {
    data: state.lines,
    /** Lines of this load so far, and the budget's count (null until the first chunk answers). */
    loaded: state.fresh,
    total: state.total,
    /** Every line of this load is in `data`: sorting and filtering see the whole budget. */
    complete: state.complete,
    loading: !state.complete && state.error === null,
    error: state.error,
    putLine,
    reload,
  };
}

export type LinesStream = ReturnType<typeof useLinesStream>;
