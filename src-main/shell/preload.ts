import '../../src-shared/ipc/zodJitless';
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type RingsideBridge, type Subscribe } from '../../src-shared/ipc/api';
import { isEventName } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/result';

// Sandboxed preload: everything it needs is bundled in; it exposes functions, never ipcRenderer.
const api = buildApi((channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>);

const subscribe: Subscribe = (event, callback) => {
  if (!isEventName(event)) throw new Error(`No event named ${String(event)} in the contract`);
  const listener = (_event: unknown, payload: unknown) => callback(payload as Parameters<typeof callback>[0]);
  ipcRenderer.on(event, listener);
  return () => void ipcRenderer.removeListener(event, listener);
};

const bridge: RingsideBridge = { api, subscribe };
contextBridge.exposeInMainWorld('ringside', bridge);
