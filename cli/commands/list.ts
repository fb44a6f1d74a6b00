import { formatYuanGrouped } from '../../core/money';
import { listBudgets } from '../../db/budgets';
import { parseArgs } from '../args';
import { openCommandDb } from '../common';
import { USAGE } from './usage';
import type { Command } from './types';

const usage = USAGE.list.usage;

export const command: Command = {
  usage,
  summary: USAGE.list.summary,
  run(argv) {
    const { positionals } = parseArgs(argv, { options: {}, positionals: ['DB'] }, usage);
    const db = openCommandDb('list', positionals[0]!);
    try {
      const rows = listBudgets(db);
      if (!rows.length) {
        process.stdout.write('数据库中还没有预算\n');
        return;
      }
      process.stdout.write('部门编码\t部门名称\t年度\t状态\t明细条数\t合计（元）\n');
      for (const b of rows) {
        process.stdout.write(
          `${b.deptCode}\t${b.deptName}\t${b.year}\t${b.finalized ? '已定稿' : '编制中'}\t${b.lineCount}\t${formatYuanGrouped(BigInt(b.totalFen))}\n`,
        );
      }
    } finally {
      db.close();
    }
  },
};
