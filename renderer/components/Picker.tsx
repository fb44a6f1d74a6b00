// Keyboard-first pickers shown in a popover under a grid cell: the popover, the list keys they share,
// and a filterable option list. The catalog picker lives in CatalogPicker.tsx.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface PickOption {
  value: string;
  label: string;
  hint?: string;
  disabled?: boolean;
}

/** How the picker was closed: a value, or null (Escape / click outside); `move` says where focus goes next. */
export type PickMove = 'down' | 'right' | 'left' | 'none';

export interface PopoverProps {
  anchor: DOMRect | null;
  initialQuery: string;
  onPick(value: string, move: PickMove): void;
  onCancel(): void;
  placeholder: string;
  hint?: string;
}

export function Popover({ anchor, children, onCancel }: { anchor: DOMRect | null; children: React.ReactNode; onCancel(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number }>({ left: 0, top: 0 });
  useLayoutEffect(() => {
    if (!anchor) return;
    const w = 540,
      h = 380;
    let top = anchor.bottom + 2;
    if (top + h > window.innerHeight) top = Math.max(4, anchor.top - h - 2);
    setPos({ left: Math.max(4, Math.min(anchor.left, window.innerWidth - w - 8)), top });
  }, [anchor]);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onCancel();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onCancel]);
  return (
    <div ref={ref} className="popover" role="dialog" style={{ left: pos.left, top: pos.top }}>
      {children}
    </div>
  );
}

/** The highlighted entry and the keys both pickers share: ↑/↓ move over enabled entries, Esc cancels,
 *  Enter/Tab/Shift+Tab call `commit` with where focus goes next; `onStep` hears the clerk move. */
export function useListKeys(count: number, isEnabled: (i: number) => boolean, onCancel: () => void, onStep?: () => void) {
  const [hl, setHl] = useState(0);
  // Keep the highlighted entry visible while moving with the arrow keys.
  useEffect(() => {
    document.querySelector('.popover .opt.hl')?.scrollIntoView({ block: 'nearest' });
  }, [hl]);
  const first = () => {
    for (let i = 0; i < count; i++) if (isEnabled(i)) return i;
    return -1;
  };
  const step = (d: number) => {
    let i = hl < 0 ? (d > 0 ? -1 : count) : hl; // nothing highlighted: ↓ goes to the first, ↑ to the last
    for (let n = 0; n < count; n++) {
      i = (i + d + count) % count;
      if (isEnabled(i)) {
        setHl(i);
        return;
      }
    }
  };
  const onKey = (commit: (move: PickMove) => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      step(1);
      onStep?.();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      step(-1);
      onStep?.();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else {
      const move = keyMove(e);
      if (!move) return;
      e.preventDefault();
      e.stopPropagation();
      commit(move);
    }
  };
  return { hl, setHl, first, onKey };
}

function keyMove(e: KeyboardEvent): PickMove | null {
  if (e.key === 'Enter') return 'down';
  if (e.key === 'Tab') return e.shiftKey ? 'left' : 'right';
  return null;
}

export function OptionPicker({ options, ...p }: PopoverProps & { options: PickOption[] }) {
  const [query, setQuery] = useState(p.initialQuery);
  const q = query.trim().toLowerCase();
  const shown = q
    ? options.filter((o) => o.value.toLowerCase().includes(q) || o.label.toLowerCase().includes(q) || (o.hint ?? '').toLowerCase().includes(q))
    : options;
  const keys = useListKeys(shown.length, (i) => !shown[i]?.disabled, p.onCancel);
  useEffect(() => {
    keys.setHl(Math.max(0, keys.first()));
  }, [query]);
  const onKey = keys.onKey((move) => {
    const o = shown[keys.hl];
    if (o && !o.disabled) p.onPick(o.value, move);
    else if (q === '') p.onCancel();
  });
  return (
    <Popover anchor={p.anchor} onCancel={p.onCancel}>
      <input autoFocus aria-label={p.placeholder} placeholder={p.placeholder} value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKey} />
      <div className="list" role="listbox">
        {shown.map((o, i) => (
          <div
            key={o.value}
            role="option"
            aria-selected={i === keys.hl}
            aria-disabled={o.disabled || undefined}
            className={`opt${i === keys.hl ? ' hl' : ''}${o.disabled ? ' disabled' : ''}`}
            onMouseEnter={() => !o.disabled && keys.setHl(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              if (!o.disabled) p.onPick(o.value, 'none');
            }}
          >
            <span className="name">{o.label}</span>
            {o.hint && <span className="crumbs">{o.hint}</span>}
          </div>
        ))}
        {shown.length === 0 && <div className="opt disabled">没有匹配的选项</div>}
      </div>
      {p.hint && <div className="hint">{p.hint}</div>}
    </Popover>
  );
}
