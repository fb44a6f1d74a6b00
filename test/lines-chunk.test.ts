// lines.chunk through the real browser-mode HTTP server over a real SQLite file: keyset paging covers every
// line of the budget exactly once, in id order, and its compact rows read back (lineOfRow, as the renderer
// reads them) are exactly what lines.list gives (another budget's lines, interleaved by id, never appear),
// with the budget's line count on every answer; bad arguments are refused in Chinese, naming the argument
// in the clerk's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineOfRow, type LineDto, type LineRow } from '../api/contract';
import { createEngine, type Engine } from '../api/handlers';
import { startServer, type RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { postApi } from './helpers/http-api';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;

const api = (channel: string, args: unknown) => postApi(srv, channel, args);
async function value(channel: string, args: unknown): Promise<any> {
  const r = await api(channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

const A = { dept: '901', year: 2025 };
const B = { dept: '901', year: 2026 };
const lines = (n: number, memo: string) =>
  Array.from({ length: n }, (_, i) => ({
    unit: '901001',
    function: '2012901',
    economic: i % 2 ? '30101' : '30201',
    kind: 'basic',
    source: 'general',
    amount: `${i + 1}.${String(i % 100).padStart(2, '0')}`,
    memo: `${memo}${i + 1}`,
  }));

/** A lines.chunk answer with its rows read as the renderer reads them. */
async function chunk(args: unknown): Promise<{ lines: LineDto[]; total: number }> {
  const { rows, total } = (await value('lines.chunk', args)) as { rows: LineRow[]; total: number };
  return { lines: rows.map(lineOfRow), total };
}

/** Every line of `budget` by lines.chunk, `limit` at a time; the answers as they came. */
async function pages(budget: typeof A, limit: number): Promise<{ lines: LineDto[]; total: number }[]> {
  const out: { lines: LineDto[]; total: number }[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await chunk(after === undefined ? { budget, limit } : { budget, after, limit });
    out.push(page);
    if (page.lines.length < limit) return out;
    after = page.lines[page.lines.length - 1]!.id;
  }
}

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('chunk.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 4 * 1024 * 1024 });
  for (const budget of [A, B]) {
    await value('budgets.create', { deptCode: '901', deptName: '测试部门', year: budget.year });
    await value('units.add', { budget, unit: { code: '901001', name: '本级' } });
  }
  // Ids interleave between the two budgets, and deleted lines leave gaps: the keyset must skip both.
  await value('lines.add', { budget: A, lines: lines(600, 'A') });
  await value('lines.add', { budget: B, lines: lines(50, 'B') });
  await value('lines.add', { budget: A, lines: lines(437, 'A2-') });
  const all = await value('lines.list', { budget: A });
  await value('lines.delete', { budget: A, ids: all.filter((_: unknown, i: number) => i % 7 === 3).map((l: { id: number }) => l.id) });
});
afterAll(async () => {
  await srv?.close();
  engine?.close();
  tmp?.cleanup();
});

describe('lines.chunk', () => {
  it('pages cover every line exactly once, in id order, as lines.list gives them, with the count on every answer', async () => {
    const list = await value('lines.list', { budget: A });
    expect(list.length).toBe(1037 - Math.ceil((1037 - 3) / 7));
    for (const limit of [1, 100, 500, 50_000]) {
      const got = await pages(A, limit);
      expect(
        got.flatMap((p) => p.lines),
        `limit ${limit}`,
      ).toEqual(list);
      expect(got.every((p) => p.total === list.length)).toBe(true);
      expect(got.slice(0, -1).every((p) => p.lines.length === limit)).toBe(true);
    }
    // On the wire a line is its values in one order, without the keys.
    expect((await value('lines.chunk', { budget: A, limit: 1 })).rows).toEqual([
      [list[0]!.id, '901001', '2012901', '30201', 'basic', 'general', false, '1.00', null, 'A1'],
    ]);
    // The other budget's lines are its own.
    const b = await pages(B, 20);
    expect(b.flatMap((p) => p.lines)).toEqual(await value('lines.list', { budget: B }));
    expect(b.flatMap((p) => p.lines).every((l) => l.memo!.startsWith('B'))).toBe(true);
    expect(b[0]!.total).toBe(50);
  });

  it('starts after the given line (exclusive); past the last line it answers no lines and the count', async () => {
    const list = await value('lines.list', { budget: A });
    const mid = list[300].id;
    const page = await chunk({ budget: A, after: mid, limit: 5 });
    expect(page.lines).toEqual(list.slice(301, 306));
    // A deleted id (a gap) is a valid start too.
    const gap = list[2].id + 1;
    expect(list.some((l: { id: number }) => l.id === gap)).toBe(false);
    expect((await chunk({ budget: A, after: gap, limit: 1 })).lines).toEqual([list[3]]);
    expect(await chunk({ budget: A, after: list[list.length - 1].id, limit: 10 })).toEqual({ lines: [], total: list.length });
    expect((await chunk({ budget: A, after: 0, limit: 2 })).lines).toEqual(list.slice(0, 2));
  });

  it('an edit shows in the next chunk; the count follows adds and deletes', async () => {
    const first = (await chunk({ budget: A, limit: 1 })).lines[0]!;
    await value('lines.update', { budget: A, id: first.id, changes: { amount: '7.77' } });
    const again = await chunk({ budget: A, limit: 1 });
    expect(again.lines[0]).toEqual({ ...first, amount: '7.77' });
    const { ids } = await value('lines.add', { budget: A, lines: lines(3, 'new') });
    expect((await chunk({ budget: A, after: ids[0] - 1, limit: 10 })).lines.map((l: { id: number }) => l.id)).toEqual(ids);
    const total = (await chunk({ budget: A, limit: 1 })).total;
    await value('lines.delete', { budget: A, ids });
    expect((await chunk({ budget: A, limit: 1 })).total).toBe(total - 3);
  });

  it('refuses bad arguments in Chinese, naming them in the clerk’s words', async () => {
    const refused = async (args: unknown) => {
      const r = await api('lines.chunk', args);
      expect(r.ok, JSON.stringify(args)).toBe(false);
      return r.error.message as string;
    };
    expect(await refused({ budget: A })).toBe('条数不能为空');
    expect(await refused({ budget: A, limit: 0 })).toBe('条数不能小于 1');
    expect(await refused({ budget: A, limit: 50_001 })).toBe('条数不能大于 50000');
    expect(await refused({ budget: A, limit: 1.5 })).toBe('条数应为整数，实际为小数');
    expect(await refused({ budget: A, limit: '10' })).toBe('条数应为数字，实际为文字');
    expect(await refused({ budget: A, after: -1, limit: 10 })).toBe('起点不能小于 0');
    expect(await refused({ budget: A, after: 'x', limit: 10 })).toBe('起点应为数字，实际为文字');
    expect(await refused({ budget: { dept: '901', year: 2030 }, limit: 10 })).toMatch(/^数据库中没有部门 901 2030 年的预算/);
    expect(await refused({ limit: 10 })).toBe('预算不能为空');
  });
});
