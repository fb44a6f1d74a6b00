// Rules on single line items and on what they refer to (catalog codes, units, projects).
import { CODE_LEVELS, type Catalog, type CatalogKind } from '../../catalog';
import { formatYuan } from '../../money';
import { LINE_KIND_NAMES, type Line } from '../../model';
import { distinctTuples, fieldOf, tupleKey } from '../../line-digest';
import type { ColumnField } from '../line-facts';
import type { CheckContext, Finding, FindingTarget, Rule } from '../types';

/** "明细第 3 行（711001 2012901/30228 6400.00 元）" — the place a clerk finds in the 明细 list. */
export function lineLabel(line: Line, index: number): string {
  return `明细第 ${index + 1} 行（单位 ${line.unit}，${line.function}/${line.economic}，${formatYuan(line.amount)} 元）`;
}

export function lineTarget(line: Line, index: number): FindingTarget {
  return { page: 'lines', kind: 'line', id: line.id !== undefined ? String(line.id) : String(index + 1) };
}

const KIND_LABEL: Record<CatalogKind, string> = { function: '支出功能分类科目', economic: '部门预算支出经济分类科目' };

type LineFinding = Omit<Finding, 'ruleId' | 'severity' | 'group'>;
/** A field's value as a test sees it: a line of no project has project ''. */
type LineValue<F extends ColumnField> = F extends 'project' ? string : Line[F];

/**
 * The findings of a test of one or two of a line's fields: the test is made once per distinct value (or
 * pair) among the lines, from their digest; only the lines whose values fail are then fetched, to be named.
 */
export function eachLineOf<F extends ColumnField>(ctx: CheckContext, fields: [F], problem: (a: LineValue<F>) => string | null): LineFinding[];
export function eachLineOf<F extends ColumnField, G extends ColumnField>(
  ctx: CheckContext,
  fields: [F, G],
  problem: (a: LineValue<F>, b: LineValue<G>) => string | null,
): LineFinding[];
export function eachLineOf(ctx: CheckContext, fields: ColumnField[], problem: (a: never, b?: never) => string | null): LineFinding[] {
  const verdicts = new Map<string, string>();
  for (const t of distinctTuples(ctx.lines.digest, fields)) {
    const p = problem(...(t as [never, never]));
    if (p !== null) verdicts.set(tupleKey(t), p);
  }
  if (!verdicts.size) return [];
  return ctx.lines.matching({ fields, keys: new Set(verdicts.keys()) }).map(({ line, index }) => ({
    message: `${lineLabel(line, index)}：${verdicts.get(tupleKey(fields.map((f) => fieldOf(line, f))))}`,
    target: lineTarget(line, index),
  }));
}

function codeRule(kind: CatalogKind): Rule[] {
  const leafLen = CODE_LEVELS[kind][CODE_LEVELS[kind].length - 1]!;
  return [
    {
      id: `line.${kind}-unknown`,
      severity: '错误',
      title: `${KIND_LABEL[kind]}编码须在本年度科目表中`,
      run: (ctx) => {
        const cat: Catalog = ctx.catalogs[kind];
        return eachLineOf(ctx, [kind], (code) => (cat.has(code) ? null : `${KIND_LABEL[kind]} ${code} 不在 ${ctx.catalogs.year} 年科目表中`));
      },
    },
    {
      id: `line.${kind}-not-leaf`,
      severity: '错误',
      title: `${KIND_LABEL[kind]}须为末级（${leafLen} 位）科目`,
      run: (ctx) => {
        const cat: Catalog = ctx.catalogs[kind];
        return eachLineOf(ctx, [kind], (code) => {
          if (!cat.has(code) || cat.isLeaf(code)) return null;
          return `${KIND_LABEL[kind]} ${code} ${cat.name(code)} 不是末级科目，明细须使用 ${leafLen} 位科目`;
        });
      },
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
      return eachLineOf(ctx, ['unit'], (unit) => (units.has(unit) ? null : `预算单位 ${unit} 未定义`));
    },
  },
  {
    id: 'line.amount-not-positive',
    severity: '错误',
    title: '明细金额须大于 0',
    run: (ctx) => ctx.lines.zeroAmount().map(({ line, index }) => ({ message: `${lineLabel(line, index)}：金额须大于 0`, target: lineTarget(line, index) })),
  },
  {
    id: 'line.project-missing',
    severity: '错误',
    title: '项目支出明细须指明项目（无所属项目的明细）',
    run: (ctx) => eachLineOf(ctx, ['kind', 'project'], (kind, project) => (kind === 'project' && !project ? '项目支出未指明所属项目' : null)),
  },
  {
    id: 'line.project-unknown',
    severity: '错误',
    title: '项目支出明细所指项目须存在',
    run: (ctx) => {
      const projects = new Set(ctx.budget.projects.map((p) => p.code));
      return eachLineOf(ctx, ['kind', 'project'], (kind, project) =>
        kind === 'project' && project && !projects.has(project) ? `所指项目 ${project} 不存在` : null,
      );
    },
  },
  {
    id: 'line.non-project-has-project',
    severity: '错误',
    title: '基本支出等非项目明细不能指明项目',
    run: (ctx) =>
      eachLineOf(ctx, ['kind', 'project'], (kind, project) =>
        kind !== 'project' && project ? `${LINE_KIND_NAMES[kind]}不能指明项目（${project}），只有项目支出可以` : null,
      ),
  },
];
