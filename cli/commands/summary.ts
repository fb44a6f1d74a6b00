// `budget summary DB --year YEAR --xlsx OUT.xlsx [--pdf OUT.pdf]`: the bureau's 汇总 of every department
// of a year — 部门汇总表, then the 12 standard tables over all departments' lines.
import { formatYuanGrouped } from '../../core/money';
import { bureauSummary } from '../../core/summary';
import { getCatalogs } from '../../db/catalogs';
import { loadYearBudgets } from '../../db/summary';
import { parseArgs, parseYear, requireOption } from '../args';
import { chromiumForPdf, openCommandDb, writeFileAtomic } from '../common';
import { CliError } from '../errors';
import { USAGE } from './usage';
import type { Command } from './types';

const usage = USAGE.summary.usage;

export const command: Command = {
  usage,
  summary: USAGE.summary.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { year: 'string', xlsx: 'string', pdf: 'string' }, positionals: ['DB'] }, usage);
    const year = parseYear(requireOption(opts, 'year', usage));
    const xlsx = requireOption(opts, 'xlsx', usage);
    const pdf = opts.pdf as string | undefined;
    if (!/\.xlsx$/i.test(xlsx)) throw new CliError(`--xlsx 的文件名应以 .xlsx 结尾：“${xlsx}”`, 2);
    if (pdf && !/\.pdf$/i.test(pdf)) throw new CliError(`--pdf 的文件名应以 .pdf 结尾：“${pdf}”`, 2);
    const db = openCommandDb('summary', positionals[0]!);
    try {
      const inputs = loadYearBudgets(db, year);
      if (inputs.length === 0) throw new CliError(`数据库中没有 ${year} 年的预算`);
      const s = bureauSummary(year, inputs, getCatalogs(db, year));
      const { writeWorkbook } = await import('../../core/export/xlsx');
      writeFileAtomic(xlsx, await writeWorkbook(s.tables), '工作簿', { kind: 'xlsx', protect: [db.path] });
      const total = s.departments.reduce((a, d) => a + d.total, 0n);
      const open = s.departments.filter((d) => !d.finalized).length;
      process.stdout.write(
        `已导出 ${year} 年 ${s.departments.length} 个部门的汇总表（${s.tables.length} 张表，收入总计 ${formatYuanGrouped(total)} 元${open ? `，其中 ${open} 个部门未定稿` : ''}）：${xlsx}\n`,
      );
      if (pdf) {
        const chromium = await chromiumForPdf();
        const { openChromiumPrinter } = await import('../../core/export/pdf');
        const { summaryHtml } = await import('../../core/summary/pdf');
        const printer = await openChromiumPrinter(chromium);
        try {
          writeFileAtomic(pdf, await printer.print(summaryHtml(year, s.tables)), 'PDF 文件', { kind: 'pdf', protect: [db.path] });
        } finally {
          await printer.close();
        }
        process.stdout.write(`已导出汇总表（PDF）：${pdf}\n`);
      }
    } finally {
      db.close();
    }
  },
};
