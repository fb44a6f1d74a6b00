// 控制数 on the command line (spec control-figures.md): `budget control` prints each ceiling with 已编, 差额 and
// status; `budget control-import` reads the bureau's sheet (all or nothing); `budget handout` writes units' starter files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serializeBudgetFile } from '../../core/budget-file';
import { figureDto, figureLine, figuresSummary } from '../../core/control/report';
import { controlColumnReport } from '../../core/control/sheet';
import { formatProblem } from '../../core/sheets';
import { handoutFileName } from '../../api/file-names';
import { controlFiguresOf } from '../../db/control';
import { importControlSheet } from '../../db/control-sheet';
import { handoutBudgets } from '../../db/handout';
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, describeBudget, openCommandDb, readBytes, writeFileAtomic } from '../common';
import { CliError } from '../errors';
import { USAGE } from './usage';
import type { Command } from './types';

export const command: Command = {
  usage: USAGE.control.usage,
  summary: USAGE.control.summary,
  run(argv) {
    const usage = USAGE.control.usage;
    const { opts, positionals } = parseArgs(argv, { options: { year: 'string', dept: 'string', json: 'string' }, positionals: ['DB'] }, usage);
    const year = parseYear(requireOption(opts, 'year', usage));
    const db = openCommandDb('control', positionals[0]!);
    try {
      const entry = chooseBudget(db, year, opts.dept as string | undefined);
      const figures = controlFiguresOf(db, entry.id);
      const out = [`控制数 ${describeBudget(entry)}预算：${figures.length ? figuresSummary(figures) : '尚未录入控制数'}`, ...figures.map(figureLine)];
      if (typeof opts.json === 'string') {
        const doc = {
          budget: { dept: entry.deptCode, deptName: entry.deptName, year: entry.year },
          control: figures.map(figureDto),
        };
        writeFileAtomic(opts.json, `${JSON.stringify(doc, null, 2)}\n`, 'JSON 文件', { kind: 'json', protect: [db.path] });
        out.push(`已写出控制数：${opts.json}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
      return figures.some((f) => f.status === '超出') ? 1 : 0;
    } finally {
      db.close();
    }
  },
};

export const importCommand: Command = {
  usage: USAGE['control-import'].usage,
  summary: USAGE['control-import'].summary,
  async run(argv) {
    const usage = USAGE['control-import'].usage;
    const { opts, positionals } = parseArgs(
      argv,
      {
        options: { db: 'string', year: 'string', dept: 'string', sheet: 'string', replace: 'boolean', 'dry-run': 'boolean' },
        positionals: ['SHEET'],
      },
      usage,
    );
    const dbPath = requireOption(opts, 'db', usage);
    const year = parseYear(requireOption(opts, 'year', usage));
    const dept = requireOption(opts, 'dept', usage);
    const file = positionals[0]!;
    const bytes = readBytes(file, '控制数表');
    const dryRun = opts['dry-run'] === true;
    const db = dryRun ? openCommandDb('control', dbPath) : openCommandDb('control-import', dbPath);
    try {
      const r = await importControlSheet(db, new Uint8Array(bytes), file.split(/[\\/]/).pop()!, {
        dept,
        year,
        sheet: opts.sheet as string | undefined,
        replace: opts.replace === true,
        dryRun,
      });
      const out = [...(r.header ? controlColumnReport(r.header) : []), `数据行：${r.rows} 行，控制数 ${r.cells.length} 个`];
      process.stdout.write(`${out.join('\n')}\n`);
      if (r.problems.length)
        throw new CliError(`控制数表未导入，数据库未作任何修改：共 ${r.problems.length} 处问题：${r.problems.map(formatProblem).join('；')}`);
      const target = `部门 ${r.budget.deptCode} ${r.budget.deptName} ${r.budget.year} 年预算`;
      const done = r.written
        ? `已导入控制数到${target}：新增 ${r.written.added} 个，修改 ${r.written.updated} 个${r.written.removed ? `，删除原有 ${r.written.removed} 个` : ''}`
        : `试运行（--dry-run）：未写入数据库；正式导入将${opts.replace ? '以表中的控制数替换原有全部控制数' : '加入'} ${r.cells.length} 个控制数到${target}`;
      process.stdout.write(`${[...r.figures.map(figureLine), done].join('\n')}\n`);
    } finally {
      db.close();
    }
  },
};

export const handoutCommand: Command = {
  usage: USAGE.handout.usage,
  summary: USAGE.handout.summary,
  run(argv) {
    const usage = USAGE.handout.usage;
    const { opts, positionals } = parseArgs(
      argv,
      {
        options: { year: 'string', dept: 'string', unit: 'string', out: 'string', 'out-dir': 'string' },
        positionals: ['DB'],
      },
      usage,
    );
    const year = parseYear(requireOption(opts, 'year', usage));
    const dept = requireOption(opts, 'dept', usage);
    const one = typeof opts.unit === 'string';
    if (one && typeof opts.out !== 'string') throw new CliError(`下发一个单位需给出 --out 文件；用法：${usage}`, 2);
    if (!one && typeof opts['out-dir'] !== 'string')
      throw new CliError(`下发全部单位需给出 --out-dir 文件夹（或用 --unit 和 --out 下发一个单位）；用法：${usage}`, 2);
    const db = openCommandDb('handout', positionals[0]!);
    try {
      const budgets = handoutBudgets(db, dept, year, one ? [opts.unit as string] : undefined);
      const dir = opts['out-dir'] as string | undefined;
      if (dir && !one) {
        try {
          mkdirSync(dir, { recursive: true });
        } catch {
          throw new CliError(`无法创建文件夹“${dir}”`);
        }
      }
      for (const b of budgets) {
        const path = one ? (opts.out as string) : join(dir!, handoutFileName(b));
        writeFileAtomic(path, serializeBudgetFile(b), '预算文件', { kind: 'json', protect: [db.path] });
        const u = b.units[0]!;
        process.stdout.write(`已下发单位 ${u.code} ${u.name}：控制数 ${b.control.length} 个，项目 ${b.projects.length} 个 → ${path}\n`);
      }
    } finally {
      db.close();
    }
  },
};
