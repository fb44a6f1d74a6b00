// 审核 rules: each fires on a budget (or derived table) that breaks it, and none fires on the reference.
import { describe, expect, test } from 'vitest';
import { placeOf, RULES, runChecks, type Finding } from '../core/checks';
import type { Budget } from '../core/model';
import { buildNarrative } from '../core/narrative/build';
import type { NarrativeDocument } from '../core/narrative/types';
import { deriveTables } from '../core/tables';
import type { AmountCell, RenderedTable, TableId } from '../core/tables/types';
import { fixtureBudget } from './helpers/budget';
import { builtinCatalogs } from './helpers/fixture';
import { richBudget } from './helpers/rich-budget';
import { NEW_RULE_CASES } from './helpers/review-rule-cases';

const catalogs = builtinCatalogs(2025)!;

const reference = (): Budget => fixtureBudget().budget;

/** Overwrites one amount cell of a derived table: stands for a derivation bug the checks must catch. */
function tamper(tables: RenderedTable[], id: TableId, rowKey: string, colKey: string, fen: bigint): RenderedTable[] {
  const copy = structuredClone(tables);
  const t = copy.find((x) => x.id === id)!;
  if (t.layout !== 'grid') throw new Error('grid only');
  const row = t.rows.find((r) => r.keys.includes(rowKey))!;
  const i = t.columns.findIndex((c) => c.key === colKey);
  const cell = row.cells[i] as AmountCell;
  cell.fen = fen;
  cell.wan = `${fen / 1_000_000n}.${String((fen % 1_000_000n) / 10_000n).padStart(2, '0')}`;
  return copy;
}

interface Case {
  rule: string;
  breakIt: (b: Budget) => void;
  tables?: (t: RenderedTable[]) => RenderedTable[];
  prior?: null;
  fragment: string;
  /** Stands for a narrative that states what the data does not (issue 12 §3: the old fixed 九 sentence). */
  narrative?: (doc: NarrativeDocument) => NarrativeDocument;
}

/** A 310 purchase (办公设备购置) of 15.00 万元 with no procurement budget: the case. */
const purchaseWithoutProcurement = (b: Budget) => {
  b.lines.push({ unit: '711001', function: '2012901', economic: '31002', kind: 'basic', source: 'general', carryover: false, amount: 150_000_00n });
};

const CASES: Case[] = [
  {
    rule: 'line.function-unknown',
    breakIt: (b) => {
      b.lines[0]!.function = '2999998';
    },
    fragment: '明细第 1 行（单位 711001，2999998/30228',
  },
  {
    rule: 'line.function-not-leaf',
    breakIt: (b) => {
      b.lines[0]!.function = '20129';
    },
    fragment: '20129 群众团体事务 不是末级科目',
  },
  {
    rule: 'line.economic-unknown',
    breakIt: (b) => {
      b.lines[1]!.economic = '30298';
    },
    fragment: '明细第 2 行',
  },
  {
    rule: 'line.economic-not-leaf',
    breakIt: (b) => {
      b.lines[1]!.economic = '302';
    },
    fragment: '不是末级科目，明细须使用 5 位科目',
  },
  {
    rule: 'line.unit-unknown',
    breakIt: (b) => {
      b.lines[2]!.unit = '711999';
    },
    fragment: '预算单位 711999 未定义',
  },
  {
    rule: 'line.amount-not-positive',
    breakIt: (b) => {
      b.lines[3]!.amount = 0n;
    },
    fragment: '明细第 4 行',
  },
  {
    rule: 'line.project-missing',
    breakIt: (b) => {
      delete b.lines[9]!.project;
    },
    fragment: '项目支出未指明所属项目',
  },
  {
    rule: 'line.project-unknown',
    breakIt: (b) => {
      b.lines[9]!.project = 'P-NONE';
    },
    fragment: '所指项目 P-NONE 不存在',
  },
  {
    rule: 'line.non-project-has-project',
    breakIt: (b) => {
      b.lines[0]!.project = b.projects[0]!.code;
    },
    fragment: '基本支出不能指明项目',
  },
  {
    rule: 'project.no-lines',
    breakIt: (b) => {
      b.projects.push({ ...structuredClone(b.projects[0]!), code: 'P2', name: '空项目' });
    },
    fragment: '项目“空项目”（P2）：没有任何项目支出明细',
  },
  {
    rule: 'project.code-prior-year',
    breakIt: (b) => {
      const old = b.projects[0]!.code;
      b.projects[0]!.code = '7112024XM01';
      for (const l of b.lines) if (l.project === old) l.project = '7112024XM01';
    },
    fragment: '项目编码含上年年份 2024',
  },
  {
    rule: 'project.goals-missing',
    breakIt: (b) => {
      b.projects[0]!.goals = ['  '];
    },
    fragment: '未填写绩效目标',
  },
  {
    rule: 'project.output-indicator-missing',
    breakIt: (b) => {
      b.projects[0]!.indicators = b.projects[0]!.indicators.filter((i) => i.level1 !== '产出指标');
    },
    fragment: '没有产出指标',
  },
  {
    rule: 'project.benefit-indicator-missing',
    breakIt: (b) => {
      b.projects[0]!.indicators = b.projects[0]!.indicators.filter((i) => i.level1 !== '效益指标');
    },
    fragment: '没有效益指标',
  },
  {
    rule: 'project.satisfaction-indicator-missing',
    breakIt: (b) => {
      b.projects[0]!.indicators = b.projects[0]!.indicators.filter((i) => i.level1 !== '满意度指标');
    },
    fragment: '没有满意度指标',
  },
  {
    rule: 'project.indicator-value-empty',
    breakIt: (b) => {
      b.projects[0]!.indicators[1]!.value = ' ';
    },
    fragment: '第 2 个指标（产出指标›时效指标›补助资金及时发放率）未填写指标值',
  },
  {
    rule: 'project.spending-plan',
    breakIt: (b) => {
      b.projects[0]!.spendingPlan = { mar: '50', jun: '30', oct: null, dec: '100' };
    },
    fragment: '6月底 30% 小于3月底 50%',
  },
  {
    rule: 'project.unit-unknown',
    breakIt: (b) => {
      b.projects[0]!.unit = 'U9';
    },
    fragment: '所属预算单位 U9 未定义',
  },
  {
    rule: 'unit.no-lines',
    breakIt: (b) => {
      b.units.push({ code: '711002', name: '工会部门下属事业单位', nature: '事业', grade: '', funding: '' });
    },
    fragment: '预算单位“工会部门下属事业单位”（711002）没有任何预算明细',
  },
  {
    rule: 'table.balance',
    breakIt: () => {},
    tables: (t) => tamper(t, 'summary', '收入总计', 'income.amount', 553_325_51n),
    fragment: '部门预算收支总表：收入总计 553325.51 元 不等于支出总计 553325.50 元',
  },
  {
    rule: 'table.total-equals-classes',
    breakIt: () => {},
    tables: (t) => tamper(t, 'income', '合计', 'fiscal', 100n),
    fragment: '部门预算收入总表：合计“财政拨款收入”栏 1.00 元 不等于各类行之和 553325.50 元',
  },
  {
    rule: 'table.general-matches-fiscal',
    breakIt: () => {},
    tables: (t) => tamper(t, 'general-expense', '合计', 'total', 1_000_000n),
    fragment: '不等于部门预算财政拨款收支总表“一般公共预算财政拨款”支出 553325.50 元',
  },
  {
    rule: 'table.basic-matches-general',
    breakIt: () => {},
    tables: (t) => tamper(t, 'general-basic', '合计', 'total', 1_000_000n),
    fragment: '“基本支出” 472325.50 元',
  },
  {
    rule: 'table.empty-mismatch',
    breakIt: () => {},
    tables: (t) => t.map((x) => (x.id === 'general-basic' && x.layout === 'grid' ? { ...x, rows: [], empty: true } : x)),
    fragment: '部门预算一般公共预算财政拨款基本支出表：有相关预算数据，但表中没有任何行',
  },
  {
    rule: 'project.budget-mismatch',
    breakIt: () => {},
    tables: (t) => {
      const copy = structuredClone(t);
      const perf = copy.find((x) => x.id === 'performance');
      if (perf?.layout !== 'form') throw new Error('form');
      const cell = perf.blocks[0]!.cells.find((c) => c.row === 1 && c.col === 2)!.cell as AmountCell;
      cell.fen = 80_000_00n;
      cell.wan = '8.00';
      return copy;
    },
    fragment: '项目支出明细合计 81000.00 元，绩效目标表预算数为 80000.00 元',
  },
  {
    rule: 'narrative.figures-match-tables',
    breakIt: () => {},
    tables: (t) => tamper(t, 'expense', '合计', 'basic', 472_000_00n),
    fragment: '情况说明“基本支出”为 47.23 万元，部门预算支出总表“合计”为 47.20 万元',
  },
  {
    rule: 'narrative.placeholder',
    breakIt: (b) => {
      b.narrative.other = '本部门XX年度无其他事项。';
    },
    fragment: '“十一、其他需要说明的事项”中留有占位文字“XX”',
  },
  {
    rule: 'narrative.prior-missing',
    breakIt: (b) => {
      b.priorYear = null;
    },
    fragment: '没有 2024 年预算数',
  },
  {
    rule: 'narrative.change-reason-missing',
    breakIt: (b) => {
      b.narrative.changeReasons.project = '';
    },
    fragment: '项目支出较上年减少 11.60 万元，未填写增减原因',
  },
  {
    rule: 'narrative.duties-missing',
    breakIt: (b) => {
      b.narrative.duties = [];
    },
    fragment: '未填写部门职责',
  },
  {
    rule: 'narrative.statement-contradicts-data',
    breakIt: purchaseWithoutProcurement,
    narrative: (doc) => {
      const assets = doc.sections.find((x) => x.key === 'assets')!;
      const p = assets.blocks[0]!;
      if (p.type === 'paragraph') p.text = '本年度拟购置固定资产总额为15.00万元，已按要求列入政府采购预算，详见政府采购预算表。';
      return doc;
    },
    fragment: '“九、国有资产信息”写有“已按要求列入政府采购预算”，与数据不符',
  },
  {
    rule: 'narrative.purchase-outside-procurement',
    breakIt: purchaseWithoutProcurement,
    fragment: '拟购置固定资产 15.00 万元（预算明细中资本性支出的购置类科目），政府采购预算只有 0.00 万元',
  },
  {
    rule: 'narrative.performance-goals-missing',
    breakIt: (b) => {
      b.narrative.performanceGoals = [];
    },
    fragment: '“五、部门整体绩效目标”未填写',
  },
  ...NEW_RULE_CASES,
  {
    rule: 'control.exceeded',
    breakIt: (b) => {
      b.control = [{ unit: '711001', source: 'general', kind: 'basic', amount: 100000n }];
    },
    fragment: '控制数 1,000.00 元，已编 472,325.50 元，差额 -471,325.50 元',
  },
  {
    rule: 'control.unspent',
    breakIt: (b) => {
      b.control = [{ source: 'general', amount: 60000000n }];
    },
    fragment: '尚有 46,674.50 元财政拨款未编入预算',
  },
  {
    rule: 'control.units-exceed-department',
    breakIt: (b) => {
      b.control = [
        { source: 'general', kind: 'basic', amount: 50000000n },
        { unit: '711001', source: 'general', kind: 'basic', amount: 50000100n },
      ];
    },
    fragment: '部门控制数 500,000.00 元，1 个单位的控制数合计 500,001.00 元，差额 -1.00 元',
  },
  {
    rule: 'control.lines-without-control',
    breakIt: (b) => {
      b.control = [{ unit: '711999', source: 'general', kind: 'basic', amount: 100n }];
    },
    fragment: '不在任何控制数之内',
  },
];

function findingsOf(c: Case): Finding[] {
  const b = reference();
  c.breakIt(b);
  const tables = c.tables ? c.tables(deriveTables(b, catalogs)) : undefined;
  const narrative = c.narrative ? c.narrative(buildNarrative(b, catalogs)) : undefined;
  return runChecks(b, catalogs, undefined, { ...(tables ? { tables } : {}), ...(narrative ? { narrative } : {}) });
}

describe('审核 rules', () => {
  test('the reference budget passes every rule', () => {
    expect(runChecks(reference(), catalogs)).toEqual([]);
  });

  test('a budget with every kind of data (参公 unit, fund, 单位资金, carry-over, “三公”, procurement, assets) passes too', () => {
    expect(runChecks(richBudget(), catalogs)).toEqual([]);
  });

  test('every rule has a breaking case below, and rule ids are unique', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(CASES.map((c) => c.rule).sort()).toEqual([...ids].sort());
  });

  test.each(CASES)('$rule fires on a budget that breaks it', (c) => {
    const findings = findingsOf(c);
    const mine = findings.filter((f) => f.ruleId === c.rule);
    expect(mine.length, JSON.stringify(findings, null, 1)).toBeGreaterThan(0);
    expect(mine.map((f) => f.message).join('\n')).toContain(c.fragment);
    const rule = RULES.find((r) => r.id === c.rule)!;
    for (const f of mine) {
      expect(f.severity).toBe(rule.severity);
      expect(f.target.page).not.toBe('');
    }
  });

  test('a line finding points at the line; 错误 are listed before 提示', () => {
    const b = reference();
    b.lines[4]!.amount = 0n;
    b.units.push({ code: 'X', name: '空单位', nature: '事业', grade: '', funding: '' });
    b.lines[4]!.id = 42;
    const f = runChecks(b, catalogs);
    expect(f.map((x) => x.severity)).toEqual(['错误', '提示']);
    expect(f[0]!.target).toEqual({ page: 'lines', kind: 'line', id: '42' });
  });

  test("one fact, one finding: no duties is one 错误, never one about the app's own “（待填写部门职责）”", () => {
    const b = reference();
    b.narrative.duties = [];
    b.narrative.performanceGoals = [];
    const f = runChecks(b, catalogs).filter((x) => x.target.page === 'narrative' && x.severity === '错误');
    expect(f.map((x) => x.ruleId).sort()).toEqual(['narrative.duties-missing', 'narrative.performance-goals-missing']);
  });

  test('a project without indicators: one 错误 per missing 一级指标, the 提示 adds only the 成本指标', () => {
    const b = reference();
    b.projects[0]!.indicators = [];
    const f = runChecks(b, catalogs).filter((x) => x.target.kind === 'project');
    expect(f.map((x) => x.ruleId)).toEqual([
      'project.output-indicator-missing',
      'project.benefit-indicator-missing',
      'project.satisfaction-indicator-missing',
      'project.indicator-levels',
    ]);
    expect(f[3]!.message).toMatch(/：绩效目标表产出指标中没有成本指标$/);
  });

  test('the 固定资产 purchase finding is placed on 政府采购与固定资产 (its 政府采购 list), not 情况说明', () => {
    const b = reference();
    purchaseWithoutProcurement(b);
    const f = runChecks(b, catalogs).find((x) => x.ruleId === 'narrative.purchase-outside-procurement')!;
    expect(placeOf(f.target)).toEqual({ page: 'procurement' });
    expect(f.group).toBe('政府采购');
  });

  test('a spending plan ending below 100% or unfilled is refused; null months are allowed', () => {
    const b = reference();
    b.projects[0]!.spendingPlan = { mar: null, jun: '40', oct: null, dec: null };
    const msgs = runChecks(b, catalogs)
      .filter((f) => f.ruleId === 'project.spending-plan')
      .map((f) => f.message);
    expect(msgs).toEqual([expect.stringContaining('12月底累计进度未填写，应为 100%')]);
    b.projects[0]!.spendingPlan = { mar: '10', jun: '40', oct: '70', dec: '100%' };
    expect(runChecks(b, catalogs).filter((f) => f.ruleId === 'project.spending-plan')).toEqual([]);
  });

  test('a rule that throws becomes one 错误 finding and the others still run', () => {
    const b = reference();
    b.lines[0]!.amount = 0n;
    const boom = {
      id: 'test.boom',
      severity: '提示' as const,
      title: '测试',
      run: () => {
        throw new Error('坏了');
      },
    };
    const f = runChecks(b, catalogs, undefined, { rules: [boom, ...RULES] });
    expect(f.find((x) => x.ruleId === 'test.boom')).toMatchObject({ severity: '错误', message: expect.stringContaining('坏了') });
    expect(f.some((x) => x.ruleId === 'line.amount-not-positive')).toBe(true);
  });
});

describe('rules that need last year', () => {
  const ids = ['policy.three-public-increase', 'policy.office-cost-increase', 'narrative.change-reason-missing'];
  /** The reference with “三公” and 机关运行经费 well above anything last year could have had. */
  const grown = (): Budget => {
    const b = reference();
    b.lines.push({ unit: '711001', function: '2012901', economic: '30217', kind: 'basic', source: 'general', carryover: false, amount: 9_000_000n });
    return b;
  };

  test('say nothing when last year is unknown', () => {
    const b = grown();
    b.priorYear = null;
    expect(runChecks(b, catalogs).filter((f) => ids.includes(f.ruleId))).toEqual([]);
    expect(runChecks(grown(), catalogs, null).filter((f) => ids.includes(f.ruleId))).toEqual([]);
  });

  test('read the prior figures they are given: 三公 items one by one, 机关运行经费 only when known', () => {
    const prior = { year: 2024, total: 0n, basic: 0n, project: 0n, threePublic: 100_000_000n, threePublicItems: { reception: 1_000_000n } };
    const f = runChecks(grown(), catalogs, prior);
    expect(f.filter((x) => x.ruleId === 'policy.three-public-increase').map((x) => x.message)).toEqual([
      '财政拨款“三公”经费支出表“公务接待费”为 9.00 万元，比 2024 年 1.00 万元增加 8.00 万元，“三公”经费只减不增',
    ]);
    expect(f.filter((x) => x.ruleId === 'policy.office-cost-increase')).toEqual([]);
    // 机关运行经费 takes every 公用经费 of the 行政 unit's 基本支出, 30217 included: 3.29 + 9.00 万元.
    const office = (fen: bigint) =>
      runChecks(grown(), catalogs, { ...prior, officeCost: fen })
        .filter((x) => x.ruleId === 'policy.office-cost-increase')
        .map((x) => x.message);
    expect(office(12_287_500n)).toEqual([]);
    expect(office(3_287_500n)).toEqual([
      '情况说明“机关运行经费安排情况”中机关运行经费为 12.29 万元，比 2024 年 3.29 万元增加 9.00 万元，机关运行经费应只减不增',
    ]);
  });
});
