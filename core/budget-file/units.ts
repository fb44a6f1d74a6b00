// The units and projects of a budget file (spec/budget-file.md), each read on its own so that an edit of
// one part is checked by the same rules as an import (db/edit-validate.ts).
import { ITEM_CODE_RE, ITEM_CODE_RULE } from '../labels';
import type { Indicator, Project, SpendingPlan, Unit } from '../model';
import { INDICATOR_LEVEL1, INDICATOR_LEVEL2, INDICATOR_OPS } from '../model';
import { describe, isPlainObject } from '../validate-line';
import { Reader, reportDuplicates, type Problems } from './reader';

const UNIT_LABELS = { code: '单位编码', name: '单位名称', nature: '单位性质', grade: '单位规格', funding: '经费保障形式' };
const PROJECT_LABELS = {
  code: '项目编码',
  name: '项目名称',
  unit: '预算单位',
  purpose: '资金用途',
  spendingPlan: '资金支出计划',
  goals: '绩效目标',
  indicators: '绩效指标',
};
const PLAN_LABELS = { mar: '3月底', jun: '6月底', oct: '10月底', dec: '12月底' };
const INDICATOR_LABELS = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  description: '绩效指标描述',
  op: '比较符',
  value: '指标值',
  unit: '计量单位',
  basis: '指标值确定依据',
};

/** The item-code rule broken by the i-th item: grouped in messages with every other item breaking it. */
const codeRule = (label: string, i: number, what: string, code: string) => ({
  text: `${label}不符合规则：${ITEM_CODE_RULE}`,
  item: `第 ${i + 1} ${what}“${code}”`,
});

/** `units` of the document read by `top`: at least one, codes by the item-code rule and unique. */
export function readUnits(P: Problems, top: Reader, doc: Record<string, unknown>): { units: Unit[]; unitCodes: Set<string> } {
  const units: Unit[] = [];
  const unitIdx = new Map<string, number[]>();
  top.eachObject('units', { required: true, placeOf: (i) => `第 ${i + 1} 个预算单位`, labels: UNIT_LABELS }, (r, _raw, i) => {
    const u: Unit = {
      code: r.code('code'),
      name: r.str('name', { required: true }),
      nature: r.str('nature'),
      grade: r.str('grade'),
      funding: r.str('funding'),
    };
    if (u.code && !ITEM_CODE_RE.test(u.code)) r.bad('code', `单位编码“${u.code}”不符合规则：${ITEM_CODE_RULE}`, codeRule('单位编码', i, '个预算单位', u.code));
    units.push(u);
    if (u.code) unitIdx.set(u.code, [...(unitIdx.get(u.code) ?? []), i]);
  });
  if (Array.isArray(doc.units) && doc.units.length === 0) top.bad('units', '至少要有一个预算单位');
  reportDuplicates(P, unitIdx, 'units', (rows) => `第 ${rows} 个预算单位的单位编码`, '单位编码');
  return { units, unitCodes: new Set(unitIdx.keys()) };
}

/** `projects` of the document read by `top`, each of one of `unitCodes`, codes unique. */
export function readProjects(P: Problems, top: Reader, unitCodes: ReadonlySet<string>): { projects: Project[]; projectCodes: Set<string> } {
  const projects: Project[] = [];
  const projectIdx = new Map<string, number[]>();
  top.eachObject('projects', { placeOf: (i) => `第 ${i + 1} 个项目`, labels: PROJECT_LABELS }, (r, raw, i, path, place) => {
    const code = r.code('code');
    if (code && !ITEM_CODE_RE.test(code)) r.bad('code', `项目编码“${code}”不符合规则：${ITEM_CODE_RULE}`, codeRule('项目编码', i, '个项目', code));
    const name = r.str('name', { required: true });
    const unit = r.code('unit');
    if (unit && !unitCodes.has(unit)) r.bad('unit', `预算单位 ${unit} 未定义（本预算的预算单位中没有该编码）`);
    const purpose = r.str('purpose');
    const spendingPlan: SpendingPlan = { mar: null, jun: null, oct: null, dec: null };
    const sp = raw.spendingPlan;
    if (sp !== undefined && sp !== null) {
      if (!isPlainObject(sp)) r.bad('spendingPlan', `应分别给出3月底、6月底、10月底、12月底的累计进度，实际是${describe(sp)}`);
      else {
        const pr = new Reader(P, sp, `${path}.spendingPlan`, `${place}资金支出计划`, PLAN_LABELS);
        pr.noUnknownKeys();
        for (const k of ['mar', 'jun', 'oct', 'dec'] as const) {
          const v = sp[k];
          if (v === undefined || v === null || v === '') continue;
          const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
          if (typeof s !== 'string' || !/^\d{1,3}(\.\d{1,2})?$/.test(s) || Number(s) > 100)
            pr.bad(k, `必须是 0–100 之间的百分比（如 "100"），实际是${describe(v)}`);
          else spendingPlan[k] = s;
        }
      }
    }
    const goals = r.strList('goals');
    const indicators: Indicator[] = [];
    r.eachObject('indicators', { placeOf: (j) => `${place}第 ${j + 1} 个绩效指标`, labels: INDICATOR_LABELS }, (ir) => {
      const ind: Indicator = {
        level1: ir.str('level1', { required: true }),
        level2: ir.str('level2', { required: true }),
        name: ir.str('name', { required: true }),
        description: ir.str('description'),
        op: ir.str('op'),
        value: ir.str('value', { numberOk: true }),
        unit: ir.str('unit'),
        basis: ir.str('basis'),
      };
      const l1 = ind.level1 as (typeof INDICATOR_LEVEL1)[number];
      if (ind.level1 && !(INDICATOR_LEVEL1 as readonly string[]).includes(ind.level1))
        ir.bad('level1', `${describe(ind.level1)} 不是有效的一级指标，应为 ${INDICATOR_LEVEL1.join('、')} 之一`);
      else if (ind.level1 && ind.level2 && !INDICATOR_LEVEL2[l1].includes(ind.level2))
        ir.bad('level2', `${describe(ind.level2)} 不是“${ind.level1}”下的二级指标，应为 ${INDICATOR_LEVEL2[l1].join('、')} 之一`);
      if (ind.op && !(INDICATOR_OPS as readonly string[]).includes(ind.op))
        ir.bad('op', `${describe(ind.op)} 不是有效的比较符，应为 ${INDICATOR_OPS.join(' ')} 之一`);
      indicators.push(ind);
    });
    projects.push({ code, name, unit, purpose, spendingPlan, goals, indicators });
    if (code) projectIdx.set(code, [...(projectIdx.get(code) ?? []), i]);
  });
  reportDuplicates(P, projectIdx, 'projects', (rows) => `第 ${rows} 个项目的项目编码`, '项目编码');
  return { projects, projectCodes: new Set(projectIdx.keys()) };
}
