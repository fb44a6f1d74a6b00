// Amounts through the real browser-mode HTTP server over a real SQLite file (issue: “amounts are
// misread”): lines.add and lines.update refuse a misplaced thousands separator, naming the input in
// Chinese, and store nothing; full-width input from a Chinese input method is read exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../api/handlers';
import { startServer, type RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { postApi } from './helpers/http-api';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;

const api = (channel: string, args: unknown) => postApi(srv, channel, args);

const budget = { dept: '901', year: 2025 };
const line = (amount: string) => ({ unit: '901001', function: '2012901', economic: '30101', kind: 'basic', source: 'general', amount });

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('amounts.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 64 * 1024 });
  expect((await api('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 })).ok).toBe(true);
  expect((await api('units.add', { budget, unit: { code: '901001', name: '本级' } })).ok).toBe(true);
});
afterAll(async () => {
  await srv?.close();
  engine?.close();
  tmp?.cleanup();
});

describe('amounts over HTTP', () => {
  it('lines.add refuses "1,5" and the other misplaced separators, naming the input; nothing is stored', async () => {
    for (const amount of ['1,5', '1.2,3', '12,34', '1,,,2']) {
      const r = await api('lines.add', { budget, lines: [line(amount)] });
      expect(r.ok, amount).toBe(false);
      expect(r.error.code).toBe('validation');
      expect(r.error.rows[0].field).toBe('amount');
      expect(r.error.rows[0].message).toMatch(/^金额/);
      expect(r.error.rows[0].message).toContain(`“${amount}”`);
      expect(r.error.rows[0].message).toContain('千位分隔符');
    }
    expect((await api('lines.list', { budget })).value).toEqual([]);
    expect((await api('budget.totals', { budget })).value.total).toBe('0.00');
  });

  it('lines.add reads "１,２３４．５０" as 1234.50; lines.update refuses "1,5" and accepts full-width input', async () => {
    const add = await api('lines.add', { budget, lines: [line('１,２３４．５０')] });
    expect(add.ok).toBe(true);
    const [stored] = (await api('lines.list', { budget })).value;
    expect(stored.amount).toBe('1234.50');
    expect((await api('budget.totals', { budget })).value.total).toBe('1234.50');

    const bad = await api('lines.update', { budget, id: stored.id, changes: { amount: '1,5' } });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad.error)).toContain('“1,5”');
    expect((await api('budget.totals', { budget })).value.total).toBe('1234.50');

    const good = await api('lines.update', { budget, id: stored.id, changes: { amount: '１２，３４５．６' } });
    expect(good.ok).toBe(true);
    expect(good.value.amount).toBe('12345.60');
    expect((await api('budget.totals', { budget })).value.total).toBe('12345.60');
  });
});
