// The review-rules.md rules (issue 14), each with a budget file that breaks it ALONE: the reference
// fixture with one change. Shared by the in-process rule test (checks.test.ts) and the CLI test that
// runs `budget check` on the file (checks-review-cli.test.ts).
import { parseBudgetFile } from '../../core/budget-file';
import type { Budget } from '../../core/model';
import { builtinCatalogs, fixtureDoc } from './fixture';

type Doc = Record<string, any>;

export interface ReviewCase {
  rule: string;
  /** Mutates the reference budget file's document so that it breaks `rule` and nothing else. */
  breakDoc(doc: Doc): void;
  /** Part of the finding's message. */
  fragment: string;
}

const PROJECT = '13030325P00496310001X';
const procurementRow = (o: Doc) => ({
  project: PROJECT,
  item: '帮扶物资',
  catalog: 'A99',
  measure: '批',
  quantity: '1',
  unitPrice: null,
  source: 'general',
  amount: '1000.00',
  sme: null,
  ...o,
});

export const REVIEW_CASES: ReviewCase[] = [
  {
    rule: 'policy.function-economic-mismatch',
    breakDoc: (d) => {
      d.lines[5].function = '2080501';
    }, // 30108 养老保险缴费 under 2080501 行政单位离退休
    fragment: '经济分类 30108 机关事业单位基本养老保险缴费 应列在功能分类 2080505 机关事业单位基本养老保险缴费支出 下',
  },
  {
    rule: 'policy.personnel-in-project',
    breakDoc: (d) => {
      d.lines[9].economic = '30199';
    },
    fragment: '项目支出列了工资福利支出 30199 其他工资福利支出',
  },
  {
    rule: 'policy.three-public-increase',
    breakDoc: (d) => {
      d.lines.push({ unit: '711001', function: '2012901', economic: '30217', kind: 'basic', source: 'general', amount: '3000.00' });
      d.narrative.threePublicReason = '主要为新增公务接待任务';
    },
    fragment: '财政拨款“三公”经费支出表“合计”为 0.30 万元，比 2024 年 0.00 万元增加 0.30 万元',
  },
  {
    rule: 'project.indicator-levels',
    breakDoc: (d) => {
      d.projects[0].indicators[3].level2 = '数量指标';
    }, // the only 成本指标
    fragment: '项目“困难职工及劳模帮扶救助资金”（13030325P00496310001X）：绩效目标表产出指标中没有成本指标',
  },
  {
    rule: 'project.indicator-unit-missing',
    breakDoc: (d) => {
      d.projects[0].indicators[0].unit = '';
    },
    fragment: '第 1 个指标（产出指标›质量指标›工作完成情况）指标值为 90，未填写计量单位',
  },
  {
    rule: 'procurement.exceeds-project',
    breakDoc: (d) => {
      d.procurement.push(procurementRow({ amount: '90000.00' }));
    },
    fragment: '政府采购预算第 1 条起：项目“困难职工及劳模帮扶救助资金”（13030325P00496310001X）的政府采购合计 90000.00 元，超过该项目预算 81000.00 元',
  },
  {
    rule: 'procurement.exceeds-source',
    breakDoc: (d) => {
      d.procurement.push(procurementRow({ source: 'business' }));
    },
    fragment: '由事业收入安排的政府采购 1000.00 元，超过该项目事业收入明细 0.00 元',
  },
  {
    rule: 'narrative.doubled-word',
    breakDoc: (d) => {
      d.narrative.other = '我部门无其他需要说明的事项事项。';
    },
    fragment: '“事项”重复',
  },
  {
    rule: 'narrative.ascii-comma',
    breakDoc: (d) => {
      d.narrative.other = '我部门无其他需要说明的事项,特此说明。';
    },
    fragment: '用了英文逗号',
  },
  {
    rule: 'narrative.mixed-units',
    breakDoc: (d) => {
      d.narrative.other = '本年安排培训费5000元，占公用经费0.50万元的全部。';
    },
    fragment: '同一句中既有“元”又有“万元”',
  },
  {
    rule: 'narrative.decimals',
    breakDoc: (d) => {
      d.narrative.other = '本年安排培训费0.125万元。';
    },
    fragment: '“0.125万元”小数超过两位',
  },
  {
    rule: 'narrative.year-out-of-range',
    breakDoc: (d) => {
      d.narrative.other = '本部门2019年已完成机构改革。';
    },
    fragment: '“2019年”不是预算年度 2025 年或上年 2024 年',
  },
  {
    rule: 'narrative.change-wording',
    breakDoc: (d) => {
      d.narrative.other = '培训费较上年增加持平。';
    },
    fragment: '增减表述自相矛盾',
  },
  {
    rule: 'narrative.placeholder',
    breakDoc: (d) => {
      d.narrative.other = '其他事项：{单位}无。';
    },
    fragment: '留有占位文字“{单位}”',
  },
];

/** The reference budget file's document with the case applied. */
export function brokenDoc(c: ReviewCase): Doc {
  const doc = fixtureDoc();
  c.breakDoc(doc);
  return doc;
}

export function budgetOfDoc(doc: Doc): Budget {
  const r = parseBudgetFile(JSON.stringify(doc), builtinCatalogs);
  if (!r.ok) throw new Error(r.message);
  return r.budget;
}

/** Last year's budget file for policy.office-cost-increase: the reference as 2024, with 0.50 万元 less
 *  机关运行经费 (30229 福利费), so that the reference 2025 is above it. */
export function lowerOfficeCost2024Doc(): Doc {
  const doc = fixtureDoc();
  doc.year = 2024;
  delete doc.priorYear;
  const welfare = doc.lines.find((l: Doc) => l.economic === '30229');
  welfare.amount = '14495.00';
  return doc;
}

/** The cases in checks.test.ts's shape (the whole budget replaced by the broken file's), plus the one
 *  that needs last year's 机关运行经费 (a budget file does not carry it before issue 12). */
export const NEW_RULE_CASES = [
  ...REVIEW_CASES.filter((c) => c.rule !== 'narrative.placeholder').map((c) => ({
    rule: c.rule,
    fragment: c.fragment,
    breakIt: (b: Budget) => {
      Object.assign(b, budgetOfDoc(brokenDoc(c)));
    },
  })),
  {
    rule: 'policy.office-cost-increase',
    breakIt: (b: Budget) => {
      b.priorYear = { ...b.priorYear!, officeCost: 2_000_000n };
    },
    fragment: '机关运行经费为 3.29 万元，比 2024 年 2.00 万元增加 1.29 万元',
  },
];
