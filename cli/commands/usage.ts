// What each `budget` subcommand is called with and does: the help text, and each command's own usage
// line (./index.ts loads the commands; the commands read their text here, one place for each).
export const USAGE = {
  import: {
    writes: true,
    usage: 'budget import FILE.budget.json --db DB [--replace] [--merge]',
    summary:
      '导入预算文件（dept-budget/1）到数据库；已有同一部门同一年度的预算时需加 --replace 覆盖；--merge 把单位的预算文件合并到部门预算（已有的单位需加 --replace 替换该单位的部分）',
  },
  'import-sheet': {
    writes: true,
    usage: 'budget import-sheet FILE --db DB --year YEAR --dept CODE [--sheet NAME] [--replace-lines] [--append] [--dry-run]',
    summary:
      '导入明细表（.xlsx 或 .csv，含一体化系统导出）到已有的部门年度预算；缺少的预算单位和项目按表中编码和名称新建；--replace-lines 替换原有明细；表中明细已全部在预算中时须加 --append 才追加；--dry-run 只检查不写入',
  },
  export: {
    writes: false,
    usage: 'budget export DB --year YEAR [--dept CODE] [--xlsx OUT.xlsx] [--json OUT.budget.json] [--pdf OUT.pdf]',
    summary: '导出某年度预算的公开表（xlsx）、预算文件（json）和/或完整的预算公开文件（pdf）',
  },
  check: {
    writes: false,
    usage: 'budget check DB --year YEAR [--dept CODE] [--json OUT]',
    summary:
      '审核某年度预算（科目、政策口径、项目、绩效目标、表间关系、情况说明），列出全部问题（--json 另写出每条问题的规则、级别、说明与位置）；有“错误”时退出码为 1',
  },
  // Bureau summary of all departments of a year (core/summary).
  summary: {
    writes: false,
    usage: 'budget summary DB --year YEAR --xlsx OUT.xlsx [--pdf OUT.pdf]',
    summary: '汇总：某年度全部部门的部门汇总表及 12 张公开表（按全部部门的明细合并计算），导出为 xlsx（及 pdf）',
  },
  list: {
    writes: false,
    usage: 'budget list DB',
    summary: '列出数据库中的预算（部门、年度、明细条数、合计）',
  },
  // Prior years (往年对比, 上年公开表, 新建年度, 定稿).
  compare: {
    writes: false,
    usage: 'budget compare DB --year YEAR [--dept CODE] [--prior YEAR] [--json OUT.json] [--svg OUT.svg] | --since YEAR [--xlsx OUT.xlsx]',
    summary:
      '往年对比：某年度与上年（或 --prior 指定年度）按功能分类和支出类别的增减额、增减率（万元）；--since 历年对比：从该年到 --year 的每一年并列（合计、基本支出、项目支出、“三公”经费及各项、机关运行经费、功能分类各类）及逐年增减，--xlsx 另写出工作簿',
  },
  'prior-import': {
    writes: true,
    usage: 'budget prior-import DB WORKBOOK.xlsx --year YEAR [--dept CODE]',
    summary: '导入上年公开表（BudgetDesk 导出格式的 xlsx）作为某年度预算的上年数，用于往年对比和比上年增减',
  },
  'new-year': {
    writes: true,
    usage: 'budget new-year DB --from YEAR --to YEAR [--dept CODE] [--zero] [--map function:OLD=NEW,economic:OLD=NEW]',
    summary: '新建年度：以某年度预算为底稿新建另一年度（单位、明细、项目及绩效指标、情况说明文字）；--zero 金额清零；新年度科目表没有的科目须用 --map 对照',
  },
  // 控制数 and 下发 (cli/commands/control.ts).
  control: {
    writes: false,
    usage: 'budget control DB --year YEAR [--dept CODE] [--json OUT]',
    summary: '控制数：列出某年度预算的每个控制数及已编、差额和状态（超出/未编足/相符）；有超出时退出码为 1',
  },
  'control-import': {
    writes: true,
    usage: 'budget control-import SHEET --db DB --year YEAR --dept CODE [--sheet NAME] [--replace] [--dry-run]',
    summary: '导入财政部门下达的控制数表（.xlsx 或 .csv）到部门年度预算，全部正确才写入；--replace 以表中的控制数替换原有全部控制数；--dry-run 只检查不写入',
  },
  handout: {
    writes: false,
    usage: 'budget handout DB --year YEAR --dept CODE (--unit CODE --out FILE.budget.json | --out-dir DIR)',
    summary: '下发：为单位生成起始预算文件（部门与该单位、单位的控制数和项目、部门新增的科目），单位导入后即可编制；--out-dir 为全部单位各写一个文件',
  },
  finalize: {
    writes: true,
    usage: 'budget finalize DB --year YEAR [--dept CODE] [--despite-errors] [--undo --confirm [--reason TEXT]]',
    summary:
      '定稿某年度预算（只读，公开数字不再随其他年度或科目表变化）；还有错误时须加 --despite-errors；--undo --confirm 解除定稿，--reason 写明原因（记入定稿记录）',
  },
} as const satisfies Record<string, { usage: string; summary: string; writes: boolean }>;
