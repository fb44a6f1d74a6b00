// Issue 12: the catalog search (pinyin initials, several words, name before path, code prefix) and
// 复制绩效指标 (projects.copyIndicators), through the handler map over a real SQLite file.
import { describe, expect, it } from 'vitest';
import { pinyinInitials } from '../db/catalog-search';
import { useTestEngine } from './helpers/engine';

const fx = useTestEngine();
const { call, value } = fx;
const budget = { dept: '901', year: 2025 };
const last = { dept: '901', year: 2024 };
const IND = (name: string, level1 = '产出指标', level2 = '数量指标') => ({ level1, level2, name, description: '', op: '≥', value: '1', unit: '次', basis: '' });

async function fresh(): Promise<void> {
  await value('db.create', { path: fx.tmp.file('s.sqlite') });
  for (const year of [2024, 2025]) {
    await value('budgets.create', { deptCode: '901', deptName: '测试部门', year });
    await value('units.add', { budget: { dept: '901', year }, unit: { code: '901001', name: '测试部门本级', nature: '行政' } });
  }
}

describe('catalog.search', () => {
  it('finds 行政运行 by its pinyin initials, with the 类›款 path that tells the many apart', async () => {
    await fresh();
    expect(pinyinInitials('行政运行')).toBe('xzyx');
    const hits = await value('catalog.search', { year: 2025, kind: 'function', query: 'xzyx', limit: 500 });
    expect(hits.length).toBeGreaterThan(10);
    expect(hits.every((h) => h.name === '行政运行')).toBe(true);
    expect(hits.find((h) => h.code === '2012901')?.path).toBe('一般公共服务支出›群众团体事务›行政运行');
    expect(new Set(hits.map((h) => h.path)).size).toBe(hits.length);
  });

  it('takes several words: every word must match the name or the path, own-name matches first', async () => {
    await fresh();
    const hits = await value('catalog.search', { year: 2025, kind: 'function', query: '城乡 环境', limit: 200 });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(`${h.name}${h.path}`).toMatch(/城乡/);
      expect(`${h.name}${h.path}`).toMatch(/环境/);
    }
    expect(hits.some((h) => h.code.startsWith('212'))).toBe(true);
    // A word of digits is a code prefix; mixed with a name word both must hold.
    const mixed = await value('catalog.search', { year: 2025, kind: 'function', query: '201 xzyx', limit: 200 });
    expect(mixed.length).toBeGreaterThan(0);
    expect(mixed.every((h) => h.code.startsWith('201') && h.name === '行政运行')).toBe(true);
    // Name matches come before entries matched only through their path.
    const byName = await value('catalog.search', { year: 2025, kind: 'function', query: '群众团体事务', limit: 200 });
    expect(byName[0]!.code).toBe('20129');
  });

  it('a code the clerk adds is found at once (the index is rebuilt after catalog.add)', async () => {
    await fresh();
    expect(await value('catalog.search', { year: 2025, kind: 'function', query: '2012988', limit: 10 })).toEqual([]);
    await value('catalog.add', { year: 2025, kind: 'function', code: '2012988', name: '工会专项测试事务' });
    const hits = await value('catalog.search', { year: 2025, kind: 'function', query: 'ghzx', limit: 10 });
    expect(hits.map((h) => h.code)).toEqual(['2012988']);
  });
});

describe('projects.copyIndicators', () => {
  it('copies all indicators from another project of the year, skips ones the target has, one undoable step', async () => {
    await fresh();
    await value('projects.add', {
      budget,
      project: { code: 'P1', name: '职工帮扶', unit: '901001', indicators: [IND('帮扶人次'), IND('满意度', '满意度指标', '服务对象满意度指标')] },
    });
    await value('projects.add', { budget, project: { code: 'P2', name: '劳模慰问', unit: '901001', indicators: [IND('帮扶人次')] } });
    expect(await value('projects.copyIndicators', { budget, code: 'P2', from: { code: 'P1' } })).toEqual({ copied: 1, skipped: 1 });
    const p2 = (await value('projects.list', { budget })).find((p) => p.code === 'P2')!;
    expect(p2.indicators.map((i) => i.name)).toEqual(['帮扶人次', '满意度']);
    const st = await value('edit.state', { budget });
    expect(st.undoLabel).toBe('从项目“职工帮扶”复制绩效指标');
    await value('edit.undo', { budget });
    expect((await value('projects.list', { budget })).find((p) => p.code === 'P2')!.indicators.map((i) => i.name)).toEqual(['帮扶人次']);
  });

  it("copies from last year's project, and refuses in the clerk's words when there is nothing to copy", async () => {
    await fresh();
    await value('projects.add', {
      budget: last,
      project: { code: 'P2024', name: '职工帮扶', unit: '901001', indicators: [IND('帮扶人次'), IND('覆盖率', '产出指标', '质量指标')] },
    });
    await value('projects.add', { budget, project: { code: 'P2025', name: '职工帮扶', unit: '901001' } });
    expect(await value('projects.copyIndicators', { budget, code: 'P2025', from: { year: 2024, code: 'P2024' } })).toEqual({ copied: 2, skipped: 0 });
    expect((await value('projects.list', { budget }))[0]!.indicators).toHaveLength(2);
    const self = await call('projects.copyIndicators', { budget, code: 'P2025', from: { code: 'P2025' } });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.error.message).toContain('不能从项目自身复制');
    const missing = await call('projects.copyIndicators', { budget, code: 'P2025', from: { year: 2024, code: 'NOPE' } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toBe('2024 年没有项目 NOPE');
  });
});
