// The 往年对比 chart: one bar per year held (支出合计, printed 万元). Pure geometry so that the React
// page draws it as JSX and the CLI can write the same picture as an .svg file.
import { formatWanCents, toWanCents, type Fen } from '../money';
import type { FiguresOrigin } from './types';

export interface TotalPoint {
  year: number;
  total: Fen;
  origin: FiguresOrigin;
}

export interface ChartBar {
  year: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** printed 万元 figure */
  label: string;
  /** imported figures are drawn hatched-light so the clerk sees they are not from lines */
  origin: FiguresOrigin;
}

export interface TotalsChart {
  width: number;
  height: number;
  /** y of the baseline */
  baseline: number;
  bars: ChartBar[];
  title: string;
}

const W = 640,
  H = 280,
  TOP = 40,
  BOTTOM = 40,
  SIDE = 40;

export function totalsChart(points: readonly TotalPoint[]): TotalsChart {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const cents = sorted.map((p) => toWanCents(p.total));
  const max = cents.reduce((m, c) => (c > m ? c : m), 0n);
  const plotH = H - TOP - BOTTOM;
  const slot = sorted.length ? (W - 2 * SIDE) / sorted.length : 0;
  const barW = Math.min(80, slot * 0.6);
  const bars = sorted.map((p, i) => {
    const c = cents[i]!;
    // Geometry only: a float is fine for pixels, the label stays exact.
    const h = max > 0n ? Math.round((Number(c) / Number(max)) * plotH) : 0;
    return {
      year: p.year,
      x: Math.round(SIDE + slot * i + (slot - barW) / 2),
      y: TOP + plotH - h,
      width: Math.round(barW),
      height: h,
      label: formatWanCents(c),
      origin: p.origin,
    };
  });
  return { width: W, height: H, baseline: TOP + plotH, bars, title: '历年支出合计（万元）' };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The same chart as a standalone SVG document. */
export function totalsChartSvg(chart: TotalsChart): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" ` +
      `viewBox="0 0 ${chart.width} ${chart.height}" font-family="sans-serif" font-size="12">`,
    `<text x="${chart.width / 2}" y="20" text-anchor="middle" font-size="14">${esc(chart.title)}</text>`,
    `<line x1="${SIDE}" y1="${chart.baseline}" x2="${chart.width - SIDE}" y2="${chart.baseline}" stroke="#444"/>`,
  ];
  for (const b of chart.bars) {
    const fill = b.origin === 'lines' ? '#3b6fb6' : '#9db7dc';
    parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${fill}"/>`);
    parts.push(`<text x="${b.x + b.width / 2}" y="${b.y - 4}" text-anchor="middle">${esc(b.label)}</text>`);
    parts.push(`<text x="${b.x + b.width / 2}" y="${chart.baseline + 16}" text-anchor="middle">${b.year}年</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
