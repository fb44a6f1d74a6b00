// Seeded budget files for the benchmark: the reference fixture as it is, and two generated departments
// (medium, large) written as dept-budget/1 text, so that `import` goes through the real parser. Codes
// come from the built-in 2025 catalog (core/catalogs/builtin.ts); the same seed gives the same bytes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinCatalog } from '../core/catalogs/builtin';
import { INDICATOR_LEVEL2, type LineKind, type Source } from '../core/model';

export const SIZES = ['reference', 'medium', 'large', 'huge', 'bureau'] as const;
export type Size = (typeof SIZES)[number];
/** Sizes that are one department's budget file; `bureau` is many departments (bureauDocs). */
export type DeptSize = Exclude<Size, 'bureau'>;

export interface GeneratedShape {
  units: number;
  lines: number;
  projects: number;
  indicatorsPerProject: number;
  /** Distinct 7-digit function 项 codes the lines are spread over. */
  functionCodes: number;
  procurement: number;
  assets: number;
  /** Largest line amount in 分 (default 5,000,000.00 元). huge uses less: the file's priorYear totals,
   *  derived from the sum of the lines, must stay within the parser's amount cap. */
  maxLineFen?: number;
}

export const SHAPES: Record<Exclude<DeptSize, 'reference'>, GeneratedShape> = {
  medium: { units: 10, lines: 3_000, projects: 60, indicatorsPerProject: 8, functionCodes: 120, procurement: 40, assets: 20 },
  large: { units: 50, lines: 30_000, projects: 400, indicatorsPerProject: 8, functionCodes: 320, procurement: 200, assets: 50 },
  // A county 教育局 with hundreds of schools: ten times large.
  huge: { units: 500, lines: 300_000, projects: 4_000, indicatorsPerProject: 8, functionCodes: 320, procurement: 2_000, assets: 500, maxLineFen: 50_000_000 },
};

/** bureau: a finance bureau's departments of one year, each a medium-sized department of its own. */
export const BUREAU = { departments: 100, shape: SHAPES.medium } as const;

/** The reference budget file (test/shared/fixtures, a copy of ../shared), found from the repository root. */
export function referencePath(root = process.cwd()): string {
  return resolve(root, 'test/shared/fixtures/711-2025.budget.json');
}

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A budget file's text for the given size (the reference is read from disk). */
export function budgetFileText(size: DeptSize, seed = 20250101, root = process.cwd()): string {
  if (size === 'reference') return readFileSync(referencePath(root), 'utf8');
  // huge is written without indentation: indented it would pass the 6000 万 character cap of a budget file.
  return JSON.stringify(generateBudgetDoc(SHAPES[size], seed), null, size === 'huge' ? undefined : 1);
}

/** The bureau's department files: department codes 801…, units and projects numbered within each. */
export function bureauDocs(seed = 20250101, count: number = BUREAU.departments, shape: GeneratedShape = BUREAU.shape): string[] {
  return Array.from({ length: count }, (_, i) => {
    const code = String(801 + i);
    const doc = generateBudgetDoc(shape, seed + i) as ReturnType<typeof generateBudgetDoc> & {
      units: { code: string }[];
      projects: { code: string; unit: string }[];
      lines: { unit: string; project?: string }[];
      procurement: { project: string }[];
    };
    const unit = (c: string) => `${code}${c.slice(3)}`;
    const project = (c: string) => `${code}${c}`; // project codes are digits and capitals only (ITEM_CODE_RE)
    doc.department = { code, name: `第${i + 1}部门` };
    for (const u of doc.units) u.code = unit(u.code);
    for (const p of doc.projects) {
      p.code = project(p.code);
      p.unit = unit(p.unit);
    }
    for (const l of doc.lines) {
      l.unit = unit(l.unit);
      if (l.project) l.project = project(l.project);
    }
    for (const r of doc.procurement) r.project = project(r.project);
    return JSON.stringify(doc);
  });
}

/** 元 text with two decimals, from integer 分 (exact, no floats in the amount itself). */
const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

const NATURES = ['行政', '参公事业', '事业', '事业', '行政'];
const GRADES = ['正处级', '副处级', '正科级', '副科级', '股级'];
const FUNDINGS = ['财政拨款', '财政补助', '财政补助', '经费自理'];
const CN = '一二三四五六七八九十';

export function generateBudgetDoc(shape: GeneratedShape, seed: number): Record<string, unknown> {
  const rand = rng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;

  const fnAll = builtinCatalog(2025, 'function')!
    .filter((e) => e.code.length === 7)
    .map((e) => e.code);
  const ecAll = builtinCatalog(2025, 'economic')!
    .filter((e) => e.code.length === 5)
    .map((e) => e.code);
  if (fnAll.length < shape.functionCodes) throw new Error(`built-in catalog has only ${fnAll.length} function 项 codes`);
  // A seeded shuffle, then the first N: codes from every 类, not one block of the catalog.
  const fnPool = [...fnAll];
  for (let i = fnPool.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [fnPool[i], fnPool[j]] = [fnPool[j]!, fnPool[i]!];
  }
  const fnCodes = fnPool.slice(0, shape.functionCodes);
  // Economic codes as a department uses them: basic lines on 人员/公用/对个人和家庭, projects on 商品服务/资本性.
  const ecBasic = ecAll.filter((c) => /^30[123]/.test(c));
  const ecProject = ecAll.filter((c) => /^(302|310|309|399|312)/.test(c));
  const ecOther = ecAll;

  const units = Array.from({ length: shape.units }, (_, i) => ({
    code: `711${String(i + 1).padStart(3, '0')}`,
    name: i === 0 ? '工会部门本级' : `工会部门所属第${i + 1}预算单位`,
    nature: NATURES[i % NATURES.length]!,
    grade: GRADES[i % GRADES.length]!,
    funding: FUNDINGS[i % FUNDINGS.length]!,
  }));

  const level1s = Object.keys(INDICATOR_LEVEL2) as (keyof typeof INDICATOR_LEVEL2)[];
  const projects = Array.from({ length: shape.projects }, (_, i) => {
    const n = i + 1;
    const unit = units[i % units.length]!.code;
    return {
      code: `13030325P${String(496310000 + n).padStart(11, '0')}X`,
      name: `专项业务经费${n}（${pick(['职工帮扶', '劳模服务', '职工培训', '法律援助', '文体活动', '阵地建设'])}）`,
      unit,
      purpose: `用于第${n}项专项业务的开展，包括会议、培训、宣传、帮扶救助和设备购置等支出，保障年度重点工作顺利完成。`,
      spendingPlan: { mar: '25', jun: '50', oct: '80', dec: '100' },
      goals: [`完成专项业务${n}的年度工作任务`, '提高服务质量和职工群众满意度'],
      indicators: Array.from({ length: shape.indicatorsPerProject }, (_, j) => {
        const level1 = level1s[j % level1s.length]!;
        const level2 = INDICATOR_LEVEL2[level1][j % INDICATOR_LEVEL2[level1].length]!;
        return {
          level1,
          level2,
          name: `${level2.replace('指标', '')}指标${j + 1}`,
          description: `项目${n}的${level2}，按年度工作计划考核完成情况`,
          op: j % 2 ? '≥' : '=',
          value: j % 2 ? '90' : String(10 + int(90)),
          unit: j % 2 ? '%' : '次',
          basis: pick(['行业标准', '计划标准', '历史标准']),
        };
      }),
    };
  });

  const kinds: LineKind[] = ['basic', 'basic', 'basic', 'basic', 'basic', 'basic', 'project', 'project', 'project', 'operating', 'remit', 'subsidy'];
  const sources: Source[] = [
    'general',
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
  const lines = Array.from({ length: shape.lines }, (_, i) => {
    const kind = pick(kinds);
    const project = kind === 'project' ? projects[int(projects.length)]! : null;
    // Every function code appears at least once, then the rest at random.
    const fn = i < fnCodes.length ? fnCodes[i]! : pick(fnCodes);
    const line: Record<string, unknown> = {
      unit: project ? project.unit : pick(units).code,
      function: fn,
      economic: pick(kind === 'basic' ? ecBasic : kind === 'project' ? ecProject : ecOther),
      kind,
      source: pick(sources),
    };
    if (rand() < 0.05) line.carryover = true;
    line.amount = yuan(100 + int(shape.maxLineFen ?? 500_000_000)); // up to 5,000,000.00 元 unless the shape says less
    if (project) line.project = project.code;
    if (rand() < 0.1) line.memo = `第${i + 1}条明细备注`;
    return line;
  });

  const procurement = Array.from({ length: shape.procurement }, (_, i) => {
    const qty = 1 + int(20);
    const price = 100_000 + int(2_000_000);
    return {
      project: pick(projects).code,
      item: `${pick(['台式计算机', '打印机', '复印机', '办公桌椅', '投影仪', '空调'])}${i + 1}`,
      catalog: `A0201${String(i % 99).padStart(2, '0')}`,
      measure: '台',
      quantity: String(qty),
      unitPrice: yuan(price),
      source: pick(['general', 'general', 'fund', 'business']),
      amount: yuan(qty * price),
      sme: rand() < 0.5 ? yuan(Math.floor((qty * price) / 2)) : null,
    };
  });
  const assets = Array.from({ length: shape.assets }, (_, i) => ({
    item: `${pick(['房屋', '车辆', '通用设备', '专用设备', '家具'])}类资产${i + 1}`,
    quantity: String(1 + int(200)),
    value: yuan(10_000 + int(900_000_000)),
  }));

  const total = lines.reduce((s, l) => s + Number(String(l.amount).replace('.', '')), 0);
  return {
    format: 'dept-budget/1',
    year: 2025,
    department: { code: '711', name: '工会部门' },
    units,
    lines,
    projects,
    procurement,
    assets,
    assetsAsOf: '2024-12-31',
    priorYear: {
      year: 2024,
      total: yuan(Math.floor(total * 0.95)),
      basic: yuan(Math.floor(total * 0.5)),
      project: yuan(Math.floor(total * 0.3)),
      threePublic: yuan(1_234_500),
    },
    narrative: {
      duties: Array.from({ length: 6 }, (_, i) => ({
        title: `职责${CN[i]}`,
        text: `负责全区职工的第${CN[i]}项工作，组织开展相关活动，履行工会组织的各项职能。`,
      })),
      performanceGoals: Array.from({ length: 8 }, (_, i) => `完成第${CN[i]}项年度绩效目标。`),
      changeReasons: { basic: '主要为人员变动增加基本支出', project: '主要为新增专项业务项目' },
      other: '我部门无其他需要说明的事项。',
    },
  };
}
