// Procurement, assets, prior year and narrative of a budget file, each read on its own so that an edit of
// one part is checked by the same rules as an import (db/edit-validate.ts).
import type { AssetRow, Narrative, PriorYear, ProcurementRow } from '../model';
import { MAX_BUDGET_YEAR, MIN_BUDGET_YEAR, PRIOR_FIGURE_KEYS, PRIOR_FIGURE_LABELS } from '../model';
import { describe, isPlainObject } from '../validate-line';
import { Reader, setOwn, type Obj, type Problems } from './reader';
import { NARRATIVE_KEY_LABELS, narrativeLengthProblems } from '../narrative-keys';

const PROCUREMENT_LABELS = {
  project: '项目',
  item: '采购品目',
  catalog: '政府采购目录序号',
  measure: '计量单位',
  quantity: '数量',
  unitPrice: '单价',
  source: '资金来源',
  carryover: '是否上年结转',
  amount: '金额',
  sme: '预留中小微企业份额',
};
const ASSET_LABELS = { item: '资产名称', quantity: '数量', value: '价值' };
const PRIOR_LABELS = { year: '年度', ...PRIOR_FIGURE_LABELS };
const DUTY_LABELS = { title: '标题', text: '内容' };
const CHANGE_LABELS = { basic: '基本支出增减原因', project: '项目支出增减原因' };
const NARRATIVE_LABELS: Record<string, string> = { duties: '部门职责', performanceGoals: '绩效目标', changeReasons: '增减原因', other: '其他需要说明的事项' };

/** `procurement` of the document read by `top`, each of one of `projectCodes` (or none). */
export function readProcurement(top: Reader, projectCodes: ReadonlySet<string>): ProcurementRow[] {
  const procurement: ProcurementRow[] = [];
  top.eachObject('procurement', { placeOf: (i) => `第 ${i + 1} 条政府采购`, labels: PROCUREMENT_LABELS }, (r) => {
    const project = r.str('project');
    if (project && !projectCodes.has(project)) r.bad('project', `项目 ${project} 未定义（本预算的项目中没有该编码）`);
    procurement.push({
      project,
      item: r.str('item', { required: true }),
      catalog: r.str('catalog'),
      measure: r.str('measure'),
      quantity: r.str('quantity', { numberOk: true }),
      unitPrice: r.amount('unitPrice', { nullable: true, allowZero: true }),
      source: r.source('source'),
      carryover: r.bool('carryover'),
      amount: r.amount('amount') ?? 0n,
      sme: r.amount('sme', { nullable: true, allowZero: true }),
    });
  });
  return procurement;
}

/** `assets` of the document read by `top`. */
export function readAssets(top: Reader): AssetRow[] {
  const assets: AssetRow[] = [];
  top.eachObject('assets', { placeOf: (i) => `第 ${i + 1} 条固定资产`, labels: ASSET_LABELS }, (r) => {
    assets.push({
      item: r.str('item', { required: true }),
      quantity: r.str('quantity', { numberOk: true }),
      value: r.amount('value', { allowZero: true }) ?? 0n,
    });
  });
  return assets;
}

/** `assetsAsOf` of `doc`: a YYYY-MM-DD date or null. */
export function readAssetsAsOf(top: Reader, doc: Obj): string | null {
  const topBad = (key: string, reason: string) => top.bad(key, reason);
  let assetsAsOf: string | null = null;
  if (doc.assetsAsOf !== undefined && doc.assetsAsOf !== null) {
    if (typeof doc.assetsAsOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(doc.assetsAsOf))
      topBad('assetsAsOf', `必须是 YYYY-MM-DD 形式的日期，实际是${describe(doc.assetsAsOf)}`);
    else assetsAsOf = doc.assetsAsOf;
  }
  return assetsAsOf;
}

/** `priorYear` of `doc`: before the budget `year`, with at least one figure; null when absent. */
export function readPriorYear(P: Problems, top: Reader, doc: Obj, year: number | null): PriorYear | null {
  const topBad = (key: string, reason: string) => top.bad(key, reason);
  let priorYear: PriorYear | null = null;
  if (doc.priorYear !== undefined && doc.priorYear !== null) {
    if (!isPlainObject(doc.priorYear)) topBad('priorYear', `必须是对象，实际是${describe(doc.priorYear)}`);
    else {
      const r = new Reader(P, doc.priorYear, 'priorYear', '上年数', PRIOR_LABELS);
      r.noUnknownKeys();
      const py = r.int('year', MIN_BUDGET_YEAR, MAX_BUDGET_YEAR);
      if (py !== null && year !== null && py >= year) r.bad('year', `上年数的年度 ${py} 必须早于预算年度 ${year}`);
      // Any of the figures, at least one: a published disclosure often gives only the total.
      priorYear = { year: py ?? 0 };
      const given = PRIOR_FIGURE_KEYS.filter((k) => (doc.priorYear as Record<string, unknown>)[k] != null);
      for (const k of given) {
        const fen = r.amount(k, { allowZero: true });
        if (fen !== null) priorYear[k] = fen;
      }
      if (given.length === 0) {
        P.add('priorYear', '上年数', `至少应填写${PRIOR_FIGURE_KEYS.map((k) => PRIOR_FIGURE_LABELS[k]).join('、')}中的一项`);
      }
    }
  }
  return priorYear;
}

/** `narrative` of `doc`: known keys checked, free keys kept as they are. */
export function readNarrative(P: Problems, top: Reader, doc: Obj): Narrative {
  const topBad = (key: string, reason: string) => top.bad(key, reason);
  const narrative: Narrative = { duties: [], performanceGoals: [], changeReasons: { basic: '', project: '' }, other: '' };
  if (doc.narrative !== undefined && doc.narrative !== null) {
    if (!isPlainObject(doc.narrative)) topBad('narrative', `必须是对象，实际是${describe(doc.narrative)}`);
    else {
      const n = doc.narrative;
      const r = new Reader(P, n, 'narrative', '情况说明', NARRATIVE_LABELS);
      r.eachObject('duties', { shape: ' {title, text} 对象', placeOf: (i) => `情况说明第 ${i + 1} 项部门职责`, labels: DUTY_LABELS }, (dr) => {
        narrative.duties.push({ title: dr.str('title'), text: dr.str('text') });
      });
      narrative.performanceGoals = r.strList('performanceGoals');
      if (n.changeReasons !== undefined && n.changeReasons !== null) {
        if (!isPlainObject(n.changeReasons)) r.bad('changeReasons', `应分别给出基本支出、项目支出的增减原因，实际是${describe(n.changeReasons)}`);
        else {
          const cr = new Reader(P, n.changeReasons, 'narrative.changeReasons', '情况说明', CHANGE_LABELS);
          cr.noUnknownKeys();
          narrative.changeReasons = { basic: cr.str('basic'), project: cr.str('project') };
        }
      }
      narrative.other = r.str('other');
      for (const [k, v] of Object.entries(n)) if (!Object.hasOwn(NARRATIVE_LABELS, k)) setOwn(narrative, k, v);
      // The limits narrative.set holds: a text that imports can be saved again.
      for (const [key, reason] of narrativeLengthProblems(narrative as unknown as Record<string, unknown>)) {
        P.add(`narrative.${key}`, `情况说明的${NARRATIVE_KEY_LABELS[key] ?? `栏目“${key.length > 40 ? `${key.slice(0, 40)}…` : key}”`}`, reason);
      }
    }
  }
  return narrative;
}
