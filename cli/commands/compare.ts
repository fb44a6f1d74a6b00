// `budget compare` (往年对比).
import type { Comparison, ComparisonRow } from '../../core/compare/compare';
import { totalsChart, totalsChartSvg } from '../../core/compare/chart';
import { FIGURES_ORIGIN_NAMES } from '../../core/compare/types';
import { formatYuan } from '../../core/money';
import { compareBudgetYears, compareYearSeries, type YearComparison } from '../../db/years';
import { seriesCells, seriesHeader, type YearSeries } from '../../core/compare/series';
import type { BudgetDb } from '../../db/open';
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, openCommandDb, writeFileAtomic } from '../common';
import { CliError } from '../errors';
import { USAGE } from './usage';
import type { Command } from './types';

const compareUsage = USAGE.compare.usage;

const dash = (s: string | null) => s ?? '—';

function rowLine(r: ComparisonRow, withCode: boolean): string {
  const head = withCode ? [r.code ?? r.label, r.code ? `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}` : ''] : [r.label];
  return [...head, dash(r.prior), dash(r.current), dash(r.change), dash(r.rate)].join('\t');
}

/** The comparison as the clerk reads it on a terminal (tab-separated, 万元). */
export function formatComparison(c: Comparison, extra: Pick<YearComparison, 'priorFileName'>): string {
  const p = c.prior.year,
    y = c.current.year;
  const out: string[] = [];
  out.push(`往年对比：部门 ${c.department.code} ${c.department.name}  ${y} 年对比 ${p} 年（单位：万元）`);
  out.push(`${p} 年数据来源：${c.prior.origin ? FIGURES_ORIGIN_NAMES[c.prior.origin] : '无'}${extra.priorFileName ? `（${extra.priorFileName}）` : ''}`);
  for (const n of c.notes) out.push(`注：${n}`);
  out.push('', '一、按支出功能分类科目', ['科目编码', '科目名称', `${p}年预算数`, `${y}年预算数`, '增减额', '增减率'].join('\t'));
  for (const r of c.functions) out.push(rowLine(r, true));
  out.push('', '二、按支出类别', ['项目', `${p}年预算数`, `${y}年预算数`, '增减额', '增减率'].join('\t'));
  for (const r of c.summary) out.push(rowLine(r, false));
  const said = c.summary.filter((r) => ['total', 'basic', 'project'].includes(r.key) && r.word);
  if (said.length) {
    // 比上年 only for the year before; across a gap the years are named.
    const head = y - p === 1 ? '比上年增减' : `比 ${p} 年增减`;
    out.push('', `${head}：${said.map((r) => (r.word === '持平' ? `${r.label}持平` : `${r.label}${r.word} ${r.change!.replace('-', '')} 万元`)).join('；')}`);
  }
  return `${out.join('\n')}\n`;
}

/** 历年对比 on a terminal: the years in columns, each followed by its change from the year before. */
function formatSeries(s: YearSeries): string {
  const out = [`历年对比：部门 ${s.department.code} ${s.department.name}  ${s.years[0]}—${s.years[s.years.length - 1]} 年（单位：万元）`];
  for (const n of s.notes) out.push(`注：${n}`);
  out.push('', seriesHeader(s).join('\t'));
  for (const r of s.rows) out.push([`${r.level ? '  ' : ''}${r.label}`, ...seriesCells(s, r).map(dash)].join('\t'));
  return `${out.join('\n')}\n`;
}

async function runSeries(db: BudgetDb, deptCode: string, year: number, since: number, xlsx: string | undefined): Promise<void> {
  const s = compareYearSeries(db, deptCode, year, since);
  process.stdout.write(formatSeries(s));
  if (xlsx) {
    const { writeSeriesWorkbook } = await import('../../core/export/series-xlsx');
    writeFileAtomic(xlsx, await writeSeriesWorkbook(s), '工作簿', { kind: 'xlsx', protect: [db.path] });
    process.stdout.write(`已写出历年对比：${xlsx}\n`);
  }
}

export const command: Command = {
  usage: compareUsage,
  summary: USAGE.compare.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(
      argv,
      {
        options: { year: 'string', dept: 'string', prior: 'string', json: 'string', svg: 'string', since: 'string', xlsx: 'string' },
        positionals: ['DB'],
      },
      compareUsage,
    );
    const year = parseYear(requireOption(opts, 'year', compareUsage));
    const prior = typeof opts.prior === 'string' ? parseYear(opts.prior) : year - 1;
    if (prior === year) throw new CliError('--prior 不能与 --year 相同', 2);
    const since = typeof opts.since === 'string' ? parseYear(opts.since) : null;
    const xlsx = opts.xlsx as string | undefined;
    if (xlsx && since === null) throw new CliError(`--xlsx 须与 --since 一起使用（历年对比）；用法：${compareUsage}`, 2);
    if (xlsx && !/\.xlsx$/i.test(xlsx)) throw new CliError(`--xlsx 的文件名应以 .xlsx 结尾：“${xlsx}”`, 2);
    if (since !== null && (opts.prior !== undefined || opts.json !== undefined || opts.svg !== undefined)) {
      throw new CliError('--since（历年对比）不能与 --prior、--json、--svg 同用', 2);
    }
    const db = openCommandDb('compare', positionals[0]!);
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      if (since !== null) {
        await runSeries(db, summary.deptCode, year, since, xlsx);
        return;
      }
      const r = compareBudgetYears(db, summary.deptCode, year, prior);
      process.stdout.write(formatComparison(r.comparison, r));
      if (typeof opts.json === 'string') {
        const doc = {
          ...r.comparison,
          borrowedCatalogs: r.borrowed,
          priorFileName: r.priorFileName,
          totals: r.totals.map((t) => ({ year: t.year, total: formatYuan(t.total), origin: t.origin })),
        };
        writeFileAtomic(opts.json, `${JSON.stringify(doc, null, 2)}\n`, 'JSON 文件', { kind: 'json', protect: [db.path] });
        process.stdout.write(`已写出对比结果：${opts.json}\n`);
      }
      if (typeof opts.svg === 'string') {
        writeFileAtomic(opts.svg, totalsChartSvg(totalsChart(r.totals)), '图表文件', { kind: 'svg', protect: [db.path] });
        process.stdout.write(`已写出历年支出合计图：${opts.svg}\n`);
      }
    } finally {
      db.close();
    }
  },
};
