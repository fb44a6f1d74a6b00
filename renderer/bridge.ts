// The renderer's one door to the engine. At start it takes `window.budgetdesk` when something put it
// there (Electron's preload, or the e2e test's injected bridge), else builds the browser-mode HTTP
// client. Everything else in renderer/ calls `invoke` from here.
import type { ArgsIn, BudgetDeskBridge, Channel, MenuEvent, RendererResult, Result } from '../api/contract';
import { createHttpBridge, withKeepalive } from './http-bridge';

declare global {
  interface Window {
    budgetdesk?: BudgetDeskBridge;
  }
}

let bridge: BudgetDeskBridge | null = null;

function current(): BudgetDeskBridge {
  if (!bridge) bridge = window.budgetdesk ?? createHttpBridge();
  return bridge;
}

export function bridgeMode(): BudgetDeskBridge['mode'] {
  return current().mode;
}

/** Typed call; never rejects (a transport failure becomes an error Result). */
export async function invoke<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<Result<RendererResult<K>>> {
  try {
    return await current().invoke(channel, args);
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `调用“${channel}”失败：${e instanceof Error ? e.message : String(e)}` } };
  }
}

/** Runs fn as the page goes away (hidden, reloaded, closed): the calls it starts are sent so that they arrive.
 *  Browser mode: fetch keepalive. Electron and the test bridge: a call sent before unload is delivered anyway. */
export function duringUnload(fn: () => void): void {
  withKeepalive(fn);
}

export function onMenu(listener: (event: MenuEvent) => void): () => void {
  return current().onMenu(listener);
}
