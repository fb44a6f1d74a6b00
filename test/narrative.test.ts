// 情况说明: the eleven sections in the reference's order, figures equal to the printed reference,
// 比上年增减 as the difference of printed figures, 机关运行经费 per unit nature.
import { describe, expect, test } from 'vitest';
import type { Budget } from '../core/model';
import { buildNarrative, printedChange, priorFromPriorBudget } from '../core/narrative';
import { fixtureBudget } from './helpers/budget';
import { builtinCatalogs } from './helpers/fixture';
import { expectedFixture } from './helpers/table-figures';

const catalogs = builtinCatalogs(2025)!;
const expected = expectedFixture().narrative;

const reference = (): Budget => fixtureBudget().budget;
const textOf = (b: Budget, prior?: Parameters<typeof buildNarrative>[2]) =>
  buildNarrative(b, catalogs, prior)
    .sections.flatMap((s) => [`${s.no}、${s.title}`, ...s.blocks.map((x) => ('text' in x ? x.text : ''))])
    .join('\n');

describe('情况说明', () => {
  test('eleven sections in the reference order', () => {
    const doc = buildNarrative(reference(), catalogs);
    expect(doc.title).toBe('工会部门 2025 年部门预算信息公开情况说明');
    expect(doc.sections.map((s) => `${s.no}、${s.title}`)).toEqual([
      '一、部门职责及机构设置情况',
      '二、部门预算安排的总体情况',
      '三、机关运行经费安排情况',
      '四、财政拨款“三公”经费预算情况及增减变化原因',
      '五、部门整体绩效目标',
      '六、部门主管专项资金预算安排情况及绩效目标',
      '七、部门项目预算安排情况及绩效目标',
      '八、政府采购预算情况',
      '九、国有资产信息',
      '十、名词解释',
      '十一、其他需要说明的事项',
    ]);
    const units = doc.sections[0]!.blocks.find((b) => b.type === 'table');
    expect(units).toEqual({
      type: 'table',
      caption: '部门机构设置情况',
      columns: ['单位名称', '单位性质', '单位规格', '经费保障形式'],
      rows: [['工会部门山海关区总工会本级', '行政', '正科级', '财政拨款']],
    });
  });

  test('figures equal the printed reference (expected.json "narrative")', () => {
    const f = buildNarrative(reference(), catalogs).figures;
    const pairs: [string, string][] = [
      ['收入', 'income.total'],
      ['一般公共预算收入', 'income.general'],
      ['基金预算收入', 'income.fund'],
      ['国有资本经营预算收入', 'income.soe'],
      ['财政专户核拨收入', 'income.special'],
      ['单位资金收入', 'income.unitFunds'],
      ['上年结转结余', 'income.carryover'],
      ['支出', 'expense.total'],
      ['基本支出', 'expense.basic'],
      ['人员经费', 'expense.personnel'],
      ['日常公用经费', 'expense.publicCost'],
      ['项目支出', 'expense.project'],
      ['较上年减少', 'change.total'],
      ['基本支出减少', 'change.basic'],
      ['项目支出减少', 'change.project'],
      ['机关运行经费', 'runningCost.total'],
      ['福利费', 'runningCost.welfare'],
      ['工会经费', 'runningCost.union'],
      ['其他商品和服务', 'runningCost.otherGoods'],
    ];
    for (const [label, key] of pairs) expect(`${label}=${f[key]?.wan}`).toBe(`${label}=${expected[label]}`);
    expect(Number(f['threePublic.total']!.wan)).toBe(Number(expected['三公经费']));
  });

  test('the sentences of 二 and 三 read as the reference does', () => {
    const t = textOf(reference());
    expect(t).toContain(
      '2025年预算收入55.33万元，其中：一般公共预算收入55.33万元，基金预算收入0.00万元，国有资本经营预算收入0.00万元，财政专户核拨收入0.00万元，单位资金收入0.00万元，上年结转结余0.00万元。',
    );
    expect(t).toContain(
      '2025年支出预算55.33万元，其中基本支出47.23万元，包括人员经费43.95万元和日常公用经费3.29万元；项目支出8.10万元，主要为困难职工及劳模帮扶救助资金。',
    );
    expect(t).toContain(
      '2025年预算收支安排55.33万元，较2024年预算减少21.28万元，其中：基本支出减少9.68万元，主要为减少残保金项目；项目支出减少11.60万元，主要为减少残保金项目。',
    );
    // Every item listed, the non-zero ones first, zero ones as 0.00.
    expect(t).toContain(
      '机关运行经费共计安排3.29万元，主要用于福利费1.95万元、工会经费0.64万元、其他商品和服务0.70万元、办公及印刷费0.00万元、邮电费0.00万元、差旅费0.00万元、' +
        '会议费0.00万元、日常维修费0.00万元、专用材料及一般设备购置费0.00万元、办公用房水电费0.00万元、办公用房取暖费0.00万元、办公用房物业管理费0.00万元、' +
        '公务用车运行维护费0.00万元、其他费用0.00万元等日常运行支出。',
    );
    expect(t).toContain(
      '2025年，我部门财政拨款“三公”经费预算安排0.00万元，与上年持平，无增减变化。其中：因公出国（境）费0.00万元，与上年持平；公务用车购置费0.00万元，与上年持平；',
    );
    expect(t).toContain('十、名词解释\n1、财政拨款收入：');
    expect(t).toContain('我部门无其他需要说明的事项。');
  });

  test('比上年增减 is the difference of the two printed figures (published case 18,976.76 − 15,621.11)', () => {
    // 189,767,550.00 元 prints 18,976.76 and 156,211,149.99 元 prints 15,621.11: the exact difference, 33,556,400.01 元,
    // would round to 3,355.64, but the reader subtracts the printed figures and must get 3,355.65.
    expect(printedChange(18_976_755_000n, 15_621_114_999n)).toEqual({ word: '增加', wan: '3355.65' });
    expect(printedChange(15_621_114_999n, 18_976_755_000n)).toEqual({ word: '减少', wan: '3355.65' });
    expect(printedChange(553_325_50n, 553_300_00n)).toEqual({ word: '持平', wan: '0.00' });
  });

  test('增加 / 持平 / no prior year are worded correctly', () => {
    const b = reference();
    b.priorYear = { year: 2024, total: 500_000_00n, basic: 472_325_50n, project: 30_000_00n, threePublic: 0n };
    const t = textOf(b);
    expect(t).toContain('较2024年预算增加5.33万元，其中：基本支出与上年持平；项目支出增加5.10万元，主要为减少残保金项目。');
    b.priorYear = null;
    expect(textOf(b)).toContain('2025年预算收支安排55.33万元。无上年预算数据，暂不作增减比较。');
  });

  test("prior figures from last year's budget in the database give the “三公” items their changes", () => {
    const last = reference();
    last.year = 2024;
    last.lines.push({ unit: '711001', function: '2012901', economic: '30217', kind: 'basic', source: 'general', carryover: false, amount: 12_000_00n });
    const t = textOf(reference(), { prior: priorFromPriorBudget(last) });
    expect(t).toContain('“三公”经费预算安排0.00万元，较上年减少1.20万元。其中：因公出国（境）费0.00万元，与上年持平；');
    expect(t).toContain('公务接待费0.00万元，较上年减少1.20万元。');
  });

  test('机关运行经费 counts 行政 and 参公事业 units only', () => {
    const b = reference();
    b.units.push(
      { code: '711002', name: '事业单位', nature: '事业', grade: '', funding: '' },
      { code: '711003', name: '参公单位', nature: '参公事业', grade: '', funding: '' },
    );
    b.lines.push(
      { unit: '711002', function: '2012901', economic: '30201', kind: 'basic', source: 'general', carryover: false, amount: 10_000_00n },
      { unit: '711003', function: '2012901', economic: '30201', kind: 'basic', source: 'general', carryover: false, amount: 2_000_00n },
      { unit: '711003', function: '2012901', economic: '30216', kind: 'basic', source: 'general', carryover: false, amount: 1_000_00n },
    );
    const f = buildNarrative(b, catalogs).figures;
    expect(f['runningCost.office']!.wan).toBe('0.20');
    expect(f['runningCost.other']!.wan).toBe('0.10'); // 30216 培训费 has no item of its own
    expect(f['runningCost.total']!.wan).toBe('3.59');
  });

  test("the clerk's own text replaces the defaults: 名词解释, 专项资金, 分项绩效目标, “三公” reason", () => {
    const b = reference();
    b.narrative.glossary = ['1、自定义名词：解释。'];
    b.narrative.specialFunds = '我部门主管专项资金 1 项。';
    b.narrative.performanceGoalDetails = ['1、分项目标甲', '分项目标乙'];
    b.narrative.threePublicReason = '公务接待减少';
    b.priorYear = { ...b.priorYear!, threePublic: 5_000_00n };
    const t = textOf(b);
    expect(t).toContain('十、名词解释\n1、自定义名词：解释。\n十一、');
    expect(t).toContain('六、部门主管专项资金预算安排情况及绩效目标\n我部门主管专项资金 1 项。');
    expect(t).toContain('（二）分项绩效目标\n1、分项目标甲\n2、分项目标乙'); // issue 12: 1、 throughout
    expect(t).toContain('“三公”经费预算安排0.00万元，较上年减少0.50万元，主要原因是公务接待减少。其中：因公出国（境）费0.00万元；');
  });
});
