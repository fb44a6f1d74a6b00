// 汇总 through the real browser-mode HTTP server (issue 20): in 部门汇总表 a department without “三公” spending
// shows 0.00, not a blank cell, and the 合计 row carries no 序号.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../api/handlers';
import type { RunningServer } from '../server/http';
import { tempDir } from './helpers/db';
import { fixtureText } from './helpers/fixture';
import { apiValue, serveNewDatabase } from './helpers/http-api';

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let srv: RunningServer;
const value = (channel: string, args: unknown) => apiValue(srv, channel, args);

beforeAll(async () => {
  tmp = tempDir();
  ({ engine, srv } = await serveNewDatabase(tmp, 'sum.sqlite'));
  await value('import.budgetFile', { fileName: 'a.budget.json', text: fixtureText() });
  const budget = { dept: '790', year: 2025 };
  await value('budgets.create', { deptCode: '790', deptName: '无三公部门', year: 2025 });
  await value('units.add', { budget, unit: { code: '790001', name: '本级' } });
  await value('lines.add', {
    budget,
    lines: [{ unit: '790001', function: '2012901', economic: '30101', kind: 'basic', source: 'general', amount: '1000.00' }],
  });
});
afterAll(async () => {
  await srv.close();
  engine.close();
  tmp.cleanup();
});

it('a department without “三公” shows 0.00; the 合计 row has no row number', async () => {
  const s = await value('summary.get', { year: 2025 });
  const t = s.tables.find((x: { id: string }) => x.id === 'dept-summary');
  const col = (key: string) => t.columns.findIndex((c: { key: string }) => c.key === key);
  const row = t.rows.find((r: { keys: string[] }) => r.keys.includes('790'));
  expect(row.cells[col('threePublic')]).toMatchObject({ kind: 'amount', wan: '0.00' });
  expect(row.cells[col('serial')]).toMatchObject({ text: '2' });
  const total = t.rows.find((r: { keys: string[] }) => r.keys.includes('合计'));
  expect(total.cells[col('serial')]).toBeNull();
  expect(total.cells[col('code')]).toMatchObject({ text: '合计' });
});
