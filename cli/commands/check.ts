// `budget check DB --year Y [--dept CODE] [--json OUT]`: runs the 审核 rules and prints every finding
// with its rule id; --json also writes them (id, severity, message, place) for other tools. Exit 1
// when any 错误 remains (so scripts can refuse to publish), 0 otherwise.
import { placeOf, runChecks, summarizeFindings } from '../../core/checks';
import { loadDisclosureInputs } from '../../db/disclosure';
import { parseArgs, parseYear, requireOption } from '../args';
import { chooseBudget, describeBudget, openCommandDb, writeFileAtomic } from '../common';
import { USAGE } from './usage';
import type { Command } from './types';

const usage = USAGE.check.usage;

export const command: Command = {
  usage,
  summary: USAGE.check.summary,
  run(argv) {
    const { opts, positionals } = parseArgs(argv, { options: { year: 'string', dept: 'string', json: 'string' }, positionals: ['DB'] }, usage);
    const year = parseYear(requireOption(opts, 'year', usage));
    const db = openCommandDb('check', positionals[0]!);
    try {
      const summary = chooseBudget(db, year, opts.dept as string | undefined);
      const { budget, catalogs, prior, lines } = loadDisclosureInputs(db, summary.id, { withoutLines: true });
      const findings = runChecks(budget, catalogs, prior(), { lines });
      const s = summarizeFindings(findings);
      const out = [`审核 ${describeBudget(summary)}预算：${s.text}`];
      for (const f of findings) out.push(`[${f.severity}] ${f.message}（规则 ${f.ruleId}）`);
      if (typeof opts.json === 'string') {
        const doc = {
          budget: { dept: summary.deptCode, deptName: summary.deptName, year: summary.year },
          summary: { errors: s.errors, hints: s.hints },
          findings: findings.map((f) => ({ id: f.ruleId, severity: f.severity, message: f.message, place: placeOf(f.target), group: f.group })),
        };
        writeFileAtomic(opts.json, `${JSON.stringify(doc, null, 2)}\n`, 'JSON 文件', { kind: 'json', protect: [db.path] });
        out.push(`已写出审核结果：${opts.json}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
      return s.errors > 0 ? 1 : 0;
    } finally {
      db.close();
    }
  },
};
