// The reference budget widened to every kind of data the disclosure shows: a 参公事业 unit, 政府性基金 and
// 单位资金 lines, carry-over, “三公” items, a second project, procurement and assets.
import type { Budget, Line } from '../../core/model';
import { fixtureBudget } from './budget';

export function richBudget(): Budget {
  const b = fixtureBudget().budget;
  b.units.push({ code: '711002', name: '工会部门职工服务中心', nature: '参公事业', grade: '股级', funding: '财政拨款' });
  const line = (o: Partial<Line> & Pick<Line, 'economic' | 'amount'>): Line => ({
    unit: '711002',
    function: '2012901',
    kind: 'basic',
    source: 'general',
    carryover: false,
    ...o,
  });
  b.lines.push(
    line({ economic: '30201', amount: 5_000_00n }),
    line({ economic: '30217', amount: 3_000_00n }),
    line({ economic: '30231', amount: 2_000_00n }),
    line({ economic: '30211', amount: 1_000_00n, carryover: true }),
    line({ economic: '30201', amount: 4_000_00n, source: 'business' }),
    line({ function: '2296002', economic: '30227', amount: 20_000_00n, kind: 'project', source: 'fund', project: 'P2' }),
  );
  const p1 = b.projects[0]!;
  b.projects.push({
    ...structuredClone(p1),
    code: 'P2',
    name: '职工服务阵地建设',
    unit: '711002',
    purpose: '职工服务中心设备购置与运行',
    spendingPlan: { mar: '20', jun: '50', oct: '80', dec: '100' },
    goals: ['建成职工服务阵地 2 处'],
  });
  b.procurement.push({
    project: 'P2',
    item: '台式计算机',
    catalog: 'A02010104',
    measure: '台',
    quantity: '4',
    unitPrice: 5_000_00n,
    source: 'fund',
    carryover: false,
    amount: 20_000_00n,
    sme: 20_000_00n,
  });
  b.assets.push({ item: '房屋', quantity: '1', value: 1_200_000_00n }, { item: '通用设备', quantity: '26', value: 185_000_00n });
  b.assetsAsOf = '2024-12-31';
  // “三公”经费 只减不增: last year's 三公 as high as this year's (30217 + 30231), so the budget follows policy.
  b.priorYear = { ...b.priorYear!, threePublic: 5_000_00n };
  return b;
}
