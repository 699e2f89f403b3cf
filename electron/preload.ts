// Runs in the sandboxed renderer before the page. It exposes exactly one method per contract
// channel, never ipcRenderer itself, and `satisfies Bridge` makes a missing or misspelt
// channel a type error.
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../shared/ipc/bridge';

const bridge = {
  appInfo: () => ipcRenderer.invoke('app:info'),
  shellOpenExternal: (request) => ipcRenderer.invoke('shell:openExternal', request),
} satisfies Bridge;

contextBridge.exposeInMainWorld('rsu', bridge);
