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
import type { RenderedTable } from '../../tables/types';
import { expenseStructureSvg } from './chart';
import { esc, escLines, headingHtml } from './escape';
import { embeddedTableHtml, formBlockHtml, isWide, standardTableHtml } from './tables-html';

export { esc };
import { DISCLOSURE_CSS } from './style';

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
export interface TocEntry {
  anchor: string;
  label: string;
  level: 1 | 2;
  part: string;
}

/** A part starts on a new page; the pagination prints parts alone to count their pages. */
export interface DisclosurePart {
  id: string;
  anchors: string[];
}

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
    {
      anchor: 'part2',
      label: `第二部分 ${budget.department.name}${budget.year}年部门预算公开表`,
      level: 1,
      part: partTwo[0] ? `table-${partTwo[0].id}` : 'narrative',
    },
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

// ---------------------------------------------------------------- 情况说明

function blockHtml(b: NarrativeBlock, m: DisclosureModel): string {
  switch (b.type) {
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${escLines(b.text)}</p>`;
    case 'table':
      return (
        `<div class="small-table"><div class="caption">${esc(b.caption)}</div><table class="std small">` +
        `<thead><tr class="head">${b.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td class="text">${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`
      );
    case 'chart':
      return `<figure class="chart">${expenseStructureSvg(m.figures, m.input.catalogs, m.input.budget)}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    case 'standard-table': {
      const t = m.input.tables.find((x) => x.id === b.tableId);
      if (!t) return '';
      if (b.blockKey !== undefined && t.layout === 'form') return formBlockHtml(t, b.blockKey, b.caption);
      const inner = t.layout === 'grid' ? `<div class="embedded-title">${esc(b.caption ?? t.title)}</div>${embeddedTableHtml(t)}` : standardTableHtml(t);
      // An empty wide table fits the portrait page (its header set compact, else 计量单位 wraps one character
      // per line); only one with rows gets its own landscape page.
      return `<div class="embedded${isWide(t) ? (t.empty ? ' compact' : ' wide') : ''}">${inner}</div>`;
    }
  }
}

function narrativeHtml(m: DisclosureModel): string {
  const d = m.narrative;
  const sections = d.sections
    .map((s) => `<section class="nsec"><h2 id="sec-${s.key}">${esc(`${s.no}、${s.title}`)}</h2>${s.blocks.map((b) => blockHtml(b, m)).join('')}</section>`)
    .join('');
  return `<div class="part-label" id="part1">第一部分</div><h1 class="ntitle">${headingHtml(d.title)}</h1><p>${esc(d.intro)}</p>${sections}`;
}

// ---------------------------------------------------------------- cover, 目录

function coverHtml(b: Budget): string {
  return (
    `<div class="cover"><div class="cover-dept">${headingHtml(b.department.name)}</div>` +
    `<div class="cover-title">${headingHtml(`${b.year}年部门预算公开`)}</div>` +
    `<div class="cover-sub">部门编码：${esc(b.department.code)}</div></div>`
  );
}

/** Wider than any real page number of a disclosure. */
const PLACEHOLDER_PAGE = 888;

function tocHtml(m: DisclosureModel, pages: HtmlOptions['pages']): string {
  const rows = m.toc
    .map((e) => {
      const p = pages === 'placeholder' ? PLACEHOLDER_PAGE : pages?.[e.anchor];
      return (
        `<a class="toc-row l${e.level}" href="#${esc(e.anchor)}"><span class="toc-label">${headingHtml(e.label)}</span>` +
        `<span class="toc-dots"></span><span class="toc-page">${p === undefined ? '' : p}</span></a>`
      );
    })
    .join('');
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
  return (
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${esc(title)}</title><style>${DISCLOSURE_CSS}</style></head><body>${parts.map((p) => partHtml(m, p, opts)).join('')}</body></html>`
  );
}

/** The whole disclosure as one HTML document (without page numbers in the 目录 unless `pages` is given). */
export function buildDisclosureHtml(input: DisclosureInput, opts: HtmlOptions = {}): string {
  return disclosureHtmlFromModel(disclosureModel(input), opts);
}

/** Page footer for Chromium's header/footer templates (Playwright page.pdf, Electron printToPDF). */
export const PDF_FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:9px;text-align:center;font-family:\'Noto Serif CJK SC\',serif;color:#333;">— <span class="pageNumber"></span> —</div>';
