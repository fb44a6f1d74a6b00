// Rules on single line items and on what they refer to (catalog codes, units, projects).
import { CODE_LEVELS, type Catalog, type CatalogKind } from '../../catalog';
import { formatYuan } from '../../money';
import { LINE_KIND_NAMES, type Line } from '../../model';
import { columnsOf } from '../derived';
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

/** The findings of one per-line test. A plain loop: with 30,000 lines a flatMap of one-element arrays per
 *  line costs more than the tests themselves. `problem` returns the message, or null when the line is fine. */
export function eachLine(ctx: CheckContext, problem: (l: Line) => string | null): LineFinding[] {
  const out: LineFinding[] = [];
  const lines = ctx.budget.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const p = problem(l);
    if (p !== null) out.push({ message: `${lineLabel(l, i)}：${p}`, target: lineTarget(l, i) });
  }
  return out;
}

/**
 * eachLine for a test that reads only one or two of the fields kept as columns (line-facts.ts): the test
 * is made once per distinct value (or pair of values) that occurs, then each line costs array reads.
 */
export function eachLineOf<F extends ColumnField>(ctx: CheckContext, fields: [F], problem: (a: Line[F]) => string | null): LineFinding[];
export function eachLineOf<F extends ColumnField, G extends ColumnField>(
  ctx: CheckContext,
  fields: [F, G],
  problem: (a: Line[F], b: Line[G]) => string | null,
): LineFinding[];
export function eachLineOf(ctx: CheckContext, fields: ColumnField[], problem: (a: unknown, b?: unknown) => string | null): LineFinding[] {
  const cols = columnsOf(ctx);
  const A = cols[fields[0]!],
    B = fields[1] ? cols[fields[1]] : null;
  // verdicts[a][b]: the problem of A's value a with B's value b (b = 0 for one field), made when first met.
  const verdicts: (string | null)[][] = A.values.map(() => []);
  const out: LineFinding[] = [];
  const lines = ctx.budget.lines;
  for (let i = 0; i < lines.length; i++) {
    const a = A.at[i]!,
      b = B ? B.at[i]! : 0;
    const row = verdicts[a]!;
    let p = row[b];
    if (p === undefined) row[b] = p = B ? problem(A.values[a], B.values[b]) : problem(A.values[a]);
    if (p !== null) out.push({ message: `${lineLabel(lines[i]!, i)}：${p}`, target: lineTarget(lines[i]!, i) });
  }
  return out;
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
    run: (ctx) => eachLine(ctx, (l) => (l.amount > 0n ? null : '金额须大于 0')),
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
