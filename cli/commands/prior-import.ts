// `budget prior-import` (导入上年公开表): last year's published workbook as a budget's prior-year figures.
import { basename } from 'node:path';
import { formatWanGrouped } from '../../core/money';
import { storePriorFigures } from '../../db/years';
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, describeBudget, openCommandDb, readBytes } from '../common';
import { CliError } from '../errors';
import type { Command } from './types';
import { USAGE } from './usage';

const importUsage = USAGE['prior-import'].usage;

export const command: Command = {
  usage: importUsage,
  summary: USAGE['prior-import'].summary,
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
      // A published workbook gives 万元 to two decimals: said as such, not as a 元 figure it does not know.
      const what = `支出合计 ${formatWanGrouped(t.total ?? 0n)} 万元，${r.figures.functions.length} 个功能分类科目行`;
      process.stdout.write(`已导入 ${r.figures.year} 年公开表作为 ${describeBudget(summary)}预算的上年数：${what}\n`);
    } finally {
      db.close();
    }
  },
};
