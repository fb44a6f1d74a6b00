// `budget compare` (往年对比) and `budget prior-import` (导入上年公开表).
import { basename } from 'node:path';
import type { Comparison, ComparisonRow } from '../../core/compare/compare';
import { totalsChart, totalsChartSvg } from '../../core/compare/chart';
import { FIGURES_ORIGIN_NAMES } from '../../core/compare/types';
import { formatYuan } from '../../core/money';
import { compareBudgetYears, storePriorFigures, type YearComparison } from '../../db/years';
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, describeBudget, openCommandDb, readBytes, writeFileAtomic } from '../common';
import { CliError } from '../errors';
import { COMMANDS } from './index';
import type { Command } from './types';

// Usage and summary text live in the command table (./index), one place for each.
const compareUsage = COMMANDS.compare!.usage;
const importUsage = COMMANDS['prior-import']!.usage;

const dash = (s: string | null) => s ?? '—';

function rowLine(r: ComparisonRow, withCode: boolean): string {
  const head = withCode ? [r.code ?? r.label, r.code ? `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}` : ''] : [r.label];
  return [...head, dash(r.prior), dash(r.current), dash(r.change), dash(r.rate)].join('\t');
}

/** The comparison as the clerk reads it on a terminal (tab-separated, 万元). */
export function formatComparison(c: Comparison, extra: Pick<YearComparison, 'priorFileName'>): string {
  const p = c.prior.year, y = c.current.year;
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
    out.push('', `比上年增减：${said.map((r) => (r.word === '持平' ? `${r.label}持平` : `${r.label}${r.word} ${r.change!.replace('-', '')} 万元`)).join('；')}`);
  }
  return `${out.join('\n')}\n`;
}

export const command: Command = {
  usage: compareUsage,
  summary: COMMANDS.compare!.summary,
  run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { year: 'string', dept: 'string', prior: 'string', json: 'string', svg: 'string' }, positionals: ['DB'] }, compareUsage);
    const year = parseYear(requireOption(opts, 'year', compareUsage));
    const prior = typeof opts.prior === 'string' ? parseYear(opts.prior) : year - 1;
    if (prior === year) throw new CliError('--prior 不能与 --year 相同', 2);
    const db = openCommandDb('compare', positionals[0]!);
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      const r = compareBudgetYears(db, summary.deptCode, year, prior);
      process.stdout.write(formatComparison(r.comparison, r));
      if (typeof opts.json === 'string') {
        const doc = { ...r.comparison, borrowedCatalogs: r.borrowed, priorFileName: r.priorFileName, totals: r.totals.map((t) => ({ year: t.year, total: formatYuan(t.total), origin: t.origin })) };
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

export const priorImportCommand: Command = {
  usage: importUsage,
  summary: COMMANDS['prior-import']!.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { year: 'string', dept: 'string' }, positionals: ['DB', 'WORKBOOK'] }, importUsage);
    const year = parseYear(requireOption(opts, 'year', importUsage));
    const file = positionals[1]!;
    const data = readBytes(file, '工作簿');
    const db = openCommandDb('prior-import', positionals[0]!);
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      const { readPublishedWorkbook } = await import('../../core/compare/workbook');
      const r = await readPublishedWorkbook(data, basename(file), { deptCode: summary.deptCode, year: year - 1 });
      if (!r.ok) throw new CliError(r.reason);
      storePriorFigures(db, summary.id, r.figures, r.fileName);
      const t = r.figures.summary;
      process.stdout.write(`已导入 ${r.figures.year} 年公开表作为 ${describeBudget(summary)}预算的上年数：支出合计 ${formatYuan(t.total ?? 0n)} 元，${r.figures.functions.length} 个功能分类科目行\n`);
    } finally {
      db.close();
    }
  },
};

const newYearUsage = COMMANDS['new-year']!.usage;

function parseMap(text: string | undefined): { function: Record<string, string>; economic: Record<string, string> } {
  const out = { function: {} as Record<string, string>, economic: {} as Record<string, string> };
  if (!text) return out;
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(function|economic):(\d+)=(\d+)$/.exec(part);
    if (!m) throw new CliError(`--map 的“${part}”格式不对，应为 function:旧编码=新编码 或 economic:旧编码=新编码`, 2);
    out[m[1] as 'function' | 'economic'][m[2]!] = m[3]!;
  }
  return out;
}

export const newYearCommand: Command = {
  usage: newYearUsage,
  summary: COMMANDS['new-year']!.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { from: 'string', to: 'string', dept: 'string', zero: 'boolean', map: 'string' }, positionals: ['DB'] }, newYearUsage);
    const fromYear = parseYear(requireOption(opts, 'from', newYearUsage));
    const toYear = parseYear(requireOption(opts, 'to', newYearUsage));
    const remap = parseMap(opts.map as string | undefined);
    const { createYearFrom } = await import('../../db/years');
    const db = openCommandDb('new-year', positionals[0]!);
    try {
      const summary = chooseBudget(db, fromYear, opts.dept as string | undefined);
      const r = createYearFrom(db, { deptCode: summary.deptCode, fromYear, toYear, zeroAmounts: opts.zero === true, remap });
      const borrowed = r.catalogNote ? `（${r.catalogNote}）` : '';
      if (r.status === 'needs-remap') {
        const list = r.codes.map((c) => `${c.kind}:${c.code} ${c.name}（${c.lineCount} 条明细）`).join('；');
        throw new CliError(`未新建 ${toYear} 年：以下科目不在 ${toYear} 年科目表中${borrowed}，请用 --map 指定新科目后重试：${list}`);
      }
      process.stdout.write(`已新建部门 ${summary.deptCode} ${summary.deptName} ${toYear} 年预算（来自 ${fromYear} 年）：${r.units} 个单位，${r.lines} 条明细${r.zeroed ? '（金额已清零，待填写）' : ''}，${r.projects} 个项目${borrowed}\n`);
    } finally {
      db.close();
    }
  },
};

const finalizeUsage = COMMANDS.finalize!.usage;

export const finalizeCommand: Command = {
  usage: finalizeUsage,
  summary: COMMANDS.finalize!.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { year: 'string', dept: 'string', undo: 'boolean', confirm: 'boolean' }, positionals: ['DB'] }, finalizeUsage);
    const year = parseYear(requireOption(opts, 'year', finalizeUsage));
    const { finalizeBudget, unfinalizeBudget } = await import('../../db/years');
    const db = openCommandDb('finalize', positionals[0]!);
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      if (opts.undo === true) {
        if (opts.confirm !== true) throw new CliError(`解除定稿需要确认：请加 --confirm 再运行（${describeBudget(summary)}预算解除定稿后可以再次修改）`, 2);
        unfinalizeBudget(db, summary.id, { confirmed: true });
        process.stdout.write(`已解除 ${describeBudget(summary)}预算的定稿\n`);
      } else {
        finalizeBudget(db, summary.id);
        process.stdout.write(`已定稿 ${describeBudget(summary)}预算（只读；解除定稿：${finalizeUsage.replace('[--undo --confirm]', '--undo --confirm')}）\n`);
      }
    } finally {
      db.close();
    }
  },
};
