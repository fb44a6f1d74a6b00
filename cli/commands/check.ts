// `budget check DB --year Y [--dept CODE]`: runs the 审核 rules and prints every finding; exit 1
// when any 错误 remains (so scripts can refuse to publish), 0 otherwise.
import { runChecks, summarizeFindings } from '../../core/checks';
import { priorFiguresOf } from '../../core/compare/sources';
import { loadDisclosureInputs } from '../../db/disclosure';
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, describeBudget, openDb } from '../common';
import { COMMANDS } from './index';
import type { Command } from './types';

const usage = COMMANDS.check!.usage;

export const command: Command = {
  usage,
  summary: COMMANDS.check!.summary,
  run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { year: 'string', dept: 'string' }, positionals: ['DB'] }, usage);
    const year = parseYear(requireOption(opts, 'year', usage));
    const db = openDb(positionals[0]!, { create: false });
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      const { budget, catalogs, priorSource } = loadDisclosureInputs(db, summary.id);
      const findings = runChecks(budget, catalogs, priorFiguresOf(priorSource()));
      const s = summarizeFindings(findings);
      const out = [`审核 ${describeBudget(summary)}预算：${s.text}`];
      for (const f of findings) out.push(`[${f.severity}] ${f.message}（规则 ${f.ruleId}）`);
      process.stdout.write(`${out.join('\n')}\n`);
      return s.errors > 0 ? 1 : 0;
    } finally {
      db.close();
    }
  },
};
