// 预算明细: the line grid. Keyboard-first like a spreadsheet (arrows, Tab, Enter, F2, typing starts an
// edit), a picker per coded column, paste of an Excel block (all rows or none), sorting, a filter per
// column, live totals, and windowed rendering so 30,000 lines stay fluid. Every cell edit is saved at
// once through lines.update; the engine validates and answers with a Chinese message naming the field.
//
// The parts (lines/): model.ts (draft, view), cursor.ts (active cell, selection, scrolling, editor
// session), keyboard.ts (keys), writes.ts (the commit path), GridCell.tsx (a cell), CellEditor.tsx
// (pickers), PasteBox.tsx, useLinesStream.ts (the lines arrive in chunks: the first rows paint at once;
// sorting and filtering wait for the whole budget). Other pages open this one on a line with
// app.go('lines', { focusLineId }).
import { useEffect, useMemo, useRef, useState, type ClipboardEvent } from 'react';
import type { LineField } from '../../core/validate-line';
import { useApp, useBudget, useBudgetLoad } from '../state';
import { ErrorView } from '../components/ErrorView';
import { SheetImportDialog } from '../components/SheetImportDialog';
import { useWindow } from '../components/useWindow';
import { COLS, GRID_TEMPLATE, PRIOR_COLS, copyText, priorCells, type Lookup } from '../lib/lineFields';
import { parseTsv } from '../lib/tsv';
import { grouped } from '../lib/format';
import { ROW_H, lineValue, useLineView, type Filters, type Sort } from './lines/model';
import { useEditorSession, useGridCursor } from './lines/cursor';
import { gridKeyDown } from './lines/keyboard';
import { useLineWrites } from './lines/writes';
import { GridCell } from './lines/GridCell';
import { CellEditor } from './lines/CellEditor';
import { PasteBox } from './lines/PasteBox';
import { useCatalogNames } from './lines/useCatalogNames';
import { useLinesStream } from './lines/useLinesStream';
import { ControlCells } from './lines/ControlCells';

const WAIT_SORT = '明细正在载入，全部载入后即可排序';
const WAIT_FILTER = '明细正在载入，全部载入后即可筛选';
const progressText = (loaded: number, total: number | null, failed: boolean) => {
  const n = total === null ? '' : `已载入 ${loaded.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 条`;
  if (failed) return `明细未能全部载入${n ? `（${n}）` : ''}`;
  return n ? `正在载入明细：${n}` : '正在载入明细…';
};

export function LinesPage() {
  const budget = useBudget();
  const app = useApp();
  // 定稿: the engine refuses every write anyway; the grid stays navigable and copyable but opens no editor.
  const locked = app.summary?.finalized === true;
  const linesQ = useLinesStream(budget);
  const totalsQ = useBudgetLoad('budget.totals');
  // 上年数 column: last year's amounts by line key, loaded once per budget (last year does not change with this year's edits).
  const priorQ = useBudgetLoad('years.priorLineAmounts');
  const unitsQ = useBudgetLoad('units.list');
  const projectsQ = useBudgetLoad('projects.list');
  const catalogNames = useCatalogNames(budget.year);
  const names = catalogNames.names;
  const lines = useMemo(() => linesQ.data ?? [], [linesQ.data]);
  const look: Lookup = useMemo(() => ({ units: unitsQ.data ?? [], projects: projectsQ.data ?? [], names }), [unitsQ.data, projectsQ.data, names]);

  // Sorting or filtering part of the budget would mislead: both wait until every line is in.
  const loaded = linesQ.complete;
  const [sort, setSort] = useState<Sort>(null);
  const [filters, setFilters] = useState<Filters>({});
  const [pasteOpen, setPasteOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  /** The focused element while no cell is being edited: a transparent input, so that IME input
   *  (Chinese) can start an edit as Latin keys do. */
  const sinkRef = useRef<HTMLInputElement>(null);
  /** A line to bring into view once it is in the view: one just added, or one another page asked for. */
  const revealRef = useRef<{ id: number; select: boolean } | null>(null);
  const [revealTick, setRevealTick] = useState(0);
  const revealLine = (id: number, select: boolean) => {
    revealRef.current = { id, select };
    setRevealTick((n) => n + 1);
  };

  const view = useLineView(lines, filters, sort, look);
  const cursor = useGridCursor(view.length, bodyRef, headRef);
  const { r, c, draftRow, selection } = cursor;
  const editor = useEditorSession();
  const { editing } = editor;
  const win = useWindow(bodyRef, view.length, ROW_H);
  const focusGrid = () => sinkRef.current?.focus({ preventScroll: true });

  const w = useLineWrites({
    budget,
    locked,
    lines,
    view,
    look,
    linesQ,
    totalsQ,
    cursor,
    editor,
    gridRef,
    focusGrid,
    onAdded: (ids) => {
      const last = ids[ids.length - 1];
      if (last !== undefined) revealLine(last, false);
    },
  });

  // 校验 定位 and friends: app.go('lines', { focusLineId }) selects that line (filters cleared if they hide it).
  useEffect(() => {
    const id = app.nav.focusLineId;
    if (id === undefined || linesQ.data === null) return;
    // A line not yet loaded: wait for its chunk (unless the load is over or failed).
    if (!lines.some((l) => l.id === id)) {
      if (loaded || linesQ.error) app.clearNav();
      return;
    }
    app.clearNav();
    if (!view.some((i) => lines[i]!.id === id)) setFilters({});
    revealLine(id, true);
  }, [app.nav.focusLineId, linesQ.data, lines, view, loaded, linesQ.error]);

  // Bring the wanted line into view once the view holds it.
  useEffect(() => {
    const want = revealRef.current;
    if (!want) return;
    const at = view.findIndex((i) => lines[i]!.id === want.id);
    if (at < 0) return;
    revealRef.current = null;
    if (want.select) {
      cursor.setAnchorRow(null);
      cursor.setActive({ r: at, c: 0 });
      focusGrid();
    }
    cursor.reveal(at);
  }, [view, lines, revealTick]);

  const startEdit = (initial?: string) => {
    if (locked) {
      w.refuse();
      return;
    }
    const col = COLS[c]!;
    const cur = r === draftRow ? lineValue(w.draft, col.key) : lineValue(lines[view[r]!]!, col.key);
    if (col.editor === 'toggle') {
      void w.commit(r, col.key, !(cur === true), 'none');
      return;
    }
    const el = gridRef.current?.querySelector(`[data-cell="${r === draftRow ? 'd' : r}:${c}"]`);
    editor.openEditor(initial ?? (cur === null || cur === true || cur === false ? '' : String(cur)), el?.getBoundingClientRect() ?? null);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (editing || (e.target !== sinkRef.current && e.target !== gridRef.current)) return;
    gridKeyDown(e, {
      cursor,
      windowHeight: win.height,
      startEdit,
      commit: (row, f, v, m) => void w.commit(row, f, v, m),
      submitDraft: () => void w.submitDraft(),
      deleteSelected: () => void w.deleteSelected(selection),
      dismiss: () => {
        cursor.setAnchorRow(null);
        app.clearStatus();
        w.setCellError(null);
      },
    });
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing || (e.target !== sinkRef.current && e.target !== gridRef.current)) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const rows = parseTsv(text);
    const col = COLS[c]!;
    // One value into one cell, as a spreadsheet does; a block adds lines.
    if (rows.length === 1 && rows[0]!.length === 1 && col.editor !== 'toggle') void w.commit(r, col.key, rows[0]![0]!.trim(), 'none');
    else void w.addPasted(text);
  };

  // Copy: the selected rows as a block Excel (and this grid's paste) reads back.
  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing || e.target !== sinkRef.current || r >= draftRow) return;
    e.preventDefault();
    e.clipboardData.setData(
      'text/plain',
      copyText(
        selection.map((i) => lines[view[i]!]!),
        look,
      ),
    );
    app.say(`已复制 ${selection.length} 行`);
  };

  const cell = (rowIdx: number, ci: number, value: string | boolean | null, bad: string | undefined, isDraft: boolean) => {
    const col = COLS[ci]!;
    const isActive = rowIdx === r && ci === c;
    const session = editing?.session;
    const textEditor =
      isActive && editing && col.editor === 'text'
        ? {
            initial: editing.initial,
            onCommit: (v: string, m: 'down' | 'left' | 'right') => void w.commit(rowIdx, col.key, v, m),
            onCancel: () => {
              editor.closeEditor();
              w.setCellError(null);
              focusGrid();
            },
            onBlur: (v: string) => {
              if (session === editor.sessionRef.current) void w.commit(rowIdx, col.key, v, 'none');
            },
          }
        : null;
    return (
      <GridCell
        key={col.key}
        rowIdx={rowIdx}
        ci={ci}
        value={value}
        bad={bad}
        isDraft={isDraft}
        isActive={isActive}
        look={look}
        textEditor={textEditor}
        onMouseDown={(e, editingHere) => {
          if (editingHere) return;
          e.preventDefault();
          if (e.shiftKey && rowIdx !== draftRow) {
            if (cursor.anchorRow === null) cursor.setAnchorRow(r);
          } else cursor.setAnchorRow(null);
          cursor.setActive({ r: rowIdx, c: ci });
          if (editing) editor.closeEditor();
          focusGrid();
        }}
        onDoubleClick={() => {
          cursor.setActive({ r: rowIdx, c: ci });
          setTimeout(() => startEdit(), 0);
        }}
      />
    );
  };

  const rows: React.ReactNode[] = [];
  const selSet = new Set(selection.length > 1 ? selection : []);
  const cellError = w.cellError;
  for (let i = win.start; i < Math.min(win.end, view.length); i++) {
    const line = lines[view[i]!]!;
    rows.push(
      <div
        key={line.id}
        className={`gridrow${selSet.has(i) ? ' sel' : ''}`}
        role="row"
        aria-rowindex={i + 1}
        data-line-id={line.id}
        style={{ top: i * ROW_H, gridTemplateColumns: GRID_TEMPLATE }}
      >
        <div className="cell rownum">{i + 1}</div>
        {COLS.map((col, ci) =>
          cell(i, ci, lineValue(line, col.key), cellError && cellError.row === line.id && cellError.field === col.key ? cellError.message : undefined, false),
        )}
        {(() => {
          const pc = priorCells(line, priorQ.data?.amounts);
          return PRIOR_COLS.map((col) => (
            <div key={col.key} className="cell num derived" data-derived={col.key}>
              {pc[col.key]}
            </div>
          ));
        })()}
      </div>,
    );
  }

  const t = totalsQ.data;
  const sortMark = (f: LineField) => (sort?.field === f ? (sort.dir === 1 ? ' ▲' : ' ▼') : '');
  const anyFilter = Object.values(filters).some((v) => v && v.trim());

  return (
    <>
      <div className="totals" data-testid="totals" aria-live="polite">
        <div>
          <span>总计（元）</span>
          <b data-testid="total-all">{t ? grouped(t.total) : '—'}</b>
        </div>
        <div>
          <span>基本支出</span>
          <b data-testid="total-basic">{t ? grouped(t.basic) : '—'}</b>
        </div>
        <div>
          <span>项目支出</span>
          <b data-testid="total-project">{t ? grouped(t.project) : '—'}</b>
        </div>
        <div>
          <span>人员经费</span>
          <b data-testid="total-personnel">{t ? grouped(t.personnel) : '—'}</b>
        </div>
        <div>
          <span>公用经费</span>
          <b data-testid="total-public">{t ? grouped(t.publicExpense) : '—'}</b>
        </div>
        <div>
          <span>明细行数</span>
          <b>{t ? t.lineCount.toLocaleString('zh-CN') : '—'}</b>
        </div>
      </div>
      <ControlCells line={view[r] !== undefined ? lines[view[r]!] : undefined} refresh={t} />
      <div className="grid-toolbar">
        <button className="btn" disabled={locked} onClick={() => setPasteOpen((o) => !o)}>
          从 Excel 粘贴…
        </button>
        <button className="btn" disabled={locked} onClick={() => setSheetOpen(true)}>
          导入明细表…
        </button>
        <button className="btn danger" disabled={locked || selection.length === 0} onClick={() => void w.deleteSelected(selection)}>
          {selection.length > 1 ? `删除所选 ${selection.length} 行` : '删除当前行'}
        </button>
        {anyFilter && (
          <button className="btn" onClick={() => setFilters({})}>
            清除筛选
          </button>
        )}
        {sort && (
          <button className="btn" onClick={() => setSort(null)}>
            取消排序
          </button>
        )}
      </div>
      {sheetOpen && <SheetImportDialog onClose={() => setSheetOpen(false)} />}
      {pasteOpen && (
        <PasteBox
          onAdd={w.addPasted}
          onClose={() => {
            setPasteOpen(false);
            app.clearStatus();
          }}
        />
      )}
      <ErrorView error={linesQ.error} />
      {cellError && (
        <div className="error" role="alert" data-testid="cell-error">
          {(() => {
            const i = view.findIndex((vi) => lines[vi]?.id === cellError.row);
            return i >= 0 ? `第 ${i + 1} 行 ` : '';
          })()}
          {cellError.message}
        </div>
      )}
      <div
        className="grid"
        ref={gridRef}
        tabIndex={-1}
        role="grid"
        aria-label="预算明细"
        aria-rowcount={view.length + 1}
        aria-busy={!loaded}
        data-loaded={loaded ? 'all' : 'partial'}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onCopy={onCopy}
        data-testid="lines-grid"
        onFocus={(e) => {
          if (e.target === gridRef.current) focusGrid();
        }}
      >
        <input
          ref={sinkRef}
          className="sink"
          data-grid-sink=""
          aria-label="预算明细表格（方向键移动，输入即编辑）"
          tabIndex={0}
          onInput={(e) => {
            const v = e.currentTarget.value;
            if (v && !(e.nativeEvent as InputEvent).isComposing) {
              e.currentTarget.value = '';
              startEdit(v);
            }
          }}
          onCompositionEnd={(e) => {
            const v = e.currentTarget.value || e.data;
            e.currentTarget.value = '';
            if (v) startEdit(v);
          }}
        />
        <div className="body" ref={bodyRef}>
          <div ref={headRef} style={{ position: 'sticky', top: 0, zIndex: 2 }}>
            <div className="head" role="row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
              <div className="num">#</div>
              {COLS.map((col) => (
                <div
                  key={col.key}
                  role="columnheader"
                  className={[col.num ? 'num' : '', loaded ? '' : 'off'].join(' ').trim() || undefined}
                  title={loaded ? '点击排序' : WAIT_SORT}
                  aria-sort={sort?.field === col.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                  aria-disabled={!loaded || undefined}
                  onClick={() => {
                    if (loaded) setSort((s) => (s?.field !== col.key ? { field: col.key, dir: 1 } : s.dir === 1 ? { field: col.key, dir: -1 } : null));
                  }}
                >
                  {col.label}
                  {sortMark(col.key)}
                </div>
              ))}
              {PRIOR_COLS.map((col) => (
                <div
                  key={col.key}
                  role="columnheader"
                  className="num"
                  title={priorQ.data ? `${priorQ.data.year} 年同一单位、科目、支出类型和项目的金额` : '库中没有上年的预算'}
                >
                  {col.label}
                </div>
              ))}
            </div>
            <div className="filters" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
              <div />
              {COLS.map((col) => (
                <div key={col.key}>
                  <input
                    aria-label={`筛选${col.label}`}
                    placeholder="筛选"
                    value={filters[col.key] ?? ''}
                    disabled={!loaded}
                    title={loaded ? undefined : WAIT_FILTER}
                    onChange={(e) => setFilters((f) => ({ ...f, [col.key]: e.target.value }))}
                  />
                </div>
              ))}
              {PRIOR_COLS.map((col) => (
                <div key={col.key} />
              ))}
            </div>
          </div>
          <div style={{ position: 'relative', height: view.length * ROW_H }}>{rows}</div>
          {lines.length === 0 && !linesQ.loading && <div className="empty">尚无明细。在下方新增行中逐项录入，或从 Excel 粘贴。</div>}
          {!locked && (
            <div className="draft" role="row" data-testid="draft-row" style={{ gridTemplateColumns: GRID_TEMPLATE, position: 'sticky', bottom: 0, zIndex: 1 }}>
              <div className="cell rownum" title="新增行">
                新增
              </div>
              {COLS.map((col, ci) => cell(draftRow, ci, lineValue(w.draft, col.key), w.draftErrors[col.key], true))}
              {PRIOR_COLS.map((col) => (
                <div key={col.key} className="cell" />
              ))}
            </div>
          )}
        </div>
        <div className="status">
          {loaded ? (
            <span>
              共 {lines.length.toLocaleString('zh-CN')} 行{anyFilter ? `，筛选后 ${view.length.toLocaleString('zh-CN')} 行` : ''}
            </span>
          ) : (
            <span className="loading" data-testid="lines-progress" aria-live="polite">
              {progressText(linesQ.loaded, linesQ.total, linesQ.error !== null)}
            </span>
          )}
          {selection.length > 1 && <span>已选 {selection.length} 行</span>}
          <span>
            方向键/Tab 移动 · 直接输入或 F2 编辑 · Enter 确认 · 新增行末列 Enter 或 Ctrl+Enter 添加 · Ctrl+C/Ctrl+V 复制/粘贴 · Shift+↑↓ 选择多行 · Ctrl+Delete
            删除行 · Ctrl+Z/Ctrl+Y 撤销/重做
          </span>
          <span className="grow" />
          {r === draftRow && !locked && (
            <button className="btn small primary" onMouseDown={(e) => e.preventDefault()} onClick={() => void w.submitDraft()}>
              添加此行
            </button>
          )}
        </div>
      </div>
      {editing && (
        <CellEditor
          editing={editing}
          col={c}
          year={budget.year}
          look={look}
          onCatalogAdded={catalogNames.reload}
          onPick={(v, m) => {
            const col = COLS[c]!;
            void w.commit(r, col.key, col.key === 'project' ? v.trim() : v, m);
          }}
          onCancel={() => {
            w.cancelPendingKind();
            editor.closeEditor();
            focusGrid();
          }}
        />
      )}
    </>
  );
}
