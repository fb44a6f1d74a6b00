// Rules on 控制数 (spec control-figures.md): each cell's 已编 against its ceiling, the units' split against
// the department's ceiling, and 财政拨款 lines no ceiling covers. Lines paid from 上年结转 never count.
import { cellCovers, cellKey, cellLabel, controlFigures, countsAgainstControl, figuresText, type ControlFigure } from '../../control/cells';
import { tupleKey } from '../../line-digest';
import { formatYuanGrouped } from '../../money';
import { LINE_KIND_NAMES, SOURCE_NAMES, type ControlCell, type Line, type LineKind, type Source } from '../../model';
import type { CheckContext, FindingTarget, Rule } from '../types';
import { lineTarget } from './lines';

const controlTarget = (c: ControlCell): FindingTarget => ({ page: 'control', kind: 'control', id: cellKey(c) });
const figuresOf = (ctx: CheckContext): ControlFigure[] => ctx.lazy('control', () => controlFigures({ ...ctx.budget, lines: ctx.lines.digest.cells }));

export const controlRules: Rule[] = [
  {
    id: 'control.exceeded',
    severity: '错误',
    title: '已编的财政拨款不超过控制数',
    run: (ctx) =>
      figuresOf(ctx)
        .filter((f) => f.status === '超出')
        .map((f) => ({
          message: `控制数“${f.label}”：${figuresText(f)}，已编超出控制数 ${formatYuanGrouped(-f.diff)} 元`,
          target: controlTarget(f.cell),
        })),
  },
  {
    id: 'control.unspent',
    severity: '提示',
    title: '控制数内的财政拨款已编足',
    run: (ctx) =>
      figuresOf(ctx)
        .filter((f) => f.status === '未编足')
        .map((f) => ({
          message: `控制数“${f.label}”：${figuresText(f)}，尚有 ${formatYuanGrouped(f.diff)} 元财政拨款未编入预算`,
          target: controlTarget(f.cell),
        })),
  },
  {
    id: 'control.units-exceed-department',
    severity: '错误',
    title: '各单位的控制数合计不超过部门的控制数',
    run: (ctx) => {
      const { control } = ctx.budget;
      return control
        .filter((d) => d.unit === undefined && d.project === undefined)
        .flatMap((d) => {
          const units = control.filter(
            (c) => c.unit !== undefined && c.project === undefined && c.source === d.source && (d.kind === undefined || c.kind === d.kind),
          );
          const sum = units.reduce((s, c) => s + c.amount, 0n);
          if (!units.length || sum <= d.amount) return [];
          return [
            {
              message:
                `控制数“${cellLabel(d, ctx.budget)}”：部门控制数 ${formatYuanGrouped(d.amount)} 元，${units.length} 个单位的控制数合计 ${formatYuanGrouped(sum)} 元，` +
                `差额 ${formatYuanGrouped(d.amount - sum)} 元，各单位的控制数超出部门控制数`,
              target: controlTarget(d),
            },
          ];
        });
    },
  },
  {
    id: 'control.lines-without-control',
    severity: '提示',
    title: '有控制数的资金来源和支出类型，其明细都在某个控制数之内',
    run: (ctx) => {
      const { control } = ctx.budget;
      if (!control.length) return [];
      // The lines' cells (unit × project × source × kind) from the digest, each tested once; per unit, source
      // and kind the cells no 控制数 covers, when 控制数 of that source and kind exist.
      const groups = new Map<string, { unit: string; source: Source; kind: LineKind; count: number; sum: bigint; cells: Set<string> }>();
      for (const l of ctx.lines.digest.cells) {
        if (!countsAgainstControl(l)) continue;
        if (!control.some((x) => x.source === l.source && (x.kind === undefined || x.kind === l.kind))) continue;
        if (control.some((x) => cellCovers(x, l))) continue;
        const k = `${l.unit}|${l.source}|${l.kind}`;
        let grp = groups.get(k);
        if (!grp) groups.set(k, (grp = { unit: l.unit, source: l.source, kind: l.kind, count: 0, sum: 0n, cells: new Set() }));
        grp.count += l.n;
        grp.sum += l.amount;
        grp.cells.add(tupleKey([l.unit, l.project, l.kind, l.source]));
      }
      if (!groups.size) return [];
      // The first line of each group, to name and to go to.
      const first = new Map<string, { line: Line; index: number }>();
      const keys = new Set([...groups.values()].flatMap((g) => [...g.cells]));
      for (const m of ctx.lines.matching({ fields: ['unit', 'project', 'kind', 'source'], keys, currentOnly: true })) {
        const k = `${m.line.unit}|${m.line.source}|${m.line.kind}`;
        if (!first.has(k)) first.set(k, m);
      }
      // In the order of their first lines, as the 明细 list shows them.
      const listed = [...groups.entries()].flatMap(([k, g]) => {
        const f = first.get(k);
        return f ? [{ g, f }] : [];
      });
      return listed
        .sort((a, b) => a.f.index - b.f.index)
        .map(({ g, f }) => ({
          message:
            `单位 ${g.unit} 的${SOURCE_NAMES[g.source]}${LINE_KIND_NAMES[g.kind]}明细 ${g.count} 条共 ${formatYuanGrouped(g.sum)} 元` +
            `（明细第 ${f.index + 1} 行起）不在任何控制数之内：控制数 0.00 元，已编 ${formatYuanGrouped(g.sum)} 元，差额 ${formatYuanGrouped(-g.sum)} 元`,
          target: lineTarget(f.line, f.index),
        }));
    },
  },
];
