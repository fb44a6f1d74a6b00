// Rules on 控制数 (spec control-figures.md): each cell's 已编 against its ceiling, the units' split against
// the department's ceiling, and 财政拨款 lines no ceiling covers. Lines paid from 上年结转 never count.
import { cellCovers, cellKey, cellLabel, controlFigures, countsAgainstControl, figuresText, type ControlFigure } from '../../control/cells';
import { formatYuanGrouped } from '../../money';
import { LINE_KIND_NAMES, SOURCE_NAMES, type ControlCell, type Line } from '../../model';
import type { CheckContext, FindingTarget, Rule } from '../types';
import { lineTarget } from './lines';

const controlTarget = (c: ControlCell): FindingTarget => ({ page: 'control', kind: 'control', id: cellKey(c) });
const figuresOf = (ctx: CheckContext): ControlFigure[] => ctx.lazy('control', () => controlFigures(ctx.budget));

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
      const { control, lines } = ctx.budget;
      if (!control.length) return [];
      // Lines grouped by cell coordinates first (a budget has far fewer groups than lines), then tested.
      const cells = new Map<string, { first: Line; index: number; count: number; sum: bigint }>();
      lines.forEach((l, i) => {
        if (!countsAgainstControl(l)) return;
        const k = `${l.unit}|${l.source}|${l.kind}|${l.project ?? ''}`;
        const g = cells.get(k);
        if (g) {
          g.count++;
          g.sum += l.amount;
        } else cells.set(k, { first: l, index: i, count: 1, sum: l.amount });
      });
      // Per unit, source and kind: the lines no cell covers, when cells of that source and kind exist.
      const groups = new Map<string, { first: Line; index: number; count: number; sum: bigint }>();
      for (const c of cells.values()) {
        const l = c.first;
        if (!control.some((x) => x.source === l.source && (x.kind === undefined || x.kind === l.kind))) continue;
        if (control.some((x) => cellCovers(x, l))) continue;
        const k = `${l.unit}|${l.source}|${l.kind}`;
        const g = groups.get(k);
        if (!g) groups.set(k, { ...c });
        else {
          g.count += c.count;
          g.sum += c.sum;
          if (c.index < g.index) {
            g.index = c.index;
            g.first = l;
          }
        }
      }
      return [...groups.values()].map((g) => ({
        message:
          `单位 ${g.first.unit} 的${SOURCE_NAMES[g.first.source]}${LINE_KIND_NAMES[g.first.kind]}明细 ${g.count} 条共 ${formatYuanGrouped(g.sum)} 元` +
          `（明细第 ${g.index + 1} 行起）不在任何控制数之内：控制数 0.00 元，已编 ${formatYuanGrouped(g.sum)} 元，差额 ${formatYuanGrouped(-g.sum)} 元`,
        target: lineTarget(g.first, g.index),
      }));
    },
  },
];
