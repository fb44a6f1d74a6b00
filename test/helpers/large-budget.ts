// A deterministic large budget (30,000 lines, 400 projects) over the built-in 2025 catalogs, for the
// size and speed cases of the tables and the workbook.
import type { Catalogs } from '../../core/catalog';
import type { Budget, Indicator, Line, LineKind, Project, Source } from '../../core/model';
import { emptyNarrative } from '../../core/model';
import { builtinCatalogs } from './fixture';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function largeBudget(opts: { lines?: number; projects?: number; seed?: number } = {}): { budget: Budget; catalogs: Catalogs } {
  const catalogs = builtinCatalogs(2025)!;
  const rand = rng(opts.seed ?? 42);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const fnCodes = catalogs.function
    .entries()
    .filter((e) => e.code.length === 7)
    .map((e) => e.code);
  const usedFn = Array.from({ length: 300 }, () => pick(fnCodes));
  const econ = catalogs.economic
    .entries()
    .filter((e) => e.code.length === 5)
    .map((e) => e.code);
  const units = Array.from({ length: 20 }, (_, i) => ({
    code: `711${String(i + 1).padStart(3, '0')}`,
    name: `第${i + 1}预算单位`,
    nature: i % 3 === 0 ? '行政' : i % 3 === 1 ? '参公事业' : '事业',
    grade: '正科级',
    funding: '财政拨款',
  }));
  const nProjects = opts.projects ?? 400;
  const indicator = (level1: string, level2: string, n: number): Indicator => ({
    level1,
    level2,
    name: `指标${n}`,
    description: `指标${n}的描述，说明该项指标的口径和计算方法`,
    op: '≥',
    value: '90',
    unit: '%',
    basis: '行业标准',
  });
  const projects: Project[] = Array.from({ length: nProjects }, (_, i) => ({
    code: `13030325P${String(i + 1).padStart(11, '0')}X`,
    name: `专项业务经费项目${i + 1}`,
    unit: pick(units).code,
    purpose: `用于第${i + 1}项专项业务的开展，包括会议、培训、宣传和设备购置等支出`,
    spendingPlan: { mar: '25', jun: '50', oct: '80', dec: '100' },
    goals: ['按时完成年度工作任务', '提高服务质量和群众满意度'],
    indicators: [
      indicator('产出指标', '数量指标', 1),
      indicator('产出指标', '质量指标', 2),
      indicator('产出指标', '时效指标', 3),
      indicator('效益指标', '社会效益指标', 4),
      indicator('满意度指标', '服务对象满意度指标', 5),
    ],
  }));
  const kinds: LineKind[] = ['basic', 'basic', 'basic', 'basic', 'basic', 'project', 'project', 'project', 'operating', 'remit', 'subsidy'];
  const sources: Source[] = [
    'general',
    'general',
    'general',
    'general',
    'general',
    'general',
    'fund',
    'soe',
    'special',
    'business',
    'operating',
    'superior',
    'affiliate',
    'other',
  ];
  const lines: Line[] = Array.from({ length: opts.lines ?? 30_000 }, () => {
    const kind = pick(kinds);
    const line: Line = {
      unit: pick(units).code,
      function: pick(usedFn),
      economic: pick(econ),
      kind,
      source: pick(sources),
      carryover: rand() < 0.05,
      amount: BigInt(1 + Math.floor(rand() * 500_000_000)),
    };
    if (kind === 'project') line.project = pick(projects).code;
    return line;
  });
  const budget: Budget = {
    year: 2025,
    department: { code: '711', name: '工会部门' },
    units,
    lines,
    projects,
    procurement: Array.from({ length: 200 }, (_, i) => ({
      project: pick(projects).code,
      item: `办公设备${i + 1}`,
      catalog: `A0201${String(i % 99).padStart(2, '0')}`,
      measure: '台',
      quantity: String(1 + (i % 9)),
      unitPrice: 350_000n,
      source: pick(sources),
      carryover: rand() < 0.1,
      amount: BigInt(1 + Math.floor(rand() * 50_000_000)),
      sme: rand() < 0.5 ? 1_000_000n : null,
    })),
    assets: Array.from({ length: 50 }, (_, i) => ({
      item: `固定资产类别${i + 1}`,
      quantity: String(i + 1),
      value: BigInt(1 + Math.floor(rand() * 900_000_000)),
    })),
    assetsAsOf: '2024-12-31',
    priorYear: null,
    names: null,
    narrative: emptyNarrative(),
    control: [],
    extra: {},
  };
  return { budget, catalogs };
}
