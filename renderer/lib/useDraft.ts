import { useEffect, useRef, useState } from 'react';

/** Local edits of a stored value. The draft follows the stored value only when that changes from
 *  outside (undo, reload) — never when the answer to our own save comes back, which would wipe
 *  whatever the clerk typed meanwhile. */
export function useDraft<T>(stored: T) {
  const [draft, setDraft] = useState(stored);
  const last = useRef(JSON.stringify(stored));
  useEffect(() => {
    const j = JSON.stringify(stored);
    if (j !== last.current) { last.current = j; setDraft(stored); }
  }, [stored]);
  return {
    draft,
    setDraft,
    /** Whether v differs from what is stored. */
    changed: (v: T) => JSON.stringify(v) !== last.current,
    /** Record what the engine stored (its answer to our save). */
    saved: (v: T) => { last.current = JSON.stringify(v); },
  };
}
