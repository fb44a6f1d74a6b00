// The standard tables in the disclosure's HTML: a painter of core/tables/layout's geometry (through
// core/tables/paint), the same positioned cells, merges and indents as the workbook and the preview.
// Every text goes through esc().
import type { CellStyleKey, SheetLayout } from '../../tables/layout';
import { layoutTable } from '../../tables/layout';
import { paintSections, type PaintCell, type PaintRow, type PaintSection } from '../../tables/paint';
import type { RenderedFormTable, RenderedTable } from '../../tables/types';
import { esc, escLines, headingHtml } from './escape';

const WIDE_COLUMNS = 9;
/** Tables too wide for portrait A4 go on landscape pages. */
export function isWide(t: RenderedTable): boolean {
  return t.layout === 'grid' && t.columns.length > WIDE_COLUMNS;
}

/** The class a cell of each style gets in the print stylesheet (core/export/pdf/style.ts). */
const CLASS: Record<CellStyleKey, string> = {
  title: '',
  metaLeft: 'ml',
  metaCenter: 'mc',
  metaRight: 'mr',
  header: '',
  lanci: '',
  serial: 'serial',
  code: 'code',
  text: 'text',
  spanLabel: 'text span',
  amount: 'num',
  note: '',
  blockTitle: '',
  blockUnit: '',
  label: '',
};
const HEADER_LIKE = new Set<CellStyleKey>(['metaLeft', 'metaCenter', 'metaRight', 'header', 'lanci', 'label']);

function cellHtml(p: PaintCell): string {
  const tag = HEADER_LIKE.has(p.s) ? 'th' : 'td';
  const cls = [CLASS[p.s], p.indent ? `ind${p.indent}` : ''].filter(Boolean).join(' ');
  const attrs = `${cls ? ` class="${cls}"` : ''}${p.rowSpan > 1 ? ` rowspan="${p.rowSpan}"` : ''}${p.colSpan > 1 ? ` colspan="${p.colSpan}"` : ''}`;
  return `<${tag}${attrs}>${escLines(p.text)}</${tag}>`;
}

const ROW_CLASS: Partial<Record<PaintRow['role'], string>> = { meta: 'meta', header: 'head', lanci: 'lanci' };
function rowHtml(r: PaintRow): string {
  const cls = ROW_CLASS[r.role] ?? (r.level !== undefined ? `lv${r.level}` : '');
  return `<tr${cls ? ` class="${cls}"` : ''}>${r.cells.map(cellHtml).join('')}</tr>`;
}

function colgroup(widths: readonly number[]): string {
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  return `<colgroup>${widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('')}</colgroup>`;
}

const rowsOf = (sections: PaintSection[], kind: PaintSection['kind']) => sections.filter((s) => s.kind === kind).flatMap((s) => s.rows);

/** A form block: its title line (title left, unit right) above its own table, kept on one page. */
function blockHtml(layout: SheetLayout, section: PaintSection, title?: string): string {
  const head = section.rows.find((r) => r.role === 'blockTitle');
  const body = section.rows.filter((r) => r.role === 'body');
  const text = (s: CellStyleKey) => head?.cells.find((c) => c.s === s)?.text ?? '';
  return (
    `<div class="form-block"><div class="block-head"><span class="block-title">${esc(title ?? text('blockTitle'))}</span>` +
    `<span class="r">${esc(text('blockUnit'))}</span></div>` +
    `<table class="std form">${colgroup(layout.columns)}<tbody>${body.map(rowHtml).join('')}</tbody></table></div>`
  );
}

function notesHtml(sections: PaintSection[]): string {
  return rowsOf(sections, 'note')
    .map((r) => `<p class="tnote">${esc(r.cells[0]?.text ?? '')}</p>`)
    .join('');
}

/** The table without its title: head rows (repeated on every page) and body, or the blocks; then the notes. */
function tableBody(t: RenderedTable, layout: SheetLayout, sections: PaintSection[]): string {
  const head = `<thead>${rowsOf(sections, 'head').map(rowHtml).join('')}</thead>`;
  const blocks = sections
    .filter((s) => s.kind === 'block')
    .map((s) => blockHtml(layout, s))
    .join('');
  const body = rowsOf(sections, 'body');
  const table = `<table class="std">${colgroup(layout.columns)}${head}${body.length ? `<tbody>${body.map(rowHtml).join('')}</tbody>` : ''}</table>`;
  return `${table}${t.layout === 'form' ? blocks : ''}${notesHtml(sections)}`;
}

/** A grid table (or a form table's head and blocks) under a caption of the 情况说明, without the h2 title. */
export function embeddedTableHtml(t: RenderedTable): string {
  const layout = layoutTable(t);
  return tableBody(t, layout, paintSections(layout));
}

/** One block of a form table (a project's 绩效目标表), optionally under another title. */
export function formBlockHtml(t: RenderedFormTable, blockKey: string, title?: string): string {
  const layout = layoutTable(t);
  const section = paintSections(layout).find((s) => s.kind === 'block' && s.block === blockKey);
  return section ? blockHtml(layout, section, title) : '';
}

/** A whole standard table with its title. */
export function standardTableHtml(t: RenderedTable, anchor?: string): string {
  const layout = layoutTable(t);
  const sections = paintSections(layout);
  const id = anchor ? ` id="${esc(anchor)}"` : '';
  const title = rowsOf(sections, 'title')[0]?.cells[0]?.text ?? t.title;
  return `<h2 class="table-title"${id}>${headingHtml(title)}</h2>${tableBody(t, layout, sections)}`;
}
