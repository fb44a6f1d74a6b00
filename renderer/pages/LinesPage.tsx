// 预算明细: the line grid. Keyboard-first like a spreadsheet (arrows, Tab, Enter, F2, typing starts an
// edit), a picker per coded column, paste of an Excel block (all rows or none), sorting, a filter per
// column, live totals, and windowed rendering so 30,000 lines stay fluid. Every cell edit is saved at
// once through lines.update; the engine validates and answers with a Chinese message naming the field.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ClipboardEvent } from 'react';
import type { AppError, LineDto, LineInput } from '../../electron/ipc/contract';
import { LINE_KIND_NAMES, LINE_KINDS, SOURCE_NAMES, SOURCES } from '../../core/model';
import type { LineField } from '../../core/validate-line';
import { LINE_FIELD_LABELS } from '../../core/validate-line';
import { invoke } from '../bridge';
import { useApp, useBudget, useBudgetLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { CatalogPicker, OptionPicker, type PickMove, type PickOption } from '../components/Picker';
import { useWindow } from '../components/useWindow';
import { COLS, GRID_TEMPLATE, cellText, pasteColumns, pastedLine, type Lookup } from '../lib/lineFields';
import { parseTsv } from '../lib/tsv';
import { fenOf, grouped } from '../lib/format';

const ROW_H = 28;
type LineChanges = Partial<LineInput>;
type Draft = { [K in LineField]: K extends 'carryover' ? boolean : string };
type Sort = { field: LineField; dir: 1 | -1 } | null;
interface Editing { initial: string; anchor: DOMRect | null; session: number }
interface CellError { row: number | 'draft'; field: LineField; message: string }

function emptyDraft(prev?: Draft, unit = ''): Draft {
  return {
    unit: prev?.unit || unit, function: prev?.function ?? '', economic: '', kind: prev?.kind ?? 'basic', source: prev?.source ?? 'general',
    carryover: prev?.carryover ?? false, amount: '', project: prev?.project ?? '', memo: '',
  };
}

function lineValue(line: LineDto | Draft, f: LineField): string | boolean | null {
  return (line as Record<LineField, string | boolean | null>)[f];
}

function useCatalogNames(year: number) {
  const [names, setNames] = useState<Lookup['names']>({ function: new Map(), economic: new Map() });
  const { version } = useApp();
  useEffect(() => {
    let live = true;
    void Promise.all([
      invoke('catalog.search', { year, kind: 'function', query: '', limit: 5000 }),
      invoke('catalog.search', { year, kind: 'economic', query: '', limit: 5000 }),
    ]).then(([f, e]) => {
      if (!live) return;
      setNames({
        function: new Map(f.ok ? f.value.map((h) => [h.code, h.name]) : []),
        economic: new Map(e.ok ? e.value.map((h) => [h.code, h.name]) : []),
      });
    });
    return () => { live = false; };
  }, [year, version]);
  return names;
}

export function LinesPage() {
  const budget = useBudget();
  const app = useApp();
  // 定稿: the engine refuses every write anyway; the grid stays navigable and copyable but opens no editor.
  const locked = app.summary?.finalized === true;
  const refuse = () => { setNotice('本年度预算已定稿，只读：如需修改请先“解除定稿”'); return true; };
  const linesQ = useBudgetLoad('lines.list');
  const totalsQ = useBudgetLoad('budget.totals');
  const unitsQ = useBudgetLoad('units.list');
  const projectsQ = useBudgetLoad('projects.list');
  const names = useCatalogNames(budget.year);
  const lines = useMemo(() => linesQ.data ?? [], [linesQ.data]);
  const look: Lookup = useMemo(() => ({ units: unitsQ.data ?? [], projects: projectsQ.data ?? [], names }), [unitsQ.data, projectsQ.data, names]);

  const [sort, setSort] = useState<Sort>(null);
  const [filters, setFilters] = useState<Partial<Record<LineField, string>>>({});
  const [active, setActive] = useState({ r: 0, c: 0 });
  const [anchorRow, setAnchorRow] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [cellError, setCellError] = useState<CellError | null>(null);
  const [banner, setBanner] = useState<{ error: AppError; rowLabel?: (r: number) => string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft());
  const [draftErrors, setDraftErrors] = useState<Partial<Record<LineField, string>>>({});
  const [pasteOpen, setPasteOpen] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  /** A line whose kind is being set to 项目支出, waiting for its project. */
  const pendingKind = useRef<number | null>(null);
  /** The focused element while no cell is being edited: a transparent input, so that IME input
   *  (Chinese) can start an edit as Latin keys do. */
  const sinkRef = useRef<HTMLInputElement>(null);
  /** Each editor has a session; one that was closed by a key ignores its own late blur. */
  const sessionRef = useRef(0);
  const openEditor = (initial: string, anchor: DOMRect | null) => { sessionRef.current++; setEditing({ initial, anchor, session: sessionRef.current }); };
  const closeEditor = () => { sessionRef.current++; setEditing(null); };

  // The only unit is the obvious default for a new line.
  useEffect(() => {
    if (!draft.unit && look.units.length > 0) setDraft((d) => ({ ...d, unit: look.units[0]!.code }));
  }, [look.units, draft.unit]);

  // ---- view: filter then sort (indices into `lines`)
  const view = useMemo(() => {
    const active = (Object.entries(filters) as [LineField, string][]).filter(([, v]) => v.trim() !== '');
    let idx = lines.map((_, i) => i);
    if (active.length) {
      const fs = active.map(([f, v]) => [f, v.trim().toLowerCase()] as const);
      idx = idx.filter((i) => fs.every(([f, q]) => {
        const l = lines[i]!;
        const t = f === 'amount' ? `${l.amount} ${grouped(l.amount)}` : cellText(f, lineValue(l, f), look);
        return t.toLowerCase().includes(q);
      }));
    }
    if (sort) {
      const { field, dir } = sort;
      if (field === 'amount') {
        const fen = lines.map((l) => fenOf(l.amount));
        idx.sort((a, b) => (fen[a]! < fen[b]! ? -dir : fen[a]! > fen[b]! ? dir : a - b));
      } else {
        const key = lines.map((l) => cellText(field, lineValue(l, field), look));
        idx.sort((a, b) => (key[a]! < key[b]! ? -dir : key[a]! > key[b]! ? dir : a - b));
      }
    }
    return idx;
  }, [lines, filters, sort, look]);

  const draftRow = view.length;
  const r = Math.min(active.r, draftRow);
  const win = useWindow(bodyRef, view.length, ROW_H);

  const refreshTotals = useCallback(() => { void totalsQ.reload(); app.afterWrite(); }, [totalsQ, app]);

  const focusGrid = () => sinkRef.current?.focus({ preventScroll: true });

  // 定位 from 校验: select the line it names, clearing the filters that hide it.
  const focusLineId = app.focus?.page === 'lines' ? app.focus.focusLineId : undefined;
  useEffect(() => {
    if (focusLineId === undefined || !linesQ.data) return;
    const at = lines.findIndex((l) => l.id === focusLineId);
    const pos = at < 0 ? -1 : view.indexOf(at);
    if (at >= 0 && pos < 0) { setFilters({}); return; } // runs again with the unfiltered view
    if (pos >= 0) { setActive({ r: pos, c: 0 }); setAnchorRow(null); focusGrid(); }
    app.clearFocus();
  }, [focusLineId, linesQ.data, lines, view]);

  // Keep the active row in view.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || r >= draftRow) return;
    const headH = headRef.current?.offsetHeight ?? 0;
    const top = r * ROW_H;
    const visible = body.clientHeight - headH - ROW_H - 4; // minus header and the sticky new-line row
    if (top < body.scrollTop) body.scrollTop = top;
    else if (top + ROW_H > body.scrollTop + visible) body.scrollTop = top + ROW_H - visible;
  }, [r, draftRow]);

  const selection = useMemo(() => {
    if (r >= draftRow) return [] as number[];
    const a = anchorRow === null ? r : Math.min(anchorRow, draftRow - 1);
    const lo = Math.min(a, r), hi = Math.max(a, r);
    const out: number[] = [];
    for (let i = lo; i <= hi; i++) out.push(i);
    return out;
  }, [anchorRow, r, draftRow]);

  const move = (dr: number, dc: number, extend = false) => {
    let nr = r, nc = active.c + dc;
    if (nc >= COLS.length) { nc = 0; nr++; } else if (nc < 0) { nc = COLS.length - 1; nr--; }
    nr = Math.max(0, Math.min(draftRow, nr + dr));
    if (extend) { if (anchorRow === null) setAnchorRow(r); } else setAnchorRow(null);
    setActive({ r: nr, c: nc });
  };

  const after = (m: PickMove) => {
    if (m === 'down') { if (r === draftRow) move(0, 1); else move(1, 0); }
    else if (m === 'right') move(0, 1);
    else if (m === 'left') move(0, -1);
  };

  // ---- writes
  const commit = async (row: number, field: LineField, raw: string | boolean, m: PickMove) => {
    if (locked) { refuse(); return; }
    closeEditor();
    if (row === draftRow) {
      setDraft((d) => ({ ...d, [field]: raw }));
      setDraftErrors((e) => ({ ...e, [field]: undefined }));
      setCellError(null);
      after(m);
      focusGrid();
      return;
    }
    const line = lines[view[row]!];
    if (!line) return;
    const cur = lineValue(line, field);
    const value = typeof raw === 'string' && (field === 'project' || field === 'memo') && raw.trim() === '' ? null : raw;
    if (value === cur || (value === null && (cur === null || cur === ''))) { setCellError(null); after(m); focusGrid(); return; }
    const changes: LineChanges = { [field]: value };
    const projectCol = COLS.findIndex((c) => c.key === 'project');
    // 项目支出 needs its project: with one project it is the obvious one, otherwise the clerk picks it
    // next and both fields are stored together.
    if (field === 'kind' && value === 'project' && !line.project) {
      if (look.projects.length === 1) changes.project = look.projects[0]!.code;
      else {
        pendingKind.current = line.id;
        setActive({ r: row, c: projectCol });
        const el = gridRef.current?.querySelector(`[data-cell="${row}:${projectCol}"]`);
        openEditor('', el?.getBoundingClientRect() ?? null);
        return;
      }
    }
    if (field === 'project' && pendingKind.current === line.id) changes.kind = 'project';
    pendingKind.current = null;
    const res = await invoke('lines.update', { budget, id: line.id, changes });
    if (res.ok) {
      setCellError(null);
      // One round trip: the update answers with the new totals and undo state as well.
      const { totals, edit, ...updated } = res.value;
      linesQ.setData((prev) => (prev ?? []).map((l) => (l.id === updated.id ? updated : l)));
      totalsQ.put(totals);
      app.afterWrite(edit);
      after(m);
      focusGrid();
    } else {
      setCellError({ row: line.id, field, message: res.error.message });
      // A refused text value stays in its editor so the clerk can correct it.
      const col = COLS.findIndex((c) => c.key === field);
      if (COLS[col]?.editor === 'text' && typeof raw === 'string') openEditor(raw, null);
      else focusGrid();
    }
  };

  const submitDraft = async () => {
    if (locked) { refuse(); return; }
    const input: LineInput = {
      unit: draft.unit, function: draft.function, economic: draft.economic, kind: draft.kind, source: draft.source,
      carryover: draft.carryover, amount: draft.amount, project: draft.project || null, memo: draft.memo || null,
    };
    // With a single project, a 项目支出 line obviously belongs to it.
    if (input.kind === 'project' && !input.project && look.projects.length === 1) input.project = look.projects[0]!.code;
    if (input.kind !== 'project') input.project = null;
    const res = await invoke('lines.add', { budget, lines: [input] });
    if (res.ok) {
      setDraftErrors({});
      setBanner(null);
      setNotice('已添加 1 行');
      setDraft((d) => emptyDraft(d));
      await linesQ.reload();
      refreshTotals();
      setActive({ r: Number.MAX_SAFE_INTEGER, c: COLS.findIndex((c) => c.key === 'economic') });
      focusGrid();
    } else {
      const errs: Partial<Record<LineField, string>> = {};
      for (const e of res.error.rows ?? []) if (e.field) errs[e.field as LineField] = e.message;
      if (res.error.field) errs[res.error.field as LineField] = res.error.message;
      setDraftErrors(errs);
      setBanner({ error: res.error, rowLabel: () => '新增行' });
      focusGrid();
    }
  };

  const addPasted = async (text: string): Promise<boolean> => {
    if (locked) { refuse(); return false; }
    const rows = parseTsv(text);
    if (rows.length === 0) return false;
    const { fields, header } = pasteColumns(rows[0]!);
    const body = header ? rows.slice(1) : rows;
    if (body.length === 0) return false;
    const input = body.map((cells) => pastedLine(cells, fields, look));
    const res = await invoke('lines.add', { budget, lines: input });
    const offset = header ? 2 : 1;
    if (res.ok) {
      setBanner(null);
      setNotice(`已从粘贴内容添加 ${res.value.ids.length} 行`);
      await linesQ.reload();
      refreshTotals();
      return true;
    }
    setNotice(null);
    setBanner({
      error: { ...res.error, message: `粘贴的 ${body.length} 行均未添加：${res.error.message}` },
      rowLabel: (i) => {
        const f = res.error.rows?.find((x) => x.row === i)?.field;
        return `粘贴第 ${i + offset} 行${f && f in LINE_FIELD_LABELS ? `（${LINE_FIELD_LABELS[f as LineField]}）` : ''}`;
      },
    });
    return false;
  };

  const deleteSelected = async () => {
    if (locked) { refuse(); return; }
    const ids = selection.map((i) => lines[view[i]!]?.id).filter((x): x is number => typeof x === 'number');
    if (ids.length === 0) return;
    const res = await invoke('lines.delete', { budget, ids });
    if (res.ok) {
      setNotice(`已删除 ${res.value.deleted} 行（可撤销）`);
      setAnchorRow(null);
      await linesQ.reload();
      refreshTotals();
    } else setBanner({ error: res.error });
  };

  const startEdit = (initial?: string) => {
    if (locked) { refuse(); return; }
    const col = COLS[active.c]!;
    const cur = r === draftRow ? lineValue(draft, col.key) : lineValue(lines[view[r]!]!, col.key);
    if (col.editor === 'toggle') { void commit(r, col.key, !(cur === true), 'none'); return; }
    const el = gridRef.current?.querySelector(`[data-cell="${r === draftRow ? 'd' : r}:${active.c}"]`);
    openEditor(initial ?? (cur === null || cur === true || cur === false ? '' : String(cur)), el?.getBoundingClientRect() ?? null);
  };

  // ---- keyboard on the grid (not while a cell editor has focus)
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || (e.target !== sinkRef.current && e.target !== gridRef.current)) return;
    if (e.nativeEvent.isComposing || e.key === 'Process') return; // IME: the sink's input event starts the edit
    const col = COLS[active.c]!;
    const ctrl = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowDown': e.preventDefault(); move(ctrl ? draftRow : 1, 0, e.shiftKey); return;
      case 'ArrowUp': e.preventDefault(); move(ctrl ? -draftRow : -1, 0, e.shiftKey); return;
      case 'ArrowRight': e.preventDefault(); if (active.c < COLS.length - 1) move(0, 1); return;
      case 'ArrowLeft': e.preventDefault(); if (active.c > 0) move(0, -1); return;
      case 'PageDown': e.preventDefault(); move(Math.max(1, Math.floor(win.height / ROW_H) - 2), 0, e.shiftKey); return;
      case 'PageUp': e.preventDefault(); move(-Math.max(1, Math.floor(win.height / ROW_H) - 2), 0, e.shiftKey); return;
      case 'Home': e.preventDefault(); if (ctrl) setActive({ r: 0, c: 0 }); else setActive({ r, c: 0 }); return;
      case 'End': e.preventDefault(); if (ctrl) setActive({ r: draftRow, c: COLS.length - 1 }); else setActive({ r, c: COLS.length - 1 }); return;
      case 'Tab':
        // Tab leaves the grid from its last cell (forward) or first cell (backward): no keyboard trap.
        if (!e.shiftKey && r === draftRow && active.c === COLS.length - 1) return;
        if (e.shiftKey && r === 0 && active.c === 0) return;
        e.preventDefault(); move(0, e.shiftKey ? -1 : 1); return;
      case 'Enter':
        e.preventDefault();
        if (r === draftRow && (ctrl || active.c === COLS.length - 1)) void submitDraft();
        else if (r === draftRow) move(0, 1);
        else move(e.shiftKey ? -1 : 1, 0);
        return;
      case 'F2': e.preventDefault(); startEdit(); return;
      case 'Escape': setAnchorRow(null); setBanner(null); setCellError(null); return;
      case ' ': if (col.editor === 'toggle') { e.preventDefault(); startEdit(); } return;
      case 'Delete': case 'Backspace':
        e.preventDefault();
        if (ctrl) void deleteSelected();
        else if (col.key === 'memo' || col.key === 'project' || r === draftRow) void commit(r, col.key, col.editor === 'toggle' ? false : '', 'none');
        return;
      default:
        if (!ctrl && !e.altKey && e.key.length === 1) { e.preventDefault(); startEdit(col.editor === 'toggle' ? undefined : e.key); }
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing || (e.target !== sinkRef.current && e.target !== gridRef.current)) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const rows = parseTsv(text);
    const col = COLS[active.c]!;
    // One value into one cell, as a spreadsheet does; a block adds lines.
    if (rows.length === 1 && rows[0]!.length === 1 && col.editor !== 'toggle') void commit(r, col.key, rows[0]![0]!.trim(), 'none');
    else void addPasted(text);
  };

  // Copy: the selected rows as a block Excel (and this grid's paste) reads back.
  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing || e.target !== sinkRef.current || r >= draftRow) return;
    const fields: LineField[] = ['unit', 'function', 'economic', 'kind', 'source', 'amount', 'project', 'memo'];
    const text = selection.map((i) => {
      const l = lines[view[i]!]!;
      return fields.map((f) => {
        const v = lineValue(l, f);
        if (f === 'kind' || f === 'source') return cellText(f, v, look);
        return v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' ');
      }).join('\t');
    }).join('\r\n');
    e.preventDefault();
    e.clipboardData.setData('text/plain', text);
    setNotice(`已复制 ${selection.length} 行`);
  };

  // ---- pickers
  const unitOptions: PickOption[] = look.units.map((u) => ({ value: u.code, label: `${u.code} ${u.name}`, hint: u.nature }));
  const kindOptions: PickOption[] = LINE_KINDS.map((k) => ({ value: k, label: LINE_KIND_NAMES[k] }));
  const sourceOptions: PickOption[] = SOURCES.map((s) => ({ value: s, label: SOURCE_NAMES[s] }));
  const projectOptions: PickOption[] = [{ value: ' ', label: '（无项目）' }, ...look.projects.map((p) => ({ value: p.code, label: p.name, hint: p.code }))];

  const editor = () => {
    if (!editing) return null;
    const col = COLS[active.c]!;
    const done = (v: string, m: PickMove) => void commit(r, col.key, col.key === 'project' ? v.trim() : v, m);
    const cancel = () => { pendingKind.current = null; closeEditor(); focusGrid(); };
    const common = { anchor: editing.anchor, initialQuery: editing.initial, onPick: done, onCancel: cancel, placeholder: `选择${col.label}` };
    switch (col.editor) {
      // key: a new editing session is a new picker (its own query), even on the same column type.
      case 'catalog': return <CatalogPicker key={editing.session} {...common} year={budget.year} kind={col.key as 'function' | 'economic'} placeholder={col.key === 'function' ? '搜索功能科目：编码前缀或名称' : '搜索经济科目：编码前缀或名称'} />;
      case 'unit': return <OptionPicker key={editing.session} {...common} options={unitOptions} />;
      case 'kind': return <OptionPicker key={editing.session} {...common} options={kindOptions} />;
      case 'source': return <OptionPicker key={editing.session} {...common} options={sourceOptions} />;
      case 'project': return <OptionPicker key={editing.session} {...common} options={projectOptions} />;
      default: return null;
    }
  };

  const textEditor = (rowIdx: number, ci: number) => {
    const col = COLS[ci]!;
    const session = editing!.session;
    return (
      <input className="editor" autoFocus defaultValue={editing!.initial} aria-label={col.label}
        inputMode={col.num ? 'decimal' : undefined}
        onFocus={(e) => { const n = e.target.value.length; e.target.setSelectionRange(n, n); }}
        onKeyDown={(e) => {
          const v = e.currentTarget.value;
          if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); void commit(rowIdx, col.key, v, 'down'); }
          else if (e.key === 'Tab') { e.preventDefault(); e.stopPropagation(); void commit(rowIdx, col.key, v, e.shiftKey ? 'left' : 'right'); }
          else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); closeEditor(); setCellError(null); focusGrid(); }
        }}
        onBlur={(e) => { if (session === sessionRef.current) void commit(rowIdx, col.key, e.currentTarget.value, 'none'); }} />
    );
  };

  const renderCell = (rowIdx: number, ci: number, value: string | boolean | null, bad: string | undefined, isDraft: boolean) => {
    const col = COLS[ci]!;
    const isActive = rowIdx === r && ci === active.c;
    const editingHere = isActive && editing && col.editor === 'text';
    let content: React.ReactNode;
    if (editingHere) content = textEditor(rowIdx, ci);
    else if (col.key === 'amount') content = grouped(value as string);
    else if (col.key === 'project' && value) {
      // Project codes are long; the name says more in a narrow column (the code is in the tooltip).
      const p = look.projects.find((x) => x.code === value);
      content = p ? p.name : String(value);
    } else if ((col.key === 'function' || col.key === 'economic' || col.key === 'unit') && value) {
      const t = cellText(col.key, value, look);
      const sp = t.indexOf(' ');
      content = sp > 0 ? <><span className="code">{t.slice(0, sp)}</span><span className="nm">{t.slice(sp + 1)}</span></> : t;
    } else content = cellText(col.key, value, look);
    if (isDraft && !editingHere && (value === '' || value === null)) content = <span className="placeholder">{col.label}</span>;
    return (
      <div key={col.key} data-cell={`${isDraft ? 'd' : rowIdx}:${ci}`} role="gridcell" aria-selected={isActive || undefined}
        className={`cell${col.num ? ' num' : ''}${isActive ? ' active' : ''}${bad ? ' bad' : ''}${isDraft && !value ? ' placeholder' : ''}`}
        title={bad ?? (value !== null && value !== '' && typeof value !== 'boolean' ? cellText(col.key, value, look) : undefined)}
        onMouseDown={(e) => {
          if (editingHere) return;
          e.preventDefault();
          if (e.shiftKey && rowIdx !== draftRow) { if (anchorRow === null) setAnchorRow(r); } else setAnchorRow(null);
          setActive({ r: rowIdx, c: ci });
          if (editing) closeEditor();
          focusGrid();
        }}
        onDoubleClick={() => { setActive({ r: rowIdx, c: ci }); setTimeout(() => startEdit(), 0); }}>
        {content}
      </div>
    );
  };

  const rows: React.ReactNode[] = [];
  const selSet = new Set(selection.length > 1 ? selection : []);
  for (let i = win.start; i < Math.min(win.end, view.length); i++) {
    const line = lines[view[i]!]!;
    rows.push(
      <div key={line.id} className={`gridrow${selSet.has(i) ? ' sel' : ''}`} role="row" aria-rowindex={i + 1} data-line-id={line.id}
        style={{ top: i * ROW_H, gridTemplateColumns: GRID_TEMPLATE }}>
        <div className="cell rownum">{i + 1}</div>
        {COLS.map((c, ci) => renderCell(i, ci, lineValue(line, c.key), cellError && cellError.row === line.id && cellError.field === c.key ? cellError.message : undefined, false))}
      </div>,
    );
  }

  const t = totalsQ.data;
  const sortMark = (f: LineField) => (sort?.field === f ? (sort.dir === 1 ? ' ▲' : ' ▼') : '');
  const anyFilter = Object.values(filters).some((v) => v && v.trim());

  return (
    <>
      <div className="totals" data-testid="totals" aria-live="polite">
        <div><span>总计（元）</span><b data-testid="total-all">{t ? grouped(t.total) : '—'}</b></div>
        <div><span>基本支出</span><b data-testid="total-basic">{t ? grouped(t.basic) : '—'}</b></div>
        <div><span>项目支出</span><b data-testid="total-project">{t ? grouped(t.project) : '—'}</b></div>
        <div><span>人员经费</span><b data-testid="total-personnel">{t ? grouped(t.personnel) : '—'}</b></div>
        <div><span>公用经费</span><b data-testid="total-public">{t ? grouped(t.publicExpense) : '—'}</b></div>
        <div><span>明细行数</span><b>{t ? t.lineCount.toLocaleString('zh-CN') : '—'}</b></div>
      </div>
      <div className="grid-toolbar">
        <button className="btn" disabled={locked} onClick={() => setPasteOpen((o) => !o)}>从 Excel 粘贴…</button>
        <button className="btn danger" disabled={locked || selection.length === 0} onClick={() => void deleteSelected()}>
          {selection.length > 1 ? `删除所选 ${selection.length} 行` : '删除当前行'}
        </button>
        {anyFilter && <button className="btn" onClick={() => setFilters({})}>清除筛选</button>}
        {sort && <button className="btn" onClick={() => setSort(null)}>取消排序</button>}
        {notice && <span className="muted" role="status">{notice}</span>}
      </div>
      {pasteOpen && <PasteBox onAdd={addPasted} onClose={() => setPasteOpen(false)} />}
      <ErrorView error={linesQ.error} />
      {banner && <ErrorView error={banner.error} rowLabel={banner.rowLabel} />}
      {cellError && (
        <div className="error" role="alert" data-testid="cell-error">
          {(() => { const i = view.findIndex((vi) => lines[vi]?.id === cellError.row); return i >= 0 ? `第 ${i + 1} 行 ` : ''; })()}
          {cellError.message}
        </div>
      )}
      <div className="grid" ref={gridRef} tabIndex={-1} role="grid" aria-label="预算明细" aria-rowcount={view.length + 1}
        onKeyDown={onKeyDown} onPaste={onPaste} onCopy={onCopy} data-testid="lines-grid"
        onFocus={(e) => { if (e.target === gridRef.current) focusGrid(); }}>
        <input ref={sinkRef} className="sink" data-grid-sink="" aria-label="预算明细表格（方向键移动，输入即编辑）" tabIndex={0}
          onInput={(e) => {
            const v = e.currentTarget.value;
            if (v && !(e.nativeEvent as InputEvent).isComposing) { e.currentTarget.value = ''; startEdit(v); }
          }}
          onCompositionEnd={(e) => { const v = e.currentTarget.value || e.data; e.currentTarget.value = ''; if (v) startEdit(v); }} />
        <div className="body" ref={bodyRef}>
          <div ref={headRef} style={{ position: 'sticky', top: 0, zIndex: 2 }}>
            <div className="head" role="row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
              <div className="num">#</div>
              {COLS.map((c) => (
                <div key={c.key} role="columnheader" className={c.num ? 'num' : undefined} title="点击排序"
                  aria-sort={sort?.field === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                  onClick={() => setSort((s) => (s?.field !== c.key ? { field: c.key, dir: 1 } : s.dir === 1 ? { field: c.key, dir: -1 } : null))}>
                  {c.label}{sortMark(c.key)}
                </div>
              ))}
            </div>
            <div className="filters" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
              <div />
              {COLS.map((c) => (
                <div key={c.key}>
                  <input aria-label={`筛选${c.label}`} placeholder="筛选" value={filters[c.key] ?? ''}
                    onChange={(e) => setFilters((f) => ({ ...f, [c.key]: e.target.value }))} />
                </div>
              ))}
            </div>
          </div>
          <div style={{ position: 'relative', height: view.length * ROW_H }}>
            {rows}
          </div>
          {lines.length === 0 && !linesQ.loading && <div className="empty">尚无明细。在下方新增行中逐项录入，或从 Excel 粘贴。</div>}
          {!locked && <div className="draft" role="row" data-testid="draft-row" style={{ gridTemplateColumns: GRID_TEMPLATE, position: 'sticky', bottom: 0, zIndex: 1 }}>
            <div className="cell rownum" title="新增行">新增</div>
            {COLS.map((c, ci) => renderCell(draftRow, ci, lineValue(draft, c.key), draftErrors[c.key], true))}
          </div>}
        </div>
        <div className="status">
          <span>共 {lines.length.toLocaleString('zh-CN')} 行{anyFilter ? `，筛选后 ${view.length.toLocaleString('zh-CN')} 行` : ''}</span>
          {selection.length > 1 && <span>已选 {selection.length} 行</span>}
          <span>方向键/Tab 移动 · 直接输入或 F2 编辑 · Enter 确认 · 新增行末列 Enter 或 Ctrl+Enter 添加 · Ctrl+C/Ctrl+V 复制/粘贴 · Shift+↑↓ 选择多行 · Ctrl+Delete 删除行 · Ctrl+Z/Ctrl+Y 撤销/重做</span>
          <span className="grow" />
          {r === draftRow && !locked && <button className="btn small primary" onMouseDown={(e) => e.preventDefault()} onClick={() => void submitDraft()}>添加此行</button>}
        </div>
      </div>
      {editor()}
    </>
  );
}

function PasteBox({ onAdd, onClose }: { onAdd(text: string): Promise<boolean>; onClose(): void }) {
  const [text, setText] = useState('');
  return (
    <div className="panel">
      <h2>从 Excel 粘贴</h2>
      <p className="muted">在 Excel 中选中数据区域复制，然后粘贴到下框。列顺序：单位、功能科目、经济科目、支出类型、资金来源、金额(元)、项目、备注；也可带表头行（按表头识别列）。全部通过校验才会添加，否则一行也不添加。</p>
      <textarea aria-label="粘贴内容" value={text} onChange={(e) => setText(e.target.value)} rows={6} />
      <div className="row" style={{ marginTop: 8 }}>
        <button className="btn primary" disabled={!text.trim()} onClick={() => void onAdd(text).then((ok) => { if (ok) { setText(''); onClose(); } })}>添加这些行</button>
        <button className="btn" onClick={onClose}>关闭</button>
      </div>
    </div>
  );
}
