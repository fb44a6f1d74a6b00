// The grid's commit path: a cell edit (lines.update, one round trip that also answers totals and undo
// state), the new-line row (lines.add), a pasted block (all rows or none) and deleting the selection.
// Messages go to the app's one status (state.tsx): each replaces the previous one.
import { useEffect, useRef, useState } from 'react';
import type { BudgetRef, LineDto, LineInput } from '../../../api/contract';
import type { LineField } from '../../../core/validate-line';
import { invoke } from '../../bridge';
import { useApp, useBudgetLoad } from '../../state';
import { COLS, pasteColumns, pastedLine, type Lookup } from '../../lib/lineFields';
import { parseTsv } from '../../lib/tsv';
import type { PickMove } from '../../components/Picker';
import type { EditorSession, GridCursor } from './cursor';
import { emptyDraft, lineValue, type CellError, type Draft } from './model';
import type { LinesStream } from './useLinesStream';

interface Deps {
  budget: BudgetRef;
  locked: boolean;
  lines: LineDto[];
  view: number[];
  look: Lookup;
  linesQ: LinesStream;
  totalsQ: ReturnType<typeof useBudgetLoad<'budget.totals'>>;
  cursor: GridCursor;
  editor: EditorSession;
  gridRef: React.RefObject<HTMLDivElement | null>;
  focusGrid(): void;
  /** Lines were added (new-line row or paste): the grid shows them. */
  onAdded(ids: number[]): void;
}

export function useLineWrites(d: Deps) {
  const app = useApp();
  const { budget, lines, view, look, cursor, editor } = d;
  const [draft, setDraft] = useState<Draft>(() => emptyDraft());
  const [draftErrors, setDraftErrors] = useState<Partial<Record<LineField, string>>>({});
  const [cellError, setCellError] = useState<CellError | null>(null);
  /** A line whose kind is being set to 项目支出, waiting for its project. */
  const pendingKind = useRef<number | null>(null);

  // The only unit is the obvious default for a new line.
  useEffect(() => {
    if (!draft.unit && look.units.length > 0) setDraft((x) => ({ ...x, unit: look.units[0]!.code }));
  }, [look.units, draft.unit]);

  // 定稿: the engine refuses every write anyway; the grid says so before asking.
  const refuse = () => {
    app.say('本年度预算已定稿，只读：如需修改请先“解除定稿”', true);
  };

  const commit = async (row: number, field: LineField, raw: string | boolean, m: PickMove) => {
    if (d.locked) {
      refuse();
      return;
    }
    editor.closeEditor();
    if (row === cursor.draftRow) {
      setDraft((x) => ({ ...x, [field]: raw }));
      setDraftErrors((e) => ({ ...e, [field]: undefined }));
      setCellError(null);
      cursor.after(m);
      d.focusGrid();
      return;
    }
    const line = lines[view[row]!];
    if (!line) return;
    const cur = lineValue(line, field);
    const value = typeof raw === 'string' && (field === 'project' || field === 'memo') && raw.trim() === '' ? null : raw;
    if (value === cur || (value === null && (cur === null || cur === ''))) {
      setCellError(null);
      cursor.after(m);
      d.focusGrid();
      return;
    }
    const changes: Partial<LineInput> = { [field]: value };
    const projectCol = COLS.findIndex((c) => c.key === 'project');
    // 项目支出 needs its project: with one project it is the obvious one, otherwise the clerk picks it
    // next and both fields are stored together.
    if (field === 'kind' && value === 'project' && !line.project) {
      if (look.projects.length === 1) changes.project = look.projects[0]!.code;
      else {
        pendingKind.current = line.id;
        cursor.setActive({ r: row, c: projectCol });
        const el = d.gridRef.current?.querySelector(`[data-cell="${row}:${projectCol}"]`);
        editor.openEditor('', el?.getBoundingClientRect() ?? null);
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
      d.linesQ.putLine(updated);
      d.totalsQ.put(totals);
      app.afterWrite(edit);
      cursor.after(m);
      d.focusGrid();
    } else {
      setCellError({ row: line.id, field, message: res.error.message });
      // A refused text value stays in its editor so the clerk can correct it.
      const col = COLS.find((c) => c.key === field);
      if (col?.editor === 'text' && typeof raw === 'string') editor.openEditor(raw, null);
      else d.focusGrid();
    }
  };

  const afterAdd = async (ids: number[], message: string) => {
    await d.linesQ.reload();
    void d.totalsQ.reload();
    app.afterWrite();
    app.say(message);
    d.onAdded(ids);
  };

  const submitDraft = async () => {
    if (d.locked) {
      refuse();
      return;
    }
    const input: LineInput = {
      unit: draft.unit,
      function: draft.function,
      economic: draft.economic,
      kind: draft.kind,
      source: draft.source,
      carryover: draft.carryover,
      amount: draft.amount,
      project: draft.project || null,
      memo: draft.memo || null,
    };
    // With a single project, a 项目支出 line obviously belongs to it.
    if (input.kind === 'project' && !input.project && look.projects.length === 1) input.project = look.projects[0]!.code;
    if (input.kind !== 'project') input.project = null;
    const res = await invoke('lines.add', { budget, lines: [input] });
    if (res.ok) {
      setDraftErrors({});
      setDraft((x) => emptyDraft(x));
      cursor.setActive({ r: Number.MAX_SAFE_INTEGER, c: COLS.findIndex((c) => c.key === 'economic') });
      await afterAdd(res.value.ids, '已添加 1 行');
      d.focusGrid();
    } else {
      const errs: Partial<Record<LineField, string>> = {};
      for (const e of res.error.rows ?? []) if (e.field) errs[e.field as LineField] = e.message;
      if (res.error.field) errs[res.error.field as LineField] = res.error.message;
      setDraftErrors(errs);
      app.report(res.error, { rowLabel: () => '新增行' });
      d.focusGrid();
    }
  };

  const addPasted = async (text: string): Promise<boolean> => {
    if (d.locked) {
      refuse();
      return false;
    }
    const rows = parseTsv(text);
    if (rows.length === 0) return false;
    const { fields, header } = pasteColumns(rows[0]!, rows);
    const body = header ? rows.slice(1) : rows;
    if (body.length === 0) return false;
    const input = body.map((cells) => pastedLine(cells, fields, look));
    const res = await invoke('lines.add', { budget, lines: input });
    const offset = header ? 2 : 1;
    if (res.ok) {
      await afterAdd(res.value.ids, `已从粘贴内容添加 ${res.value.ids.length} 行`);
      return true;
    }
    app.report(
      { ...res.error, message: `粘贴的 ${body.length} 行均未添加：${res.error.message}` },
      {
        // Name the place as the clerk sees it in what they pasted: its row, its column and that column's name.
        rowLabel: (i) => {
          const f = res.error.rows?.find((x) => x.row === i)?.field as LineField | undefined;
          const at = f ? fields.indexOf(f) : -1;
          const label = f ? COLS.find((c) => c.key === f)?.label : undefined;
          return `粘贴第 ${i + offset} 行${label ? `（${at >= 0 ? `第 ${at + 1} 列 ` : ''}${label}）` : ''}`;
        },
      },
    );
    return false;
  };

  const deleteSelected = async (selection: number[]) => {
    if (d.locked) {
      refuse();
      return;
    }
    const ids = selection.map((i) => lines[view[i]!]?.id).filter((x): x is number => typeof x === 'number');
    if (ids.length === 0) return;
    const res = await invoke('lines.delete', { budget, ids });
    if (res.ok) {
      cursor.setAnchorRow(null);
      await d.linesQ.reload();
      void d.totalsQ.reload();
      app.afterWrite();
      app.say(`已删除 ${res.value.deleted} 行（可撤销）`);
    } else app.report(res.error);
  };

  const cancelPendingKind = () => {
    pendingKind.current = null;
  };

  return { draft, draftErrors, cellError, setCellError, commit, submitDraft, addPasted, deleteSelected, refuse, cancelPendingKind };
}
