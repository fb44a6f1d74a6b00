// Main's side of the engine protocol (electron/engine-loop.ts): one request id per call, one pending promise
// per id, every pending call answered when the engine process dies, and a new engine started on the next call.
import type { UtilityProcess } from 'electron';
import type { Args } from '../api/api';
import type { Channel } from '../api/channels';
import type { Result } from '../api/result';
import type { EngineRequest, EngineResponse } from './engine-loop';

export class EngineClient {
  private child: UtilityProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();

  /** `fork` starts the engine process; `restarted` runs after it died (e.g. to reopen the database). */
  constructor(
    private readonly fork: () => UtilityProcess,
    private readonly restarted: () => void,
  ) {}

  private start(): UtilityProcess {
    const child = this.fork();
    child.on('message', (msg: EngineResponse) => {
      const done = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      done?.(msg.result);
    });
    child.on('exit', (code) => {
      this.child = null;
      for (const done of this.pending.values())
        done({ ok: false, error: { code: 'internal', message: `数据引擎意外退出（代码 ${code}），请重试；未完成的操作没有保存` } });
      this.pending.clear();
      this.restarted();
    });
    this.child = child;
    return child;
  }

  call(channel: Channel, args: unknown): Promise<Result<unknown>> {
    return this.send({ id: this.nextId++, channel, args });
  }

  /** The argument object checked against the channel's schema (which lives in the engine), not run. */
  check<K extends Channel>(channel: K, args: unknown): Promise<Result<Args<K>>> {
    return this.send({ id: this.nextId++, channel, args, check: true }) as Promise<Result<Args<K>>>;
  }

  private send(req: EngineRequest): Promise<Result<unknown>> {
    const child = this.child ?? this.start();
    return new Promise((resolve) => {
      this.pending.set(req.id, resolve);
      child.postMessage(req);
    });
  }

  stop(): void {
    this.child?.kill();
  }

  get running(): boolean {
    return this.child !== null;
  }
}
