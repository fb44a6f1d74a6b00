// The grid's cursor: the active cell (row index into the view; the view's length is the new-line row),
// the Shift+arrow selection, moves, keeping the active row in view, revealing any row (a new one, or one
// another page asked for), and the cell editor's session.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { COLS } from '../../lib/lineFields';
import type { PickMove } from '../../components/Picker';
import { ROW_H } from './model';

/** Scrolls the grid body so that row `r` is visible below the sticky header and above the new-line row. */
function scrollRowIntoView(body: HTMLElement, headH: number, r: number): void {
  const top = r * ROW_H;
  const visible = body.clientHeight - headH - ROW_H - 4; // minus header and the sticky new-line row
  if (top < body.scrollTop) body.scrollTop = top;
  else if (top + ROW_H > body.scrollTop + visible) body.scrollTop = top + ROW_H - visible;
}

/** The new-line row, whatever the number of rows: it stays the active row while more lines arrive. */
const DRAFT = Number.MAX_SAFE_INTEGER;

export function useGridCursor(draftRow: number, bodyRef: RefObject<HTMLDivElement | null>, headRef: RefObject<HTMLDivElement | null>) {
  const [active, setActiveAt] = useState({ r: 0, c: 0 });
  const [anchorRow, setAnchorRow] = useState<number | null>(null);
  const r = Math.min(active.r, draftRow);
  const c = active.c;
  // A row index at or past the new-line row means the new-line row: lines streaming in behind it must not
  // turn it into a stored line under the clerk's typing.
  // (The row count as of now: an edit's answer moves the cursor from a closure that may predate a chunk.)
  const rows = useRef(draftRow);
  rows.current = draftRow;
  const setActive = (a: { r: number; c: number }) => setActiveAt({ r: a.r >= rows.current ? DRAFT : a.r, c: a.c });

  // Keep the active row in view: when it moves, or when rows before it went away (a filter). Lines appended
  // behind it (the stream) leave it where it is, so they do not pull back a grid the clerk scrolled.
  const shown = useRef({ r: -1, draftRow: -1 });
  useEffect(() => {
    const prev = shown.current;
    shown.current = { r, draftRow };
    const body = bodyRef.current;
    if (!body || r >= draftRow || (r === prev.r && draftRow >= prev.draftRow)) return;
    scrollRowIntoView(body, headRef.current?.offsetHeight ?? 0, r);
  }, [r, draftRow, bodyRef, headRef]);

  const selection = useMemo(() => {
    if (r >= draftRow) return [] as number[];
    const a = anchorRow === null ? r : Math.min(anchorRow, draftRow - 1);
    const lo = Math.min(a, r),
      hi = Math.max(a, r);
    const out: number[] = [];
    for (let i = lo; i <= hi; i++) out.push(i);
    return out;
  }, [anchorRow, r, draftRow]);

  const move = (dr: number, dc: number, extend = false) => {
    let nr = r,
      nc = c + dc;
    if (nc >= COLS.length) {
      nc = 0;
      nr++;
    } else if (nc < 0) {
      nc = COLS.length - 1;
      nr--;
    }
    nr = Math.max(0, Math.min(draftRow, nr + dr));
    if (extend) {
      if (anchorRow === null) setAnchorRow(r);
    } else setAnchorRow(null);
    setActive({ r: nr, c: nc });
  };

  /** Where focus goes after a committed edit. */
  const after = (m: PickMove) => {
    if (m === 'down') {
      if (r === draftRow) move(0, 1);
      else move(1, 0);
    } else if (m === 'right') move(0, 1);
    else if (m === 'left') move(0, -1);
  };

  /** Scrolls row `row` into view without moving the cursor (a newly added line while the clerk keeps
   *  typing in the new-line row). */
  const reveal = (row: number) => {
    const body = bodyRef.current;
    if (body && row >= 0 && row < draftRow) scrollRowIntoView(body, headRef.current?.offsetHeight ?? 0, row);
  };

  return { active, setActive, r, c, anchorRow, setAnchorRow, selection, move, after, reveal, draftRow };
}

export type GridCursor = ReturnType<typeof useGridCursor>;

export interface Editing {
  initial: string;
  anchor: DOMRect | null;
  session: number;
}

/** The open cell editor. Each editor has a session; one that was closed by a key ignores its own late blur. */
export function useEditorSession() {
  const [editing, setEditing] = useState<Editing | null>(null);
  const sessionRef = useRef(0);
  const openEditor = (initial: string, anchor: DOMRect | null) => {
    sessionRef.current++;
    setEditing({ initial, anchor, session: sessionRef.current });
  };
  const closeEditor = () => {
    sessionRef.current++;
    setEditing(null);
  };
  return { editing, openEditor, closeEditor, sessionRef };
}

export type EditorSession = ReturnType<typeof useEditorSession>;
