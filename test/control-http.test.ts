// 控制数 through the real browser-mode HTTP server over a real SQLite file: by hand, undoable, locked by 定稿;
// the bureau's sheet previewed (nothing written) then imported; 预算明细's panel follows every edit; 下发 file.
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
const line = (amount: string, extra: Record<string, unknown> = {}) => ({
  unit: '901001',
  function: '2012901',
  economic: '30101',
  kind: 'basic',
  source: 'general',
  amount,
  ...extra,
});
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

beforeAll(async () => {
  tmp = tempDir();
  engine = createEngine({ mode: 'browser', defaultDbPath: tmp.file('d.sqlite'), version: 'test' });
  engine.open(tmp.file('control.sqlite'), { create: true });
  srv = await startServer({ handlers: engine.handlers, rendererDir: tmp.dir, bodyLimit: 1024 * 1024 });
  expect((await api('budgets.create', { deptCode: '901', deptName: '测试部门', year: 2025 })).ok).toBe(true);
  expect((await api('units.add', { budget, unit: { code: '901001', name: '本级' } })).ok).toBe(true);
  expect((await api('units.add', { budget, unit: { code: '901002', name: '中心' } })).ok).toBe(true);
  expect((await api('lines.add', { budget, lines: [line('800.00'), line('50.00', { carryover: true })] })).ok).toBe(true);
});
afterAll(async () => {
  await srv?.close();
  engine?.close();
  tmp?.cleanup();
});

describe('控制数 over HTTP', () => {
  it('a ceiling by hand: 已编 without 结转, the line panel follows edits, undo removes it, a negative amount is refused in Chinese', async () => {
    expect((await api('control.save', { budget, unit: '901001', source: 'general', kind: 'basic', amount: '1000' })).ok).toBe(true);
    let list = await api('control.list', { budget });
    expect(list.value).toMatchObject([{ unit: '901001', amount: '1000.00', planned: '800.00', diff: '200.00', status: '未编足' }]);
    const panel = await api('control.forLine', { budget, unit: '901001', source: 'general', kind: 'basic' });
    expect(panel.value.map((f: { planned: string }) => f.planned)).toEqual(['800.00']);
    expect((await api('lines.add', { budget, lines: [line('300.00')] })).ok).toBe(true);
    const after = await api('control.forLine', { budget, unit: '901001', source: 'general', kind: 'basic' });
    expect(after.value[0]).toMatchObject({ planned: '1100.00', diff: '-100.00', status: '超出' });
    expect((await api('control.forLine', { budget, unit: '901001', source: 'general', kind: 'basic', carryover: true })).value).toEqual([]);
    const checks = await api('checks.run', { budget });
    const f = checks.value.findings.find((x: { ruleId: string }) => x.ruleId === 'control.exceeded');
    expect(f.message).toContain('控制数 1,000.00 元，已编 1,100.00 元，差额 -100.00 元');

    const bad = await api('control.save', { budget, source: 'general', amount: '-5' });
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toMatch(/^控制数：/);
    expect((await api('edit.undo', { budget })).ok).toBe(true); // the line added above
    expect((await api('edit.undo', { budget })).ok).toBe(true); // the ceiling
    list = await api('control.list', { budget });
    expect(list.value).toEqual([]);
  });

  it('the bureau sheet: the preview writes nothing and names bad rows; the import writes every cell at once', async () => {
    const sheet = [
      '单位,资金来源,支出类型,控制数',
      '901001 本级,一般公共预算拨款,基本支出,900',
      '901002,一般公共预算拨款,基本支出,100',
      ',一般公共预算拨款,基本支出,950',
    ].join('\n');
    const pre = await api('control.previewSheet', { budget, fileName: '控制数.csv', data: b64(sheet) });
    expect(pre.value.problems).toEqual([]);
    expect(pre.value.cells).toBe(3);
    expect((await api('control.list', { budget })).value).toEqual([]);
    const badSheet = `${sheet}\n901009,一般公共预算拨款,基本支出,1`;
    const refused = await api('control.importSheet', { budget, fileName: '控制数.csv', data: b64(badSheet) });
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toContain('第 5 行“单位”：预算单位“901009”不在本部门的预算单位中');
    expect((await api('control.list', { budget })).value).toEqual([]);
    const done = await api('control.importSheet', { budget, fileName: '控制数.csv', data: b64(sheet) });
    expect(done.value).toMatchObject({ added: 3 });
    const checks = await api('checks.run', { budget });
    const units = checks.value.findings.find((x: { ruleId: string }) => x.ruleId === 'control.units-exceed-department');
    expect(units.message).toContain('部门控制数 950.00 元，2 个单位的控制数合计 1,000.00 元');

    const del = await api('units.delete', { budget, code: '901002' });
    expect(del.error.message).toBe('不能删除预算单位 901002：还有 1 个控制数属于该单位，请先删除或改到其他单位');

    const file = await api('control.handout', { budget, unit: '901002' });
    expect(file.ok).toBe(true);
    const doc = JSON.parse(Buffer.from(file.value.data, 'base64').toString('utf8'));
    expect(doc.units.map((u: { code: string }) => u.code)).toEqual(['901002']);
    expect(doc.control).toEqual([{ unit: '901002', source: 'general', kind: 'basic', amount: '100.00' }]);
    expect(doc.lines).toEqual([]);
  });

  it('定稿 locks the 控制数', async () => {
    expect((await api('years.finalize', { budget, despiteErrors: true })).ok).toBe(true);
    const r = await api('control.save', { budget, source: 'fund', amount: '1' });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('finalized');
  });
});
