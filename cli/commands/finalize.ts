// `budget finalize` (定稿, and --undo --confirm 解除定稿).
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, describeBudget, openCommandDb } from '../common';
import { CliError } from '../errors';
import type { Command } from './types';
import { USAGE } from './usage';

const finalizeUsage = USAGE.finalize.usage;

export const command: Command = {
  usage: finalizeUsage,
  summary: USAGE.finalize.summary,
  async run(argv) {
    const { opts, positionals } = parseArgs(
      argv,
      {
        options: { year: 'string', dept: 'string', undo: 'boolean', confirm: 'boolean', reason: 'string', 'despite-errors': 'boolean' },
        positionals: ['DB'],
      },
      finalizeUsage,
    );
    const year = parseYear(requireOption(opts, 'year', finalizeUsage));
    const { finalizeBudget, unfinalizeBudget } = await import('../../db/finalize');
    const db = openCommandDb('finalize', positionals[0]!);
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      if (opts.undo === true) {
        if (opts.confirm !== true) throw new CliError(`解除定稿需要确认：请加 --confirm 再运行（${describeBudget(summary)}预算解除定稿后可以再次修改）`, 2);
        unfinalizeBudget(db, summary.id, { confirmed: true, reason: typeof opts.reason === 'string' ? opts.reason : '' });
        process.stdout.write(`已解除 ${describeBudget(summary)}预算的定稿\n`);
      } else {
        const r = finalizeBudget(db, summary.id, { despiteErrors: opts['despite-errors'] === true });
        const despite = r.errors ? `；带着 ${r.errors} 个错误定稿` : '';
        process.stdout.write(
          `已定稿 ${describeBudget(summary)}预算（只读${despite}；解除定稿：${finalizeUsage.replace(/\[--undo --confirm.*\]$/, '--undo --confirm')}）\n`,
        );
      }
    } finally {
      db.close();
    }
  },
};
