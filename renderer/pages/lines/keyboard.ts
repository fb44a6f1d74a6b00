// The grid's keys while no cell editor has focus, as in a spreadsheet: arrows, PageUp/Down, Home/End,
// Tab, Enter, F2, Escape, Space on a toggle, Delete, Ctrl+Delete, and typing starts an edit.
import type { KeyboardEvent } from 'react';
import type { LineField } from '../../../core/validate-line';
import { COLS } from '../../lib/lineFields';
import type { PickMove } from '../../components/Picker';
import type { GridCursor } from './cursor';
import { ROW_H } from './model';

export interface GridKeyActions {
  cursor: GridCursor;
  /** Height of the grid's window, for PageUp/PageDown. */
  windowHeight: number;
  startEdit(initial?: string): void;
  commit(row: number, field: LineField, raw: string | boolean, m: PickMove): void;
  submitDraft(): void;
  deleteSelected(): void;
  /** Escape: drop the selection and the messages about the grid. */
  dismiss(): void;
}

export function gridKeyDown(e: KeyboardEvent<HTMLDivElement>, a: GridKeyActions): void {
  if (e.nativeEvent.isComposing || e.key === 'Process') return; // IME: the sink's input event starts the edit
  const { cursor } = a;
  const { r, c, draftRow, move, setActive } = cursor;
  const col = COLS[c]!;
  const ctrl = e.ctrlKey || e.metaKey;
  const page = Math.max(1, Math.floor(a.windowHeight / ROW_H) - 2);
  switch (e.key) {
    case 'ArrowDown':
      e.preventDefault();
      move(ctrl ? draftRow : 1, 0, e.shiftKey);
      return;
    case 'ArrowUp':
      e.preventDefault();
      move(ctrl ? -draftRow : -1, 0, e.shiftKey);
      return;
    case 'ArrowRight':
      e.preventDefault();
      if (c < COLS.length - 1) move(0, 1);
      return;
    case 'ArrowLeft':
      e.preventDefault();
      if (c > 0) move(0, -1);
      return;
    case 'PageDown':
      e.preventDefault();
      move(page, 0, e.shiftKey);
      return;
    case 'PageUp':
      e.preventDefault();
      move(-page, 0, e.shiftKey);
      return;
    case 'Home':
      e.preventDefault();
      if (ctrl) setActive({ r: 0, c: 0 });
      else setActive({ r, c: 0 });
      return;
    case 'End':
      e.preventDefault();
      if (ctrl) setActive({ r: draftRow, c: COLS.length - 1 });
      else setActive({ r, c: COLS.length - 1 });
      return;
    case 'Tab':
      // Tab leaves the grid from its last cell (forward) or first cell (backward): no keyboard trap.
      if (!e.shiftKey && r === draftRow && c === COLS.length - 1) return;
      if (e.shiftKey && r === 0 && c === 0) return;
      e.preventDefault();
      move(0, e.shiftKey ? -1 : 1);
      return;
    case 'Enter':
      e.preventDefault();
      if (r === draftRow && (ctrl || c === COLS.length - 1)) a.submitDraft();
      else if (r === draftRow) move(0, 1);
      else move(e.shiftKey ? -1 : 1, 0);
      return;
    case 'F2':
      e.preventDefault();
      a.startEdit();
      return;
    case 'Escape':
      a.dismiss();
      return;
    case ' ':
      if (col.editor === 'toggle') {
        e.preventDefault();
        a.startEdit();
      }
      return;
    case 'Delete':
    case 'Backspace':
      e.preventDefault();
      if (ctrl) a.deleteSelected();
      else if (col.key === 'memo' || col.key === 'project' || r === draftRow) a.commit(r, col.key, col.editor === 'toggle' ? false : '', 'none');
      return;
    default:
      if (!ctrl && !e.altKey && e.key.length === 1) {
        e.preventDefault();
        a.startEdit(col.editor === 'toggle' ? undefined : e.key);
      }
  }
}
