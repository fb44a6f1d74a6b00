// `budget new-year` (新建年度): a year's budget as the draft of another year.
import { parseArgs, parseYear, requireOption } from '../args';
import { backupBeside, chooseBudget, openCommandDb } from '../common';
import { CliError } from '../errors';
import type { Command } from './types';
import { USAGE } from './usage';

const newYearUsage = USAGE['new-year'].usage;

function parseMap(text: string | undefined): { function: Record<string, string>; economic: Record<string, string> } {
  const out = { function: {} as Record<string, string>, economic: {} as Record<string, string> };
  if (!text) return out;
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(function|economic):(\d+)=(\d+)$/.exec(part);
    if (!m) throw new CliError(`--map 的“${part}”格式不对，应为 function:旧编码=新编码 或 economic:旧编码=新编码`, 2);
    out[m[1] as 'function' | 'economic'][m[2]!] = m[3]!;
  }
  return out;
}

export const command: Command = {
  usage: newYearUsage,
  summary: USAGE['new-year'].summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(
      argv,
      { options: { from: 'string', to: 'string', dept: 'string', zero: 'boolean', map: 'string' }, positionals: ['DB'] },
      newYearUsage,
    );
    const fromYear = parseYear(requireOption(opts, 'from', newYearUsage));
    const toYear = parseYear(requireOption(opts, 'to', newYearUsage));
    const remap = parseMap(opts.map as string | undefined);
    const { createYearFrom } = await import('../../db/years');
    const db = openCommandDb('new-year', positionals[0]!);
    try {
      const summary = chooseBudget(db, fromYear, opts.dept as string | undefined);
      const r = await createYearFrom(db, { deptCode: summary.deptCode, fromYear, toYear, zeroAmounts: opts.zero === true, remap, backup: backupBeside(db) });
      const borrowed = r.catalogNote ? `（${r.catalogNote}）` : '';
      if (r.status === 'needs-remap') {
        const list = r.codes.map((c) => `${c.kind}:${c.code} ${c.name}（${c.lineCount} 条明细）`).join('；');
        throw new CliError(`未新建 ${toYear} 年：以下科目不在 ${toYear} 年科目表中${borrowed}，请用 --map 指定新科目后重试：${list}`);
      }
      process.stdout.write(
        `已新建部门 ${summary.deptCode} ${summary.deptName} ${toYear} 年预算（来自 ${fromYear} 年）：` +
          `${r.units} 个单位，${r.lines} 条明细${r.zeroed ? '（金额已清零，待填写）' : ''}，${r.projects} 个项目${borrowed}\n`,
      );
      if (r.backup) process.stdout.write(`新建前的数据库已备份到：${r.backup}\n`);
    } finally {
      db.close();
    }
  },
};
