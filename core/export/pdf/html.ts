// The whole 部门预算公开 as ONE self-contained HTML document (cover, 目录, 情况说明, the standard
// tables), printed to PDF by Chromium (CLI: playwright-core; Electron: webContents.printToPDF).
// Every text that comes from the budget goes through esc(); nothing here builds markup from data
// any other way, so a name like `<img onerror=…>` prints as text.
import type { Catalogs } from '../../catalog';
import type { Budget } from '../../model';
import { budgetFigures, type BudgetFigures } from '../../narrative/figures';
import { buildNarrative } from '../../narrative/build';
import type { NarrativeBlock, NarrativeDocument, PriorFigures } from '../../narrative/types';
import { computeFigures, type TableFigures } from '../../tables/derive/figures';
import type { Cell, RenderedFormTable, RenderedGridTable, RenderedTable } from '../../tables/types';
import { expenseStructureSvg } from './chart';
import { DISCLOSURE_CSS } from './style';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
/** Escaped text with its line breaks kept. */
function escLines(s: string): string {
  return esc(s).replace(/\r?\n/g, '<br>');
}

export interface DisclosureInput {
  budget: Budget;
  catalogs: Catalogs;
  /** deriveTables(budget, catalogs) */
  tables: RenderedTable[];
  /** tableFigures(budget) when the caller derived the tables from them: the 情况说明 reuses the same pass. */
  tableFigures?: TableFigures;
  /** Prior-year figures for 比上年增减; default budget.priorYear. */
  prior?: PriorFigures | null;
}

/** A place the 目录 points at. */
export interface TocEntry { anchor: string; label: string; level: 1 | 2; part: string }

/** A part starts on a new page; the pagination prints parts alone to count their pages. */
export interface DisclosurePart { id: string; anchors: string[] }

export interface HtmlOptions {
  /** Page number per anchor, found by the pagination pass; 'placeholder' → numbers as wide as real ones, so
   *  the pagination print's 目录 takes the same room as the final one; absent → 目录 without numbers. */
  pages?: Record<string, number> | 'placeholder';
  /** Render only this part (pagination). */
  onlyPart?: string;
}

/** Everything derived once and shared by the structure, the HTML and the pagination. */
export interface DisclosureModel {
  input: DisclosureInput;
  narrative: NarrativeDocument;
  figures: BudgetFigures;
  /** Tables printed in 第二部分 (those the 情况说明 does not already embed). */
  partTwo: RenderedTable[];
  parts: DisclosurePart[];
  toc: TocEntry[];
}

export function disclosureModel(input: DisclosureInput): DisclosureModel {
  const figures = budgetFigures(input.budget, input.tableFigures ?? computeFigures(input.budget));
  const narrative = buildNarrative(input.budget, input.catalogs, { figures, ...(input.prior !== undefined ? { prior: input.prior } : {}) });
  const embedded = new Set(narrative.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'standard-table' ? [b.tableId] : []))));
  const partTwo = input.tables.filter((t) => !embedded.has(t.id));
  const { budget } = input;
  const toc: TocEntry[] = [
    { anchor: 'part1', label: `第一部分 ${budget.department.name}${budget.year}年部门预算信息公开情况说明`, level: 1, part: 'narrative' },
    ...narrative.sections.map((s) => ({ anchor: `sec-${s.key}`, label: `${s.no}、${s.title}`, level: 2 as const, part: 'narrative' })),
    { anchor: 'part2', label: `第二部分 ${budget.department.name}${budget.year}年部门预算公开表`, level: 1, part: partTwo[0] ? `table-${partTwo[0].id}` : 'narrative' },
    ...partTwo.map((t) => ({ anchor: `table-${t.id}`, label: `${t.no}. ${t.title}`, level: 2 as const, part: `table-${t.id}` })),
  ];
  const parts: DisclosurePart[] = [
    { id: 'cover', anchors: [] },
    { id: 'toc', anchors: [] },
    { id: 'narrative', anchors: ['part1', ...narrative.sections.map((s) => `sec-${s.key}`)] },
    ...partTwo.map((t, i) => ({ id: `table-${t.id}`, anchors: i === 0 ? ['part2', `table-${t.id}`] : [`table-${t.id}`] })),
  ];
  return { input, narrative, figures, partTwo, parts, toc };
}

// ---------------------------------------------------------------- standard tables

const WIDE_COLUMNS = 9;
/** Tables too wide for portrait A4 go on landscape pages. */
export function isWide(t: RenderedTable): boolean {
  return t.layout === 'grid' && t.columns.length > WIDE_COLUMNS;
}

function cellHtml(cell: Cell, tag: 'td' | 'th', attrs: string): string {
  if (!cell) return `<${tag}${attrs}></${tag}>`;
  if (cell.kind === 'amount') return `<${tag}${attrs} class="num">${cell.wan === null ? '' : esc(cell.wan)}</${tag}>`;
  return `<${tag}${attrs} class="${cell.kind}">${escLines(cell.text)}</${tag}>`;
}
const span = (rowSpan?: number, colSpan?: number) =>
  `${rowSpan && rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}${colSpan && colSpan > 1 ? ` colspan="${colSpan}"` : ''}`;

function colgroup(widths: readonly number[]): string {
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  return `<colgroup>${widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('')}</colgroup>`;
}

/** 部门 / 预算年度 / 单位 line, as the first header row so it repeats on every page like the reference. */
function metaRow(t: RenderedTable, colCount: number): string {
  const m = t.meta;
  return `<tr class="meta"><th colspan="${colCount}"><span class="l">${esc(m.department)}</span><span class="c">${esc(m.period ?? '')}</span><span class="r">${esc(m.unit ?? '')}</span></th></tr>`;
}

function notes(t: RenderedTable): string {
  const list = [...t.footnotes, ...(t.note ? [t.note] : [])];
  return list.map((n) => `<p class="tnote">${esc(n)}</p>`).join('');
}

export function gridTableHtml(t: RenderedGridTable): string {
  const n = t.columns.length;
  const head: string[] = [];
  for (let r = 0; r < t.headerRowCount; r++) {
    const cells = t.header.filter((h) => h.row === r).sort((a, b) => a.col - b.col);
    head.push(`<tr class="head">${cells.map((h) => `<th${span(h.rowSpan, h.colSpan)}>${escLines(h.label)}</th>`).join('')}</tr>`);
  }
  head.push(`<tr class="lanci">${t.lanci.map((l) => `<th>${esc(l)}</th>`).join('')}</tr>`);
  const body = t.rows.map((row) => {
    const out: string[] = [];
    for (let c = 0; c < n; c++) {
      const s = row.spans?.[c];
      out.push(cellHtml(row.cells[c] ?? null, 'td', span(undefined, s)));
      if (s && s > 1) c += s - 1; // the covered cells are null placeholders
    }
    return `<tr class="lv${row.level}">${out.join('')}</tr>`;
  });
  return `<table class="std">${colgroup(t.columns.map((c) => c.width))}<thead>${metaRow(t, n)}${head.join('')}</thead><tbody>${body.join('')}</tbody></table>${notes(t)}`;
}

/** One block of a form table (a project's 绩效目标表) on its cell grid; empty grid positions get empty cells. */
export function formBlockHtml(t: RenderedFormTable, blockKey: string, title?: string): string {
  const block = t.blocks.find((b) => b.key === blockKey);
  if (!block) return '';
  const cols = t.columns.length;
  const covered = Array.from({ length: block.rowCount }, () => new Array<boolean>(cols).fill(false));
  const starts = new Map<string, (typeof block.cells)[number]>();
  for (const c of block.cells) {
    starts.set(`${c.row}:${c.col}`, c);
    for (let r = c.row; r < c.row + (c.rowSpan ?? 1); r++) for (let k = c.col; k < c.col + (c.colSpan ?? 1); k++) if (covered[r]) covered[r]![k] = true;
  }
  const rows: string[] = [];
  for (let r = 0; r < block.rowCount; r++) {
    const out: string[] = [];
    for (let k = 0; k < cols; k++) {
      const c = starts.get(`${r}:${k}`);
      if (c) out.push(cellHtml(c.cell, c.label ? 'th' : 'td', span(c.rowSpan, c.colSpan)));
      else if (!covered[r]![k]) out.push('<td></td>');
    }
    rows.push(`<tr>${out.join('')}</tr>`);
  }
  return `<div class="form-block"><div class="block-head"><span class="block-title">${esc(title ?? block.title)}</span><span class="r">${esc(block.unit ?? '')}</span></div>` +
    `<table class="std form">${colgroup(t.columns.map((c) => c.width))}<tbody>${rows.join('')}</tbody></table></div>`;
}

/** A whole standard table with its title: grid, or every block of a form table. */
export function standardTableHtml(t: RenderedTable, anchor?: string): string {
  const id = anchor ? ` id="${esc(anchor)}"` : '';
  const title = `<h2 class="table-title"${id}>${esc(t.title)}</h2>`;
  if (t.layout === 'grid') return `${title}${gridTableHtml(t)}`;
  if (t.empty) return `${title}<table class="std">${colgroup([1])}<thead>${metaRow(t, 1)}</thead></table>${notes(t)}`;
  return `${title}${t.blocks.map((b) => formBlockHtml(t, b.key)).join('')}${notes(t)}`;
}

// ---------------------------------------------------------------- 情况说明

function blockHtml(b: NarrativeBlock, m: DisclosureModel): string {
  switch (b.type) {
    case 'heading': return `<h3>${esc(b.text)}</h3>`;
    case 'paragraph': return `<p>${escLines(b.text)}</p>`;
    case 'table':
      return `<div class="small-table"><div class="caption">${esc(b.caption)}</div><table class="std small">` +
        `<thead><tr class="head">${b.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td class="text">${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
    case 'chart':
      return `<figure class="chart">${expenseStructureSvg(m.figures, m.input.catalogs, m.input.budget)}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    case 'standard-table': {
      const t = m.input.tables.find((x) => x.id === b.tableId);
      if (!t) return '';
      if (b.blockKey !== undefined && t.layout === 'form') return formBlockHtml(t, b.blockKey, b.caption);
      const inner = t.layout === 'grid'
        ? `<div class="embedded-title">${esc(b.caption ?? t.title)}</div>${gridTableHtml(t)}`
        : standardTableHtml(t);
      // An empty wide table fits the portrait page; only one with rows gets its own landscape page.
      return `<div class="embedded${isWide(t) && !t.empty ? ' wide' : ''}">${inner}</div>`;
    }
  }
}

function narrativeHtml(m: DisclosureModel): string {
  const d = m.narrative;
  const sections = d.sections.map((s) =>
    `<section class="nsec"><h2 id="sec-${s.key}">${esc(`${s.no}、${s.title}`)}</h2>${s.blocks.map((b) => blockHtml(b, m)).join('')}</section>`).join('');
  return `<div class="part-label" id="part1">第一部分</div><h1 class="ntitle">${esc(d.title)}</h1><p>${esc(d.intro)}</p>${sections}`;
}

// ---------------------------------------------------------------- cover, 目录

function coverHtml(b: Budget): string {
  return `<div class="cover"><div class="cover-dept">${esc(b.department.name)}</div>` +
    `<div class="cover-title">${esc(String(b.year))}年部门预算公开</div>` +
    `<div class="cover-sub">部门编码：${esc(b.department.code)}</div></div>`;
}

/** Wider than any real page number of a disclosure. */
const PLACEHOLDER_PAGE = 888;

function tocHtml(m: DisclosureModel, pages: HtmlOptions['pages']): string {
  const rows = m.toc.map((e) => {
    const p = pages === 'placeholder' ? PLACEHOLDER_PAGE : pages?.[e.anchor];
    return `<a class="toc-row l${e.level}" href="#${esc(e.anchor)}"><span class="toc-label">${esc(e.label)}</span><span class="toc-dots"></span><span class="toc-page">${p === undefined ? '' : p}</span></a>`;
  }).join('');
  return `<h1 class="toc-title">目　录</h1><div class="toc">${rows}</div>`;
}

// ---------------------------------------------------------------- the document

function partHtml(m: DisclosureModel, part: DisclosurePart, opts: HtmlOptions): string {
  const b = m.input.budget;
  if (part.id === 'cover') return `<section class="part cover-part">${coverHtml(b)}</section>`;
  if (part.id === 'toc') return `<section class="part">${tocHtml(m, opts.pages)}</section>`;
  if (part.id === 'narrative') return `<section class="part narrative">${narrativeHtml(m)}</section>`;
  const t = m.partTwo.find((x) => `table-${x.id}` === part.id)!;
  const label = part.anchors.includes('part2') ? `<div class="part-label" id="part2">第二部分　部门预算公开表</div>` : '';
  return `<section class="part table-part${isWide(t) ? ' wide' : ''}">${label}${standardTableHtml(t, `table-${t.id}`)}</section>`;
}

export function disclosureHtmlFromModel(m: DisclosureModel, opts: HtmlOptions = {}): string {
  const b = m.input.budget;
  const parts = opts.onlyPart ? m.parts.filter((p) => p.id === opts.onlyPart) : m.parts;
  const title = `${b.department.name}${b.year}年部门预算公开`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${esc(title)}</title><style>${DISCLOSURE_CSS}</style></head><body>${parts.map((p) => partHtml(m, p, opts)).join('')}</body></html>`;
}

/** The whole disclosure as one HTML document (without page numbers in the 目录 unless `pages` is given). */
export function buildDisclosureHtml(input: DisclosureInput, opts: HtmlOptions = {}): string {
  return disclosureHtmlFromModel(disclosureModel(input), opts);
}

/** Page footer for Chromium's header/footer templates (Playwright page.pdf, Electron printToPDF). */
export const PDF_FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:9px;text-align:center;font-family:\'Noto Serif CJK SC\',serif;color:#333;">— <span class="pageNumber"></span> —</div>';
