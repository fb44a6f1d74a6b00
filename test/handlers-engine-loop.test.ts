// The engine process's message loop (electron/engine-loop.ts) under plain Node, over the real handler map
// and a temp SQLite file: one reply per request with the request's id, refusals for unknown channels.
import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { attachEngine, type EngineResponse } from '../electron/engine-loop';
import { useTestEngine } from './helpers/engine';

class FakePort extends EventEmitter {
  readonly sent: EngineResponse[] = [];
  private waiters: (() => void)[] = [];
  postMessage(m: unknown): void {
    this.sent.push(m as EngineResponse);
    this.waiters.splice(0).forEach((w) => w());
  }
  request(data: unknown): Promise<EngineResponse> {
    const before = this.sent.length;
    return new Promise((resolve) => {
      const check = () => (this.sent.length > before ? resolve(this.sent[this.sent.length - 1]!) : this.waiters.push(check));
      this.emit('message', { data });
      check();
    });
  }
}

const fx = useTestEngine({ mode: 'electron', defaultDb: 'd.sqlite' });

it('answers each request with its id and the handler Result', async () => {
  const port = new FakePort();
  attachEngine(port, fx.engine.handlers);
  expect(await port.request({ id: 1, channel: 'db.create', args: { path: fx.tmp.file('e.sqlite') } })).toEqual({
    id: 1,
    result: { ok: true, value: { open: true, path: fx.tmp.file('e.sqlite'), defaultPath: fx.tmp.file('d.sqlite') } },
  });
  const created = await port.request({ id: 2, channel: 'budgets.create', args: { deptCode: '901', deptName: '测试', year: 2025 } });
  expect(created.id).toBe(2);
  expect(created.result.ok).toBe(true);
  const bad = await port.request({ id: 3, channel: 'budgets.create', args: { deptCode: '', deptName: '测试', year: 2025 } });
  expect(bad).toEqual({ id: 3, result: { ok: false, error: expect.objectContaining({ code: 'invalid_args', field: 'deptCode' }) } });
});

it('refuses channels outside the contract', async () => {
  const port = new FakePort();
  attachEngine(port, fx.engine.handlers);
  for (const channel of ['__proto__', 'constructor', 'fs.readFile', 42]) {
    const r = await port.request({ id: 7, channel, args: {} });
    expect(r.id).toBe(7);
    expect(r.result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  }
});
