// ONE aggregation pass over the lines. Every table, the narrative and the checks read these exact
// 分 sums; nothing re-walks the lines. 30,000 lines cost two map lookups and two bigint adds each.
import type { Fen } from '../../money';
import type { Budget, LineKind, Source } from '../../model';
import { FISCAL_SOURCES, LINE_KINDS, PERSONNEL_CLASSES, SOURCES } from '../../model';
import type { LineDigest } from '../../line-digest';
import { ALL_SLOTS, ExactSum, SlotVector, slotOf, slots } from './slots';

export { PERSONNEL_CLASSES };

/** 人员经费 = economic 301xx and 303xx. */
export function isPersonnel(economic: string): boolean {
  return PERSONNEL_CLASSES.some((c) => economic.startsWith(c));
}

/** Units whose 公用经费 count as 机关运行经费: 行政 and 参照公务员法管理 (参公) units. */
export function isAdminNature(nature: string): boolean {
  const n = nature.trim();
  return n === '行政' || n.startsWith('行政单位') || n.includes('参公') || n.includes('参照公务员法管理');
}

/** The “三公” items and their economic codes. 公务用车购置及运行维护费 = carPurchase + carOperation. */
export const THREE_PUBLIC_CODES = { abroad: '30212', carPurchase: '31013', carOperation: '30231', reception: '30217' } as const;
export type ThreePublicItem = keyof typeof THREE_PUBLIC_CODES;
export type FiscalSource = 'general' | 'fund' | 'soe';

export interface SplitFigures {
  total: Fen;
  personnel: Fen;
  publicUse: Fen;
}
export interface ProjectFigures {
  total: Fen;
  fiscal: Fen;
  other: Fen;
}

export interface TableFigures {
  /** Slot vectors (see slots.ts) per 7-digit function code, per 5-digit economic code, per function 类. */
  byFunction: Map<string, SlotVector>;
  byEconomic: Map<string, SlotVector>;
  byFunctionClass: Map<string, SlotVector>;
  /** The codes with lines rolled up to every level (function 类/款/项, economic 类/款), sorted — built
   *  once here so that every hierarchy table only reads them. */
  functionTree: CodeTree;
  economicTree: CodeTree;
  /** Sum over all lines as one slot vector. */
  all: SlotVector;
  /** All lines per function 类 (3-digit code), whatever the source. */
  classTotals: Map<string, Fen>;
  /** All lines. */
  total: Fen;
  /** This year's income (carryover = false) and 上年结转结余 (carryover = true). */
  current: Fen;
  carryover: Fen;
  bySource: Record<Source, { current: Fen; carryover: Fen; total: Fen }>;
  /** 单位资金 (business…other), this year's. */
  unitFundsCurrent: Fen;
  byKind: Record<LineKind, Fen>;
  /** 财政拨款 (general+fund+soe) lines. */
  fiscal: { total: Fen; current: Fen; carryover: Fen; byKind: Record<LineKind, Fen> };
  /** 基本支出 split into 人员经费 / 公用经费: all sources, 财政拨款 only, 一般公共预算 only (table 6). */
  basic: SplitFigures;
  fiscalBasic: SplitFigures;
  generalBasic: SplitFigures;
  /** 财政拨款 “三公” by item and source (basic and project alike). */
  threePublic: Record<ThreePublicItem, Record<FiscalSource, Fen>>;
  threePublicTotal: Fen;
  /** 机关运行经费: basic, 财政拨款, non-personnel, units of nature 行政/参公 — total and per economic code. */
  adminOperating: { total: Fen; byEconomic: Map<string, Fen> };
  /** Per project code: its lines' total, 财政资金 (general/fund/soe) and 其他资金. */
  projects: Map<string, ProjectFigures>;
}

/** A classification's codes that have lines, with every ancestor level, each with its summed vector. */
export interface CodeTree {
  vectors: Map<string, SlotVector>;
  /** Plain string order, which puts each 类 before its 款 and each 款 before its 项 ('201' < '20129' < '2012901'). */
  sorted: string[];
}

function buildTree(leaves: Map<string, SlotVector>, ancestorLengths: readonly number[]): CodeTree {
  const vectors = new Map<string, SlotVector>();
  for (const [c, vec] of leaves) {
    for (const l of ancestorLengths) {
      if (l >= c.length) break;
      const p = c.slice(0, l);
      let v = vectors.get(p);
      if (!v) vectors.set(p, (v = new SlotVector()));
      v.addVector(vec);
    }
    let own = vectors.get(c);
    if (!own) vectors.set(c, (own = new SlotVector()));
    own.addVector(vec);
  }
  return { vectors, sorted: [...vectors.keys()].sort() };
}

function splitOf(byEconomic: Map<string, SlotVector>, sel: readonly number[]): SplitFigures {
  let personnel = 0n,
    publicUse = 0n;
  for (const [code, vec] of byEconomic) {
    const v = vec.sum(sel);
    if (isPersonnel(code)) personnel += v;
    else publicUse += v;
  }
  return { total: personnel + publicUse, personnel, publicUse };
}

export function computeFigures(budget: Budget): TableFigures {
  const byFunction = new Map<string, SlotVector>();
  const byEconomic = new Map<string, SlotVector>();
  const adminUnits = new Set(budget.units.filter((u) => isAdminNature(u.nature)).map((u) => u.code));
  const adminByEconomic = new Map<string, ExactSum>();
  const projectSums = new Map<string, { fiscal: ExactSum; other: ExactSum }>();
  const fiscalSet = new Set<Source>(FISCAL_SOURCES);

  // An indexed loop: this runs once per derivation, mostly before V8 optimizes it, and for…of then
  // allocates an iterator result per line (12 MB at 300,000 lines).
  const lines = budget.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const slot = slotOf(line.kind, line.source, line.carryover);
    let fv = byFunction.get(line.function);
    if (!fv) byFunction.set(line.function, (fv = new SlotVector()));
    fv.add(slot, line.amount);
    let ev = byEconomic.get(line.economic);
    if (!ev) byEconomic.set(line.economic, (ev = new SlotVector()));
    ev.add(slot, line.amount);
    const fiscal = fiscalSet.has(line.source);
    if (line.kind === 'basic' && fiscal && adminUnits.has(line.unit) && !isPersonnel(line.economic)) {
      let a = adminByEconomic.get(line.economic);
      if (!a) adminByEconomic.set(line.economic, (a = new ExactSum()));
      a.add(line.amount);
    }
    if (line.project !== undefined) {
      let p = projectSums.get(line.project);
      if (!p) projectSums.set(line.project, (p = { fiscal: new ExactSum(), other: new ExactSum() }));
      (fiscal ? p.fiscal : p.other).add(line.amount);
    }
  }
  const projects = new Map<string, ProjectFigures>();
  for (const [code, p] of projectSums) {
    const fiscal = p.fiscal.value,
      other = p.other.value;
    projects.set(code, { total: fiscal + other, fiscal, other });
  }
  return figuresOf({ byFunction, byEconomic, admin: new Map([...adminByEconomic].map(([c, v]) => [c, v.value])), projects });
}

/**
 * The same figures from the digest of the lines (core/line-digest.ts) instead of the lines: what the
 * database keeps by trigger, so a view of a 300,000-line budget reads tens of thousands of sums, not the lines.
 * Equal to computeFigures over the same lines (test/line-digest.test.ts).
 */
export function figuresFromDigest(digest: LineDigest, units: Budget['units']): TableFigures {
  const vectors = (grain: 'byFunction' | 'byEconomic') => {
    const out = new Map<string, SlotVector>();
    for (const g of digest[grain]) {
      const code = grain === 'byFunction' ? g.function : g.economic;
      let v = out.get(code);
      if (!v) out.set(code, (v = new SlotVector()));
      v.add(slotOf(g.kind, g.source, g.carryover), g.amount);
    }
    return out;
  };
  const adminUnits = new Set(units.filter((u) => isAdminNature(u.nature)).map((u) => u.code));
  const admin = new Map<string, Fen>();
  // The grain holds only 财政拨款 基本支出 outside 人员经费: the unit's nature decides.
  for (const g of digest.admin) if (adminUnits.has(g.unit)) admin.set(g.economic, (admin.get(g.economic) ?? 0n) + g.amount);
  const f = figuresOf({ byFunction: vectors('byFunction'), byEconomic: vectors('byEconomic'), admin, projects: new Map() });
  // Per project only when a table or rule asks (the cells grain is the largest; most tables never read it).
  let projects: Map<string, ProjectFigures> | undefined;
  return Object.defineProperty(f, 'projects', { enumerable: true, get: () => (projects ??= projectFiguresOf(digest)) });
}

function projectFiguresOf(digest: LineDigest): Map<string, ProjectFigures> {
  const fiscalSet = new Set<Source>(FISCAL_SOURCES);
  const projects = new Map<string, ProjectFigures>();
  for (const g of digest.cells) {
    if (g.project === '') continue;
    const p = projects.get(g.project) ?? { total: 0n, fiscal: 0n, other: 0n };
    if (fiscalSet.has(g.source)) p.fiscal += g.amount;
    else p.other += g.amount;
    p.total += g.amount;
    projects.set(g.project, p);
  }
  return projects;
}

/** What the pass over the lines sums: every other figure is derived from these. */
interface LineSums {
  byFunction: Map<string, SlotVector>;
  byEconomic: Map<string, SlotVector>;
  /** 机关运行经费 per economic code. */
  admin: Map<string, Fen>;
  projects: Map<string, ProjectFigures>;
}

/**
 * The figures of several budgets' lines taken together (a bureau's 汇总), from each budget's own figures:
 * the same as one pass over all their lines, since every sum is exact, with codes in the same first-seen
 * order. `projectCode` gives a budget's project code its code in the combination.
 */
export function mergeFigures(parts: readonly { figures: TableFigures; projectCode: (code: string) => string }[]): TableFigures {
  const sums: LineSums = { byFunction: new Map(), byEconomic: new Map(), admin: new Map(), projects: new Map() };
  const addAll = (into: Map<string, SlotVector>, from: Map<string, SlotVector>) => {
    for (const [c, v] of from) {
      let t = into.get(c);
      if (!t) into.set(c, (t = new SlotVector()));
      t.addVector(v);
    }
  };
  for (const { figures: f, projectCode } of parts) {
    addAll(sums.byFunction, f.byFunction);
    addAll(sums.byEconomic, f.byEconomic);
    for (const [c, v] of f.adminOperating.byEconomic) sums.admin.set(c, (sums.admin.get(c) ?? 0n) + v);
    for (const [code, p] of f.projects) {
      const k = projectCode(code);
      const q = sums.projects.get(k);
      sums.projects.set(k, q ? { total: q.total + p.total, fiscal: q.fiscal + p.fiscal, other: q.other + p.other } : { ...p });
    }
  }
  return figuresOf(sums);
}

function figuresOf({ byFunction, byEconomic, admin, projects }: LineSums): TableFigures {
  const functionTree = buildTree(byFunction, [3, 5]);
  const economicTree = buildTree(byEconomic, [3]);
  const byFunctionClass = new Map<string, SlotVector>();
  const all = new SlotVector();
  for (const c of functionTree.sorted) {
    if (c.length !== 3) continue;
    const v = functionTree.vectors.get(c)!;
    byFunctionClass.set(c, v);
    all.addVector(v);
  }

  const s = (f: Parameters<typeof slots>[0]) => all.sum(slots(f));
  const bySource = {} as TableFigures['bySource'];
  for (const src of SOURCES) {
    const current = s({ sources: [src], carryover: false });
    const carryover = s({ sources: [src], carryover: true });
    bySource[src] = { current, carryover, total: current + carryover };
  }
  const byKind = {} as Record<LineKind, Fen>;
  const fiscalByKind = {} as Record<LineKind, Fen>;
  for (const k of LINE_KINDS) {
    byKind[k] = s({ kinds: [k] });
    fiscalByKind[k] = s({ kinds: [k], sources: FISCAL_SOURCES });
  }

  const threePublic = {} as TableFigures['threePublic'];
  let threePublicTotal = 0n;
  for (const [item, code] of Object.entries(THREE_PUBLIC_CODES) as [ThreePublicItem, string][]) {
    const vec = byEconomic.get(code);
    const r = {} as Record<FiscalSource, Fen>;
    for (const src of FISCAL_SOURCES as FiscalSource[]) {
      r[src] = vec ? vec.sum(slots({ sources: [src] })) : 0n;
      threePublicTotal += r[src];
    }
    threePublic[item] = r;
  }

  let adminTotal = 0n;
  for (const v of admin.values()) adminTotal += v;

  return {
    byFunction,
    byEconomic,
    byFunctionClass,
    functionTree,
    economicTree,
    all,
    classTotals: new Map([...byFunctionClass].map(([c, v]) => [c, v.sum(ALL_SLOTS)])),
    total: all.sum(ALL_SLOTS),
    current: s({ carryover: false }),
    carryover: s({ carryover: true }),
    bySource,
    unitFundsCurrent: s({ sources: ['business', 'operating', 'superior', 'affiliate', 'other'], carryover: false }),
    byKind,
    fiscal: {
      total: s({ sources: FISCAL_SOURCES }),
      current: s({ sources: FISCAL_SOURCES, carryover: false }),
      carryover: s({ sources: FISCAL_SOURCES, carryover: true }),
      byKind: fiscalByKind,
    },
    basic: splitOf(byEconomic, slots({ kinds: ['basic'] })),
    fiscalBasic: splitOf(byEconomic, slots({ kinds: ['basic'], sources: FISCAL_SOURCES })),
    generalBasic: splitOf(byEconomic, slots({ kinds: ['basic'], sources: ['general'] })),
    threePublic,
    threePublicTotal,
    adminOperating: { total: adminTotal, byEconomic: admin },
    projects,
  };
}

export { SlotVector };
