// Projects' performance indicators (绩效指标) and goals (绩效目标) from a sheet (issue 13, item 5):
// one sheet with 项目编码/项目名称 and the indicator columns, another sheet of the same file may hold
// the goals. Pure: rows → per-project indicators and goals, every problem with row number and header.
import { INDICATOR_LEVEL1, INDICATOR_LEVEL2, type Indicator } from '../model';
import { cellText, splitCodeName } from './cells';
import { normalizeHeader } from './fields';
import type { Grid, GridRow } from './grid';
import { HEADER_SEARCH_ROWS } from './header';
import type { SheetProblem } from './rows';

type IndicatorField = 'project' | 'projectName' | 'unit' | 'level1' | 'level2' | 'name' | 'op' | 'value' | 'measure' | 'basis' | 'description' | 'goal';

/** Header names of each column (normalized form). */
const INDICATOR_HEADERS: Record<IndicatorField, readonly string[]> = {
  project: ['项目编码', '项目代码', 'PRO_CODE'],
  projectName: ['项目名称', 'PRO_NAME'],
  unit: ['预算单位', '单位编码', '单位代码', '单位', 'AGENCY_CODE'],
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标', '指标名称'],
  op: ['指标性质', '比较', '比较符', '运算符号'],
  value: ['指标值', '目标值', '年度指标值'],
  measure: ['计量单位', '度量单位'],
  basis: ['指标值确定依据', '确定依据'],
  description: ['指标解释', '指标说明', '指标内容'],
  goal: ['绩效目标', '年度绩效目标', '项目绩效目标', '总体目标'],
};
const FIELD_OF = new Map<string, IndicatorField>();
for (const [f, names] of Object.entries(INDICATOR_HEADERS)) for (const n of names) FIELD_OF.set(normalizeHeader(n), f as IndicatorField);

/** 指标性质 words → the comparison signs of the budget file (≥ ≤ = > <). */
const OPS: Record<string, string> = {
  '≥': '≥',
  '>=': '≥',
  大于等于: '≥',
  不低于: '≥',
  不少于: '≥',
  正向指标: '≥',
  正向: '≥',
  '≤': '≤',
  '<=': '≤',
  小于等于: '≤',
  不高于: '≤',
  不超过: '≤',
  反向指标: '≤',
  反向: '≤',
  '=': '=',
  等于: '=',
  定量: '=',
  定性: '=',
  '>': '>',
  大于: '>',
  '<': '<',
  小于: '<',
};

export interface SheetProjectIndicators {
  code: string;
  name: string;
  unit: string;
  row: number;
  indicators: Indicator[];
  goals: string[];
}
export interface IndicatorReading {
  projects: SheetProjectIndicators[];
  problems: SheetProblem[];
  indicatorSheet: string;
  goalSheet: string | null;
  rows: number;
}

interface Found {
  row: number;
  rows: number;
  cols: Map<IndicatorField, { index: number; header: string }>;
}

function findIndicatorHeader(rows: readonly GridRow[], need: (f: Map<IndicatorField, unknown>) => boolean): Found | null {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const cols = new Map<IndicatorField, { index: number; header: string }>();
    rows[i]!.cells.forEach((c, index) => {
      const header = cellText(c);
      const f = FIELD_OF.get(normalizeHeader(header));
      if (f && !cols.has(f)) cols.set(f, { index, header });
    });
    if (need(cols)) return { row: rows[i]!.number, rows: 1, cols };
  }
  return null;
}

const hasIndicators = (m: Map<IndicatorField, unknown>) => m.has('project') && m.has('level1') && m.has('level2') && m.has('name');
const hasGoals = (m: Map<IndicatorField, unknown>) => m.has('project') && m.has('goal');

/** Reads the indicator sheet (and a goal sheet, when another sheet of the file has 项目编码 + 绩效目标). */
export function readIndicatorGrids(grids: readonly Grid[]): IndicatorReading | { reason: string } {
  const withHeader = grids.map((g) => ({ g, ind: findIndicatorHeader(g.rows, hasIndicators), goal: findIndicatorHeader(g.rows, hasGoals) }));
  const main = withHeader.find((x) => x.ind);
  if (!main) return { reason: '找不到绩效指标表：表头应有“项目编码”“一级指标”“二级指标”“三级指标”等列' };
  const goalSource = main.ind!.cols.has('goal') ? main : withHeader.find((x) => x !== main && x.goal);
  const problems: SheetProblem[] = [];
  const byCode = new Map<string, SheetProjectIndicators>();
  const project = (r: GridRow, h: Found): SheetProjectIndicators | null => {
    const cell = (f: IndicatorField) => {
      const c = h.cols.get(f);
      return c ? (r.cells[c.index] ?? null) : null;
    };
    const cn = splitCodeName(cell('project'));
    if (cn.name === '' && h.cols.has('projectName')) cn.name = cellText(cell('projectName'));
    if (cn.code === '') {
      problems.push({ row: r.number, column: h.cols.get('project')!.header, message: '缺少项目编码' });
      return null;
    }
    let p = byCode.get(cn.code);
    if (!p) byCode.set(cn.code, (p = { code: cn.code, name: cn.name, unit: splitCodeName(cell('unit')).code, row: r.number, indicators: [], goals: [] }));
    return p;
  };

  const ind = main.ind!;
  let rows = 0;
  for (const r of main.g.rows) {
    if (r.number <= ind.row || !r.cells.some((c) => c !== null)) continue;
    const text = (f: IndicatorField) => {
      const c = ind.cols.get(f);
      return c ? cellText(r.cells[c.index] ?? null) : '';
    };
    const head = (f: IndicatorField) => ind.cols.get(f)?.header ?? null;
    const p = project(r, ind);
    rows++;
    if (!p) continue;
    if (goalSource === main && text('goal') && !p.goals.includes(text('goal'))) p.goals.push(text('goal'));
    const level1 = text('level1');
    const level2 = text('level2');
    const name = text('name');
    if (!level1 && !level2 && !name) continue; // a goal-only row
    const bad = (f: IndicatorField, message: string) => problems.push({ row: r.number, column: head(f), message });
    if (!level1) bad('level1', '缺少一级指标');
    else if (!(INDICATOR_LEVEL1 as readonly string[]).includes(level1))
      bad('level1', `“${level1}”不是有效的一级指标，应为 ${INDICATOR_LEVEL1.join('、')} 之一`);
    else if (!INDICATOR_LEVEL2[level1 as (typeof INDICATOR_LEVEL1)[number]].includes(level2)) {
      bad('level2', `“${level2}”不是“${level1}”下的二级指标，应为 ${INDICATOR_LEVEL2[level1 as (typeof INDICATOR_LEVEL1)[number]].join('、')} 之一`);
    }
    if (!name) bad('name', '缺少三级指标（指标名称）');
    const opText = text('op').normalize('NFKC').replace(/\s/g, '');
    const op = opText === '' ? '' : OPS[opText];
    if (op === undefined) bad('op', `“${text('op')}”不是可识别的指标性质（≥、≤、=、>、<，或正向指标、反向指标）`);
    p.indicators.push({
      level1,
      level2,
      name,
      description: text('description'),
      op: op ?? '',
      value: text('value'),
      unit: text('measure'),
      basis: text('basis'),
    });
  }

  if (goalSource && goalSource !== main) {
    const gh = goalSource.goal!;
    for (const r of goalSource.g.rows) {
      if (r.number <= gh.row || !r.cells.some((c) => c !== null)) continue;
      const goal = cellText(r.cells[gh.cols.get('goal')!.index] ?? null);
      const p = project(r, gh);
      if (p && goal && !p.goals.includes(goal)) p.goals.push(goal);
    }
  }
  return { projects: [...byCode.values()], problems, indicatorSheet: main.g.sheetName, goalSheet: goalSource ? goalSource.g.sheetName : null, rows };
}

/** A project's indicators completed by the sheet's: same 一级/二级/三级 → the sheet's values; others appended. */
export function completeIndicators(current: readonly Indicator[], fromSheet: readonly Indicator[]): Indicator[] {
  const key = (i: Indicator) => `${i.level1}|${i.level2}|${i.name}`;
  const out = [...current];
  for (const i of fromSheet) {
    const at = out.findIndex((x) => key(x) === key(i));
    if (at >= 0) out[at] = { ...out[at]!, ...Object.fromEntries(Object.entries(i).filter(([, v]) => v !== '')) } as Indicator;
    else out.push(i);
  }
  return out;
}
