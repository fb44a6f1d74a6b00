// Catalog search ranked by the department's own use (issue 20 §7), through the real browser-mode HTTP server
// over a real SQLite file: a 财政所 that uses 2010601 行政运行 finds it first for “xzyx” and “行政运行” (not
// 2010101 人大事务's), last year's codes count too, then codes of the same 款 and 类; without a budget the
// order is the catalog's, with no rank.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../api/handlers';
import { startServer, type RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { postApi } from './helpers/http-api';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;

const api = async (channel: string, args: unknown) => {
  const r = await postApi(srv, channel, args);
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.value;
};
const budget = { dept: '905', year: 2025 };
const line = (fn: string) => ({ unit: '905001', function: fn, economic: '30101', kind: 'basic', source: 'general', amount: '100.00' });
const search = (query: string, withBudget = true): Promise<{ code: string; rank?: number; leaf: boolean }[]> =>
  api('catalog.search', { year: 2025, kind: 'function', query, limit: 200, ...(withBudget ? { budget } : {}) });

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('rank.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 64 * 1024 });
  for (const year of [2024, 2025]) {
    await api('budgets.create', { deptCode: '905', deptName: '某镇财政所', year });
    await api('units.add', { budget: { dept: '905', year }, unit: { code: '905001', name: '本级' } });
  }
  await api('lines.add', { budget, lines: [line('2010601')] });
  await api('lines.add', { budget: { dept: '905', year: 2024 }, lines: [line('2010650')] });
});
afterAll(async () => {
  await srv?.close();
  engine?.close();
  tmp?.cleanup();
});

describe("catalog.search ranked by the department's use", () => {
  it("a name or its pinyin initials: this budget's own code first, alone at the best rank", async () => {
    for (const q of ['xzyx', '行政运行']) {
      const hits = await search(q);
      expect(hits[0]).toMatchObject({ code: '2010601', rank: 0 });
      expect(hits[1]!.rank).toBeGreaterThan(0);
      expect(hits.length).toBeGreaterThan(10);
    }
  });

  it("last year's codes count; then the same 款, then the same 类, then the rest", async () => {
    expect((await search('事业运行'))[0]).toMatchObject({ code: '2010650', rank: 0 });
    const service = await search('机关服务');
    expect(service[0]).toMatchObject({ code: '2010603', rank: 2 }); // 财政事务 款
    const ranks = service.map((h) => h.rank!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(service.some((h) => h.code.startsWith('201') && !h.code.startsWith('20106') && h.rank === 4)).toBe(true); // the 类
    expect(service.some((h) => !h.code.startsWith('201') && h.rank === 6)).toBe(true);
  });

  it("without a budget: the catalog's own order, no rank", async () => {
    const hits = await search('xzyx', false);
    expect(hits[0]!.code).toBe('2010101');
    expect(hits.every((h) => h.rank === undefined)).toBe(true);
  });
});
