// `control` of a budget file (spec control-figures.md): the 控制数, each a distinct cell of a known unit and project.
import { formatYuan } from '../money';
import type { ControlCell, ControlKind, ControlSource } from '../model';
import { CONTROL_KINDS, CONTROL_SOURCES, LINE_KIND_NAMES, SOURCE_NAMES } from '../model';
import { cellKey } from '../control/cells';
import { describe } from '../validate-line';
import type { Reader } from './reader';

const CONTROL_LABELS = { unit: '预算单位', source: '资金来源', kind: '支出类型', project: '项目', amount: '控制数' };
const SOURCE_LIST = CONTROL_SOURCES.map((s) => SOURCE_NAMES[s]).join('、');
const KIND_LIST = CONTROL_KINDS.map((k) => LINE_KIND_NAMES[k]).join('、');

/** `control` of the document read by `top`: units and projects must exist, cells must be distinct. */
export function readControl(top: Reader, unitCodes: ReadonlySet<string>, projects: ReadonlyMap<string, string>): ControlCell[] {
  const cells: ControlCell[] = [];
  const seen = new Map<string, number>();
  top.eachObject('control', { placeOf: (i) => `第 ${i + 1} 个控制数`, labels: CONTROL_LABELS }, (r, raw, i) => {
    const cell: ControlCell = { source: 'general', amount: 0n };
    if (raw.unit !== undefined && raw.unit !== null) {
      const unit = r.code('unit');
      if (unit && !unitCodes.has(unit)) r.bad('unit', `预算单位 ${unit} 未定义（本预算的预算单位中没有该编码）`);
      if (unit) cell.unit = unit;
    }
    if (!(CONTROL_SOURCES as readonly unknown[]).includes(raw.source)) {
      r.bad('source', raw.source === undefined ? '缺少资金来源' : `${describe(raw.source)} 不是财政拨款的资金来源，应为${SOURCE_LIST}之一`);
    } else cell.source = raw.source as ControlSource;
    if (raw.kind !== undefined && raw.kind !== null) {
      if (!(CONTROL_KINDS as readonly unknown[]).includes(raw.kind)) r.bad('kind', `${describe(raw.kind)} 不是有效的支出类型，应为${KIND_LIST}之一`);
      else cell.kind = raw.kind as ControlKind;
    }
    if (raw.project !== undefined && raw.project !== null) {
      const project = r.code('project');
      if (project && !projects.has(project)) r.bad('project', `项目 ${project} 未定义（本预算的项目中没有该编码）`);
      else if (project && cell.kind !== 'project') r.bad('kind', '按项目给出的控制数，支出类型应为项目支出（"project"）');
      else if (project && cell.unit !== undefined && projects.get(project) !== cell.unit) r.bad('project', `项目 ${project} 不属于预算单位 ${cell.unit}`);
      if (project) cell.project = project;
    }
    cell.amount = r.amount('amount', { allowZero: true }) ?? 0n;
    const key = cellKey(cell);
    const first = seen.get(key);
    if (first !== undefined) r.bad('amount', `与第 ${first + 1} 个控制数是同一项（同一单位、资金来源、支出类型和项目），同一项只能给出一个控制数`);
    else seen.set(key, i);
    cells.push(cell);
  });
  return cells;
}

/** One 控制数 as the budget file writes it. */
export function controlToJson(c: ControlCell): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (c.unit !== undefined) o.unit = c.unit;
  o.source = c.source;
  if (c.kind !== undefined) o.kind = c.kind;
  if (c.project !== undefined) o.project = c.project;
  o.amount = formatYuan(c.amount);
  return o;
}
