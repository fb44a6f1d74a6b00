// One cell of the 预算明细 grid: how a value shows (code + name, project name, grouped amount, the
// new-line row's placeholders), its text editor when it is being edited, and the mouse.
import type { ReactNode } from 'react';
import type { LineField } from '../../../core/validate-line';
import { COLS, cellText, type Lookup } from '../../lib/lineFields';
import { grouped } from '../../lib/format';
import type { PickMove } from '../../components/Picker';

interface TextEditorProps {
  label: string;
  num: boolean;
  initial: string;
  onCommit(v: string, m: PickMove): void;
  onCancel(): void;
  /** Blur: commits unless the editor was already closed by a key. */
  onBlur(v: string): void;
}

function CellTextEditor(p: TextEditorProps) {
  return (
    <input
      className="editor"
      autoFocus
      defaultValue={p.initial}
      aria-label={p.label}
      inputMode={p.num ? 'decimal' : undefined}
      onFocus={(e) => {
        const n = e.target.value.length;
        e.target.setSelectionRange(n, n);
      }}
      onKeyDown={(e) => {
        const v = e.currentTarget.value;
        if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          p.onCommit(v, 'down');
        } else if (e.key === 'Tab') {
          e.preventDefault();
          e.stopPropagation();
          p.onCommit(v, e.shiftKey ? 'left' : 'right');
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          p.onCancel();
        }
      }}
      onBlur={(e) => p.onBlur(e.currentTarget.value)}
    />
  );
}

export interface GridCellProps {
  rowIdx: number;
  ci: number;
  value: string | boolean | null;
  bad: string | undefined;
  isDraft: boolean;
  isActive: boolean;
  look: Lookup;
  /** Set while this cell's text editor is open. */
  textEditor: Omit<TextEditorProps, 'label' | 'num'> | null;
  onMouseDown(e: React.MouseEvent, editingHere: boolean): void;
  onDoubleClick(): void;
}

function display(field: LineField, value: string | boolean | null, look: Lookup): ReactNode {
  if (field === 'amount') return grouped(value as string);
  if (field === 'project' && value) {
    // Project codes are long; the name says more in a narrow column (the code is in the tooltip).
    const p = look.projects.find((x) => x.code === value);
    return p ? p.name : String(value);
  }
  if ((field === 'function' || field === 'economic' || field === 'unit') && value) {
    const t = cellText(field, value, look);
    const sp = t.indexOf(' ');
    return sp > 0 ? (
      <>
        <span className="code">{t.slice(0, sp)}</span>
        <span className="nm">{t.slice(sp + 1)}</span>
      </>
    ) : (
      t
    );
  }
  return cellText(field, value, look);
}

export function GridCell({ rowIdx, ci, value, bad, isDraft, isActive, look, textEditor, onMouseDown, onDoubleClick }: GridCellProps) {
  const col = COLS[ci]!;
  const editingHere = textEditor !== null;
  let content: ReactNode = editingHere ? <CellTextEditor label={col.label} num={col.num === true} {...textEditor} /> : display(col.key, value, look);
  if (isDraft && !editingHere && (value === '' || value === null)) content = <span className="placeholder">{col.label}</span>;
  return (
    <div
      data-cell={`${isDraft ? 'd' : rowIdx}:${ci}`}
      role="gridcell"
      aria-selected={isActive || undefined}
      className={`cell${col.num ? ' num' : ''}${isActive ? ' active' : ''}${bad ? ' bad' : ''}${isDraft && !value ? ' placeholder' : ''}`}
      title={bad ?? (value !== null && value !== '' && typeof value !== 'boolean' ? cellText(col.key, value, look) : undefined)}
      onMouseDown={(e) => onMouseDown(e, editingHere)}
      onDoubleClick={onDoubleClick}
    >
      {content}
    </div>
  );
}
