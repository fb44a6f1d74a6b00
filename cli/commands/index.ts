// The `budget` subcommands. A new command = a module in this folder + one line here. Modules are loaded
// on demand so that `budget list` does not pay for exceljs.
import type { Command } from './types';

/**
 * `writes`: the command changes the database, so it opens it through the one writing gate (the instance lock
 * on the real file, read-only files refused); the others open it read-only and never change a byte of it
 * (cli/common.ts openCommandDb decides by this flag; test/trust-gate.test.ts walks the table).
 */
export interface CommandEntry { usage: string; summary: string; writes: boolean; load: () => Promise<Command> }

export const COMMANDS: Record<string, CommandEntry> = {
  import: {
    writes: true,
    usage: 'budget import FILE.budget.json --db DB [--replace] [--merge]',
    summary: '导入预算文件（dept-budget/1）到数据库；已有同一部门同一年度的预算时需加 --replace 覆盖；--merge 把单位的预算文件合并到部门预算（已有的单位需加 --replace 替换该单位的部分）',
    load: async () => (await import('./import')).command,
  },
  'import-sheet': {
    writes: true,
    usage: 'budget import-sheet FILE --db DB --year YEAR --dept CODE [--sheet NAME] [--replace-lines] [--dry-run]',
    summary: '导入明细表（.xlsx 或 .csv，含一体化系统导出）到已有的部门年度预算；缺少的预算单位和项目按表中编码和名称新建；--replace-lines 替换原有明细；--dry-run 只检查不写入',
    load: async () => (await import('./import-sheet')).command,
  },
  export: {
    writes: false,
    usage: 'budget export DB --year YEAR [--dept CODE] [--xlsx OUT.xlsx] [--json OUT.budget.json] [--pdf OUT.pdf]',
    summary: '导出某年度预算的公开表（xlsx）、预算文件（json）和/或完整的预算公开文件（pdf）',
    load: async () => (await import('./export')).command,
  },
  check: {
    writes: false,
    usage: 'budget check DB --year YEAR [--dept CODE] [--json OUT]',
    summary: '审核某年度预算（科目、政策口径、项目、绩效目标、表间关系、情况说明），列出全部问题（--json 另写出每条问题的规则、级别、说明与位置）；有“错误”时退出码为 1',
    load: async () => (await import('./check')).command,
  },
  // Bureau summary of all departments of a year (core/summary).
  summary: {
    writes: false,
    usage: 'budget summary DB --year YEAR --xlsx OUT.xlsx [--pdf OUT.pdf]',
    summary: '汇总：某年度全部部门的部门汇总表及 12 张公开表（按全部部门的明细合并计算），导出为 xlsx（及 pdf）',
    load: async () => (await import('./summary')).command,
  },
  list: {
    writes: false,
    usage: 'budget list DB',
    summary: '列出数据库中的预算（部门、年度、明细条数、合计）',
    load: async () => (await import('./list')).command,
  },
  // Prior years (cli/commands/compare.ts).
  compare: {
    writes: false,
    usage: 'budget compare DB --year YEAR [--dept CODE] [--prior YEAR] [--json OUT.json] [--svg OUT.svg]',
    summary: '往年对比：某年度与上年（或 --prior 指定年度）按功能分类和支出类别的增减额、增减率（万元）',
    load: async () => (await import('./compare')).command,
  },
  'prior-import': {
    writes: true,
    usage: 'budget prior-import DB WORKBOOK.xlsx --year YEAR [--dept CODE]',
    summary: '导入上年公开表（BudgetDesk 导出格式的 xlsx）作为某年度预算的上年数，用于往年对比和比上年增减',
    load: async () => (await import('./compare')).priorImportCommand,
  },
  'new-year': {
    writes: true,
    usage: 'budget new-year DB --from YEAR --to YEAR [--dept CODE] [--zero] [--map function:OLD=NEW,economic:OLD=NEW]',
    summary: '新建年度：以某年度预算为底稿新建另一年度（单位、明细、项目及绩效指标、情况说明文字）；--zero 金额清零；新年度科目表没有的科目须用 --map 对照',
    load: async () => (await import('./compare')).newYearCommand,
  },
  finalize: {
    writes: true,
    usage: 'budget finalize DB --year YEAR [--dept CODE] [--undo --confirm]',
    summary: '定稿某年度预算（只读）；--undo --confirm 解除定稿',
    load: async () => (await import('./compare')).finalizeCommand,
  },
};
