// The bureau summary as one printable HTML document: the same table HTML and style as the disclosure PDF.
import { esc } from '../export/pdf/escape';
import { standardTableHtml } from '../export/pdf/tables-html';
import { DISCLOSURE_CSS } from '../export/pdf/style';
import type { RenderedTable } from '../tables/types';

export function summaryHtml(year: number, tables: readonly RenderedTable[]): string {
  const title = `${year}年部门预算汇总`;
  return (
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${esc(title)}</title><style>${DISCLOSURE_CSS}</style></head><body>` +
    tables.map((t) => `<section class="part">${standardTableHtml(t)}</section>`).join('') +
    '</body></html>'
  );
}
