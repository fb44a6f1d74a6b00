import { existsSync, rmSync } from 'node:fs';
import { formatYuanGrouped, sumFen } from '../../core/money';
import { importBudgetFile } from '../../db/import';
import { parseArgs, requireOption } from '../args';
import { backupBeside, openCommandDb, readBudgetFileText } from '../common';
import { CliError } from '../errors';
import { USAGE } from './usage';
import type { Command } from './types';

const usage = USAGE.import.usage;

export const command: Command = {
  usage,
  summary: USAGE.import.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { db: 'string', replace: 'boolean', merge: 'boolean' }, positionals: ['FILE'] }, usage);
    const dbPath = requireOption(opts, 'db', usage);
    const text = readBudgetFileText(positionals[0]!, '预算文件');
    if (opts.merge === true) {
      if (!existsSync(dbPath)) throw new CliError(`数据库文件“${dbPath}”不存在；合并单位预算前请先导入部门的预算文件`);
      const { runMerge } = await import('./merge');
      await runMerge(dbPath, text, opts.replace === true);
      return;
    }
    const isNew = !existsSync(dbPath);
    // The app's lock: never while the app (or browser mode) has this file open, whatever name it used.
    const db = openCommandDb('import', dbPath, { create: true });
    let ok = false;
    try {
      const r = await importBudgetFile(db, text, { replace: opts.replace === true, backup: backupBeside(db) });
      if (!r.ok) throw new CliError(r.message);
      ok = true;
      const { budget } = r;
      for (const w of r.warnings) process.stdout.write(`警告：${w}\n`);
      const total = formatYuanGrouped(sumFen(budget.lines.map((l) => l.amount)));
      process.stdout.write(
        `已${r.replaced ? '替换' : '导入'} ${budget.department.code} ${budget.department.name} ${budget.year} 年预算：${budget.lines.length} 条明细，合计 ${total} 元\n`,
      );
      if (r.backup) process.stdout.write(`覆盖前的数据库已备份到：${r.backup}\n`);
    } finally {
      db.close();
      // A refused first import leaves no empty database behind.
      if (!ok && isNew) for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
    }
  },
};
