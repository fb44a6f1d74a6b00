// budget import-sheet for an indicator workbook (issue 13, item 5): projects' 绩效指标/绩效目标
// instead of lines. db/sheet-indicators.ts checks and writes, all or nothing; this only reports.
import { formatProblem, type IndicatorReading } from '../../core/sheets';
import { importIndicatorSheet } from '../../db/sheet-indicators';
import type { BudgetDb } from '../../db/open';
import { CliError } from '../errors';

export function importIndicatorsCli(db: BudgetDb, reading: IndicatorReading, opts: { dept: string; year: number; dryRun: boolean }): void {
  const r = importIndicatorSheet(db, reading, opts);
  const out = [
    `绩效指标表：工作表“${reading.indicatorSheet}”${reading.goalSheet ? `；绩效目标：工作表“${reading.goalSheet}”` : ''}`,
    `数据行：${reading.rows} 行，涉及项目 ${reading.projects.length} 个`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (r.problems.length) throw new CliError(`绩效指标未导入，数据库未作任何修改：共 ${r.problems.length} 处问题：${r.problems.map(formatProblem).join('；')}`);
  const pre = opts.dryRun ? '将' : '';
  const lines = [
    ...r.created.map((p) => `${pre}新建项目 ${p.code} ${p.name}：绩效指标 ${p.indicators} 条，绩效目标 ${p.goals} 条`),
    ...r.completed.map((p) => `${pre}补全项目 ${p.code} ${p.name}：绩效指标 ${p.indicators} 条，绩效目标 ${p.goals} 条`),
  ];
  const target = `部门 ${r.budget.deptCode} ${r.budget.deptName} ${r.budget.year} 年预算`;
  const n = r.created.length + r.completed.length;
  lines.push(opts.dryRun ? `试运行（--dry-run）：未写入数据库；正式导入将写入 ${n} 个项目的绩效指标到${target}` : `已导入 ${n} 个项目的绩效指标到${target}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
