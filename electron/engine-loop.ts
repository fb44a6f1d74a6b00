// The engine's message loop, apart from electron/engine.ts so that it runs (and is tested) under plain Node:
// {id, channel, args} in, {id, result} out, one reply per request, never a throw. With `check: true` the
// engine only checks the argument object against the channel's schema and answers the checked value: main
// asks that before it answers a channel itself (dialogs, the PDF print, 打开所在文件夹), so that the schemas
// stay in the engine and main works only with checked arguments.
import { checkArgs, type RawHandlers } from '../api/api';
import { isChannel, unknownChannel } from '../api/channels';
import type { Result } from '../api/result';

export interface EngineRequest {
  id: number;
  channel: string;
  args: unknown;
  check?: boolean;
}
export interface EngineResponse {
  id: number;
  result: Result<unknown>;
}

/** The part of Electron's ParentPort (utilityProcess side) the loop uses. */
export interface MessagePortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export function attachEngine(port: MessagePortLike, handlers: RawHandlers): void {
  port.on('message', (e) => {
    const req = e.data as Partial<EngineRequest> | null;
    const id = typeof req?.id === 'number' ? req.id : -1;
    const reply = (result: Result<unknown>) => port.postMessage({ id, result } satisfies EngineResponse);
    if (!isChannel(req?.channel)) return reply(unknownChannel(req?.channel));
    if (req.check === true) return reply(checkArgs(req.channel, req.args));
    const handler = handlers[req.channel] as (a: unknown) => Promise<Result<unknown>>;
    handler(req.args).then(reply, (err: unknown) =>
      reply({ ok: false, error: { code: 'internal', message: `内部错误：${err instanceof Error ? err.message : String(err)}` } }),
    );
  });
}
