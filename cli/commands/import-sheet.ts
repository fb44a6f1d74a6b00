// budget import-sheet: a clerk's line-item sheet (.xlsx/.csv) into an existing department-year.
import { readIndicatorSheet, readLineSheet, formatProblem } from '../../core/sheets';
import { importIndicatorsCli } from './import-sheet-indicators';
import { columnReport, createdReport, decisionsReport, totalsReport } from '../../core/sheets/report';
import { alreadyInMessage, importLineSheet, rememberedChoices } from '../../db/sheet-import';
import { parseArgs, parseYear, requireOption } from '../args';
import { backupBeside, openCommandDb, readBytes } from '../common';
import { CliError } from '../errors';
import { USAGE } from './usage';
import type { Command } from './types';

const usage = USAGE['import-sheet'].usage;

export const command: Command = {
  usage,
  summary: USAGE['import-sheet'].summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(
      argv,
      {
        options: { db: 'string', year: 'string', dept: 'string', sheet: 'string', 'replace-lines': 'boolean', append: 'boolean', 'dry-run': 'boolean' },
        positionals: ['FILE'],
      },
      usage,
    );
    const dbPath = requireOption(opts, 'db', usage);
    const year = parseYear(requireOption(opts, 'year', usage));
    const dept = requireOption(opts, 'dept', usage);
    const file = positionals[0]!;
    const bytes = readBytes(file, '明细表');
    const dryRun = opts['dry-run'] === true;
    const db = openCommandDb('import-sheet', dbPath);
    try {
      // An indicator workbook (项目编码 + 一级/二级/三级指标) imports projects' indicators, not lines.
      const indicators = await readIndicatorSheet(new Uint8Array(bytes), file.split(/[\\/]/).pop()!, opts.sheet as string | undefined);
      if (!('reason' in indicators)) return importIndicatorsCli(db, indicators, { dept, year, dryRun });
      const reading = await readLineSheet(new Uint8Array(bytes), file.split(/[\\/]/).pop()!, {
        sheet: opts.sheet as string | undefined,
        remembered: (sig) => rememberedChoices(db, sig),
      });
      if (!reading.ok) throw new CliError(`明细表未导入：${reading.reason}`);
      const importOpts = { dept, year, replace: opts['replace-lines'] === true, append: opts.append === true, dryRun };
      const r = await importLineSheet(db, reading, importOpts, backupBeside(db));
      const out = [
        ...(reading.sheetName ? [`工作表：${reading.sheetName}`] : []),
        ...columnReport(reading.header),
        `数据行：${reading.rows.length} 行（跳过合计/小计行 ${reading.subtotalRows} 行），生成明细 ${r.resolved.lines.length} 条`,
        ...decisionsReport(reading),
        ...totalsReport(r.resolved.totals),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
      const { problems } = r.resolved;
      if (problems.length) throw new CliError(`明细表未导入，数据库未作任何修改：共 ${problems.length} 处问题：${problems.map(formatProblem).join('；')}`);
      if (r.alreadyIn && !importOpts.append) {
        const message = alreadyInMessage(r, { replace: '加 --replace-lines', append: '加 --append' });
        if (!dryRun) throw new CliError(`${message}；数据库未作任何修改`);
        process.stdout.write(`注意：${message}\n`);
      }
      const created = createdReport(r.resolved);
      const target = `部门 ${r.budget.deptCode} ${r.budget.deptName} ${r.budget.year} 年预算`;
      const what = r.replacedLines ? `替换原有 ${r.replacedLines} 条明细为` : '追加';
      const done = dryRun
        ? `试运行（--dry-run）：未写入数据库；正式导入将${what} ${r.resolved.lines.length} 条明细到${target}`
        : `已${what} ${r.resolved.lines.length} 条明细到${target}`;
      process.stdout.write(`${[...created.map((c) => (dryRun ? c.replace(/^新建/, '将新建') : c)), done].join('\n')}\n`);
      if (r.backup) process.stdout.write(`导入前的数据库已备份到：${r.backup}\n`);
    } finally {
      db.close();
    }
  },
};
