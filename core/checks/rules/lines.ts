// Rules on single line items and on what they refer to (catalog codes, units, projects).
import { CODE_LEVELS, type Catalog, type CatalogKind } from '../../catalog';
import { formatYuan } from '../../money';
import { LINE_KIND_NAMES, type Line } from '../../model';
import type { CheckContext, FindingTarget, Rule } from '../types';

/** "明细第 3 行（711001 2012901/30228 6400.00 元）" — the place a clerk finds in the 明细 list. */
export function lineLabel(line: Line, index: number): string {
  return `明细第 ${index + 1} 行（单位 ${line.unit}，${line.function}/${line.economic}，${formatYuan(line.amount)} 元）`;
}

export function lineTarget(line: Line, index: number): FindingTarget {
  return { page: 'lines', kind: 'line', id: line.id !== undefined ? String(line.id) : String(index + 1) };
}

const KIND_LABEL: Record<CatalogKind, string> = { function: '支出功能分类科目', economic: '部门预算支出经济分类科目' };

function codeRule(kind: CatalogKind): Rule[] {
  const leafLen = CODE_LEVELS[kind][CODE_LEVELS[kind].length - 1]!;
  const cat = (ctx: CheckContext): Catalog => ctx.catalogs[kind];
  return [
    {
      id: `line.${kind}-unknown`,
      severity: '错误',
      title: `${KIND_LABEL[kind]}编码须在本年度科目表中`,
      run: (ctx) => ctx.budget.lines.flatMap((l, i) => {
        const code = l[kind];
        if (cat(ctx).has(code)) return [];
        return [{ message: `${lineLabel(l, i)}：${KIND_LABEL[kind]} ${code} 不在 ${ctx.catalogs.year} 年科目表中`, target: lineTarget(l, i) }];
      }),
    },
    {
      id: `line.${kind}-not-leaf`,
      severity: '错误',
      title: `${KIND_LABEL[kind]}须为末级（${leafLen} 位）科目`,
      run: (ctx) => ctx.budget.lines.flatMap((l, i) => {
        const code = l[kind];
        if (!cat(ctx).has(code) || cat(ctx).isLeaf(code)) return [];
        return [{ message: `${lineLabel(l, i)}：${KIND_LABEL[kind]} ${code} ${cat(ctx).name(code)} 不是末级科目，明细须使用 ${leafLen} 位科目`, target: lineTarget(l, i) }];
      }),
    },
  ];
}

export const lineRules: Rule[] = [
  ...codeRule('function'),
  ...codeRule('economic'),
  {
    id: 'line.unit-unknown',
    severity: '错误',
    title: '明细的预算单位须已定义',
    run: (ctx) => {
      const units = new Set(ctx.budget.units.map((u) => u.code));
      return ctx.budget.lines.flatMap((l, i) => units.has(l.unit) ? [] : [{ message: `${lineLabel(l, i)}：预算单位 ${l.unit} 未定义`, target: lineTarget(l, i) }]);
    },
  },
  {
    id: 'line.amount-not-positive',
    severity: '错误',
    title: '明细金额须大于 0',
    run: (ctx) => ctx.budget.lines.flatMap((l, i) => l.amount > 0n ? [] : [{ message: `${lineLabel(l, i)}：金额须大于 0`, target: lineTarget(l, i) }]),
  },
  {
    id: 'line.project-missing',
    severity: '错误',
    title: '项目支出明细须指明项目（无所属项目的明细）',
    run: (ctx) => ctx.budget.lines.flatMap((l, i) => l.kind === 'project' && !l.project
      ? [{ message: `${lineLabel(l, i)}：项目支出未指明所属项目`, target: lineTarget(l, i) }] : []),
  },
  {
    id: 'line.project-unknown',
    severity: '错误',
    title: '项目支出明细所指项目须存在',
    run: (ctx) => {
      const projects = new Set(ctx.budget.projects.map((p) => p.code));
      return ctx.budget.lines.flatMap((l, i) => l.kind === 'project' && l.project && !projects.has(l.project)
        ? [{ message: `${lineLabel(l, i)}：所指项目 ${l.project} 不存在`, target: lineTarget(l, i) }] : []);
    },
  },
  {
    id: 'line.non-project-has-project',
    severity: '错误',
    title: '基本支出等非项目明细不能指明项目',
    run: (ctx) => ctx.budget.lines.flatMap((l, i) => l.kind !== 'project' && l.project
      ? [{ message: `${lineLabel(l, i)}：${LINE_KIND_NAMES[l.kind]}不能指明项目（${l.project}），只有项目支出可以`, target: lineTarget(l, i) }] : []),
  },
];
