// The clerk's words for what travels under internal names: argument paths (`unit.code` → 单位编码) and
// enum values (`general` → 一般公共预算拨款). Every message a clerk reads is built with these, so no field
// key, enum value or file key reaches the screen (issue 12 §4). One table; add a row when a channel adds a field.
import { LINE_KIND_NAMES, PRIOR_FIGURE_LABELS, SOURCE_NAMES } from './model';

/** By the path without array indices ('unit.code', 'lines.amount'); the most specific path wins. */
const PATH_LABELS: Record<string, string> = {
  'unit.code': '单位编码',
  'unit.name': '单位名称',
  'unit.nature': '单位性质',
  'unit.grade': '单位规格',
  'unit.funding': '经费保障形式',
  'project.code': '项目编码',
  'project.name': '项目名称',
  'project.unit': '预算单位',
  'project.purpose': '资金用途',
  'project.spendingPlan': '资金支出计划',
  'project.goals': '绩效目标',
  'project.indicators': '绩效指标',
  budget: '预算',
  'budget.dept': '部门编码',
  'budget.year': '预算年度',
  'department.code': '部门编码',
  'department.name': '部门名称',
  'narrative.duties': '部门职责',
  'narrative.performanceGoals': '绩效目标',
  'narrative.changeReasons': '增减原因',
  'narrative.other': '其他需要说明的事项',
  'changeReasons.basic': '基本支出增减原因',
  'changeReasons.project': '项目支出增减原因',
  priorYear: '上年数',
  figures: '上年数',
  'spendingPlan.mar': '3月底累计进度',
  'spendingPlan.jun': '6月底累计进度',
  'spendingPlan.oct': '10月底累计进度',
  'spendingPlan.dec': '12月底累计进度',
  'indicators.level1': '一级指标',
  'indicators.level2': '二级指标',
  'indicators.name': '三级指标',
  'indicators.description': '绩效指标描述',
  'indicators.op': '比较符',
  'indicators.value': '指标值',
  'indicators.unit': '计量单位',
  'indicators.basis': '指标值确定依据',
};

/** By the last key of the path, when no longer path is listed. */
const KEY_LABELS: Record<string, string> = {
  after: '起点',
  amount: '金额',
  asOf: '资产统计日期',
  basis: '指标值确定依据',
  budget: '预算',
  carryover: '是否上年结转',
  catalog: '政府采购目录序号',
  changeReasons: '增减原因',
  changes: '修改内容',
  code: '编码',
  confirmed: '确认',
  data: '文件内容',
  dept: '部门编码',
  deptCode: '部门编码',
  deptName: '部门名称',
  description: '绩效指标描述',
  duties: '部门职责',
  economic: '经济分类科目',
  fileName: '文件名',
  fromYear: '来源年度',
  function: '支出功能分类科目',
  funding: '经费保障形式',
  goals: '绩效目标',
  grade: '单位规格',
  id: '记录',
  ids: '记录',
  indicators: '绩效指标',
  item: '品目',
  kind: '类别',
  leafOnly: '只看末级科目',
  limit: '条数',
  lines: '明细',
  measure: '计量单位',
  memo: '备注',
  name: '名称',
  narrative: '情况说明',
  nature: '单位性质',
  op: '比较符',
  other: '其他需要说明的事项',
  overwrite: '覆盖',
  path: '文件位置',
  performanceGoals: '绩效目标',
  priorYear: '对比年度',
  project: '项目',
  purpose: '资金用途',
  quantity: '数量',
  query: '搜索内容',
  remap: '科目对应',
  replace: '替换',
  row: '行',
  sme: '预留中小微企业份额',
  source: '资金来源',
  spendingPlan: '资金支出计划',
  text: '内容',
  title: '标题',
  toYear: '新年度',
  unit: '预算单位',
  unitPrice: '单价',
  value: '金额',
  year: '年度',
  zeroAmounts: '金额清零',
  figures: '上年数',
  total: '支出合计',
  threePublic: '“三公”经费',
  officeCost: '机关运行经费',
};
// The 上年数 panel's figures: 上年支出合计 …
for (const [k, v] of Object.entries(PRIOR_FIGURE_LABELS)) PATH_LABELS[`figures.${k}`] = `上年${v}`;

/** The clerk's name of an argument at `path` (zod's issue.path), or '' when it has none we know. */
export function argLabel(path: readonly (string | number)[]): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  for (let i = 0; i < keys.length; i++) {
    const label = PATH_LABELS[keys.slice(i).join('.')];
    if (label) return label;
  }
  const last = keys[keys.length - 1];
  return last !== undefined && Object.hasOwn(KEY_LABELS, last) ? KEY_LABELS[last]! : '';
}

const ENUM_LABELS: Record<string, string> = {
  ...SOURCE_NAMES,
  ...LINE_KIND_NAMES,
  function: '支出功能分类',
  economic: '经济分类',
};

/** An enum value as the clerk knows it (`general` → 一般公共预算拨款); unknown values are not shown. */
export function enumLabel(value: unknown): string {
  return typeof value === 'string' && Object.hasOwn(ENUM_LABELS, value) ? ENUM_LABELS[value]! : '';
}

/** “应为 一般公共预算拨款、政府性基金预算拨款 … 之一”: the Chinese names only. */
export function enumChoices(values: readonly unknown[]): string {
  const names = values.map(enumLabel).filter(Boolean);
  return names.length ? `应为${names.join('、')}之一` : '取值无效';
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  float: '小数',
  boolean: '是或否',
  object: '一组内容',
  array: '列表',
  null: '空',
  undefined: '空',
};
/** zod's type names in the clerk's words. */
export function typeLabel(t: string): string {
  return TYPE_NAMES[t] ?? '其他内容';
}

/** Unit and project codes: digits and capital letters (217001, 31011525T000000412345), and `-` inside, as clerks'
 *  own numbering and other tools write them (D-P1). The one place of this rule. */
export const ITEM_CODE_RE = /^[0-9A-Z][0-9A-Z-]{0,31}$/;
export const ITEM_CODE_RULE = '只能由数字和大写英文字母组成（中间可有“-”），以数字或字母开头，最多 32 位（如 217001、31011525T000000412345、D-P1）';
