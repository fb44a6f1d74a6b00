// Sandboxed preload: exposes ONE typed object, window.budgetdesk, never ipcRenderer itself. Channels are
// checked against the allow-list (api/channels.ts) here and again in main (which also checks the sender).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, unknownChannel } from '../api/channels';
import type { BudgetDeskBridge, Invoke, MenuEvent } from '../api/contract';
import { IPC_INVOKE, IPC_MENU } from './window-options';

const invoke = ((channel: string, args: unknown) => {
  if (!isChannel(channel)) return Promise.resolve(unknownChannel(channel));
  return ipcRenderer.invoke(IPC_INVOKE, channel, args ?? {});
}) as Invoke;

const bridge: BudgetDeskBridge = {
  mode: 'electron',
  invoke,
  onMenu(listener) {
    const h = (_e: IpcRendererEvent, event: MenuEvent) => listener(event);
    ipcRenderer.on(IPC_MENU, h);
    return () => {
      ipcRenderer.removeListener(IPC_MENU, h);
    };
  },
};

contextBridge.exposeInMainWorld('budgetdesk', bridge);
