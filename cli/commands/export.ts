import { serializeBudgetFile, unfinishedForFile } from '../../core/budget-file';
import { loadDisclosureInputs, type DisclosureInputs } from '../../db/disclosure';
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, chromiumForPdf, describeBudget, openCommandDb, writeFileAtomic } from '../common';
import { CliError } from '../errors';
import type { Catalogs } from '../../core/catalog';
import type { Budget } from '../../core/model';
import type { PriorFigures } from '../../core/narrative';
import type { RenderedTable, TableFigures } from '../../core/tables';
import { USAGE } from './usage';
import type { Command } from './types';

const usage = USAGE.export.usage;

/** The whole disclosure (封面、目录、情况说明、公开表) printed by the system Chromium. */
async function exportPdf(
  input: { budget: Budget; catalogs: Catalogs; tables: RenderedTable[]; tableFigures: TableFigures; prior: PriorFigures | null },
  out: string,
  what: string,
  dbPath: string,
): Promise<void> {
  const chromium = await chromiumForPdf();
  const { exportDisclosurePdf } = await import('../../core/export/pdf');
  const bytes = await exportDisclosurePdf(input, chromium);
  writeFileAtomic(out, bytes, 'PDF 文件', { kind: 'pdf', protect: [dbPath] });
  process.stdout.write(`已导出 ${what}预算公开文件（PDF）：${out}\n`);
}

export const command: Command = {
  usage,
  summary: USAGE.export.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(
      argv,
      { options: { year: 'string', dept: 'string', xlsx: 'string', json: 'string', pdf: 'string' }, positionals: ['DB'] },
      usage,
    );
    const year = parseYear(requireOption(opts, 'year', usage));
    const xlsx = opts.xlsx as string | undefined;
    const json = opts.json as string | undefined;
    const pdf = opts.pdf as string | undefined;
    if (!xlsx && !json && !pdf) throw new CliError(`请至少指定一个输出：--xlsx、--json 或 --pdf；用法：${usage}`, 2);
    if (pdf && !/\.pdf$/i.test(pdf)) throw new CliError(`--pdf 的文件名应以 .pdf 结尾：“${pdf}”`, 2);
    if (xlsx && !/\.xlsx$/i.test(xlsx)) throw new CliError(`--xlsx 的文件名应以 .xlsx 结尾：“${xlsx}”`, 2);
    const db = openCommandDb('export', positionals[0]!);
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      const inputs: DisclosureInputs = loadDisclosureInputs(db, summary.id, { withoutLines: true });
      const { budget, catalogs, prior, lines } = inputs;
      if (json) {
        const forFile = inputs.forFile();
        const unfinished = unfinishedForFile(forFile);
        if (unfinished) throw new CliError(unfinished, 1);
        writeFileAtomic(json, serializeBudgetFile(forFile), '预算文件', { kind: 'json', protect: [db.path] });
        process.stdout.write(`已导出预算文件：${json}\n`);
      }
      if (!xlsx && !pdf) return;
      // Catalogs and tables once for the workbook and the PDF alike (from the lines' stored digest).
      const { deriveTables, tableFigures } = await import('../../core/tables');
      const tf = tableFigures(budget, lines);
      const tables = deriveTables(budget, catalogs, tf);
      if (xlsx) {
        // Loaded here only: exceljs is the slow part of CLI start-up.
        const { writeWorkbook } = await import('../../core/export/xlsx');
        writeFileAtomic(xlsx, await writeWorkbook(tables), '工作簿', { kind: 'xlsx', protect: [db.path] });
        process.stdout.write(`已导出 ${describeBudget(summary)}预算公开表（${tables.length} 张表）：${xlsx}\n`);
      }
      if (pdf) await exportPdf({ budget, catalogs, tables, tableFigures: tf, prior: prior() }, pdf, describeBudget(summary), db.path);
    } finally {
      db.close();
    }
  },
};
