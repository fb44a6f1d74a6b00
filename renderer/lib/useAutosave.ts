// A clerk's edits of a stored value, stored as they are typed (issue 20): `edit` (a keystroke) saves after
// AUTOSAVE_MS of quiet, `commit` (a field left, an option chosen, a button) saves now, and a page hidden,
// reloaded or closed saves at once over a request that outlives the page (renderer/bridge.ts
// `duringUnload`). A crash loses at most the last AUTOSAVE_MS of typing. Saves of one value run one after
// another; each is one undo step (one per pause in typing, as one per field left was before).
import { useCallback, useEffect, useRef, useState } from 'react';
import { duringUnload } from '../bridge';

const AUTOSAVE_MS = 600;

/** Every mounted value with unsaved typing: flushed when the page goes away. */
const pending = new Set<() => void>();
let listening = false;
function flushAllForUnload(): void {
  duringUnload(() => {
    for (const flush of [...pending]) flush();
  });
}
function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('pagehide', flushAllForUnload);
  window.addEventListener('beforeunload', flushAllForUnload);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAllForUnload();
  });
}

const same = <T>(a: T) => a;
/** JSON with object keys sorted: the engine's answer and a reloaded list may order a record's keys differently. */
const canon = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );

/**
 * `stored`: the value as the engine holds it; the draft follows it only when it changes from outside (undo,
 * reload), never on the answer to our own save, which would wipe what was typed meanwhile.
 * `save(v)`: stores v, resolves to the stored value (null when refused; the caller shows why).
 * `normalize`: the value to store for a draft (e.g. blank lines dropped); the draft itself keeps what is typed
 * until the field is left.
 */
export function useAutosave<T>(stored: T, save: (v: T) => Promise<T | null>, normalize: (v: T) => T = same) {
  const [draft, setDraftState] = useState(stored);
  const draftRef = useRef(stored);
  /** JSON of what the engine holds, and of the last value we sent (its answer may be formatted differently). */
  const held = useRef(canon(stored));
  const heldValue = useRef(stored);
  const sent = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** A key field (a code) is being typed: nothing is stored until it is left, or the page goes away. */
  const holding = useRef(false);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef(save);
  saveRef.current = save;
  const normRef = useRef(normalize);
  normRef.current = normalize;

  const setDraft = (v: T) => {
    draftRef.current = v;
    setDraftState(v);
  };
  useEffect(() => {
    const j = canon(stored);
    if (j === held.current || j === sent.current) return;
    held.current = j;
    heldValue.current = stored;
    sent.current = null;
    // Typing not yet stored wins over a value that changed meanwhile (it is stored next).
    if (timer.current === null && !holding.current) setDraft(stored);
  }, [stored]);

  /** The value to store, or null when the engine already holds it. */
  const due = (): T | null => {
    const v = normRef.current(draftRef.current);
    const j = canon(v);
    return j === held.current || j === sent.current ? null : v;
  };
  const store = async (v: T, settle: boolean) => {
    const typed = canon(draftRef.current);
    sent.current = canon(v);
    const r = await saveRef.current(v);
    if (r === null) {
      sent.current = null;
      return;
    }
    held.current = canon(r);
    heldValue.current = r;
    // A field left shows what was stored (e.g. 1000 → 1000.00), unless the clerk typed on meanwhile.
    if (settle && canon(draftRef.current) === typed) setDraft(r);
  };
  const cancelTimer = () => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
  };
  /** Queues a save of the latest draft after those already running. */
  const flush = useCallback((settle: boolean) => {
    cancelTimer();
    chain.current = chain.current.then(() => {
      const v = due();
      return v === null ? undefined : store(v, settle);
    });
    return chain.current;
  }, []);
  /** The page is going away: send now (not after the queue), over a request that survives unload. */
  const flushNow = useCallback(() => {
    cancelTimer();
    const v = due();
    if (v !== null) void store(v, false);
  }, []);

  useEffect(() => {
    listen();
    pending.add(flushNow);
    // Leaving the page (another 页面 of the app) stores what is typed.
    return () => {
      pending.delete(flushNow);
      flushNow();
    };
  }, [flushNow]);

  return {
    draft,
    /** Typing: the draft changes, stored after a pause. */
    edit(next: T | ((d: T) => T)) {
      setDraft(typeof next === 'function' ? (next as (d: T) => T)(draftRef.current) : next);
      cancelTimer();
      if (!holding.current) timer.current = setTimeout(() => void flush(false), AUTOSAVE_MS);
    },
    /** Typing in a key field (a code that names the record): stored when the field is left, not on a pause. */
    hold(next: T) {
      setDraft(next);
      cancelTimer();
      holding.current = true;
    },
    /** A field left, an option chosen: the draft (normalized) is stored now. */
    commit(next?: T) {
      holding.current = false;
      setDraft(normRef.current(next ?? draftRef.current));
      return flush(true);
    },
    /** Escape: back to what is stored. */
    reset() {
      cancelTimer();
      holding.current = false;
      setDraft(heldValue.current);
    },
  };
}
