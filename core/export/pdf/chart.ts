// 支出结构 chart: one stacked bar per 支出功能分类 类 (基本支出 / 项目支出 / 其他), drawn as inline SVG
// from BudgetFigures — the same sums the tables print. Geometry only uses ratios; labels are the
// printed 万元 figures.
import type { Catalogs } from '../../catalog';
import { formatWan, percent } from '../../money';
import type { Budget } from '../../model';
import type { BudgetFigures } from '../../narrative/figures';

const COLORS = { basic: '#3d6a9e', project: '#d9953a', other: '#8c9aa8' } as const;
const LABELS = { basic: '基本支出', project: '项目支出', other: '其他支出' } as const;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Share of `part` in `total` as "19.6%" (one decimal, half-up). */
function share(part: bigint, total: bigint): string {
  return percent(part, total, 1) ?? '0.0%';
}

export function expenseStructureSvg(f: BudgetFigures, catalogs: Catalogs, budget: Budget): string {
  const rows = f.functionClasses.filter((c) => c.total !== 0n);
  const hasOther = rows.some((r) => r.other !== 0n);
  const keys = (hasOther ? ['basic', 'project', 'other'] : ['basic', 'project']) as (keyof typeof COLORS)[];
  const W = 640,
    labelW = 170,
    valueW = 120,
    barW = W - labelW - valueW - 10,
    rowH = 26,
    top = 34;
  const H = top + rows.length * rowH + 10;
  const max = rows.reduce((m, r) => (r.total > m ? r.total : m), 0n);
  const scale = (v: bigint) => (max === 0n ? 0 : (Number(v) / Number(max)) * barW);
  const parts: string[] = [];
  // legend
  keys.forEach((k, i) => {
    const x = labelW + i * 100;
    parts.push(`<rect x="${x}" y="8" width="12" height="12" fill="${COLORS[k]}"/><text x="${x + 17}" y="18.5" font-size="11">${LABELS[k]}</text>`);
  });
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const name = catalogs.function.name(r.code) || budget.names?.function?.[r.code] || r.code;
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" font-size="11" text-anchor="end">${esc(`${r.code} ${name}`)}</text>`);
    let x = labelW;
    for (const k of keys) {
      const w = scale(r[k]);
      if (w > 0)
        parts.push(
          `<rect x="${x.toFixed(2)}" y="${y + 3}" width="${w.toFixed(2)}" height="${rowH - 8}" fill="${COLORS[k]}">` +
            `<title>${LABELS[k]} ${formatWan(r[k])}万元</title></rect>`,
        );
      x += w;
    }
    parts.push(`<text x="${(x + 6).toFixed(2)}" y="${y + 15}" font-size="11">${formatWan(r.total)}万元（${share(r.total, f.expense.total)}）</text>`);
  });
  parts.push(`<line x1="${labelW}" y1="${top - 2}" x2="${labelW}" y2="${H - 8}" stroke="#000" stroke-width="0.8"/>`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
    `font-family="'Noto Sans CJK SC', sans-serif" role="img" aria-label="支出结构图">${parts.join('')}</svg>`
  );
}
