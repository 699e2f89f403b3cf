import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { methodName } from '../../shared/ipc/bridge';
import { channels } from '../../shared/ipc/contract';

// Runs the real preload bundle against a stand-in for the two Electron objects it touches,
// to see exactly what the page receives: one method per channel, no generic send.
async function loadPreload() {
  const out = await build({
    entryPoints: ['electron/preload.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
  });
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: { invoke: async (...args: unknown[]) => invoked.push(args) },
  };
  const fakeRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`preload must not require ${name}`);
    return electron;
  };
  new Function('require', 'module', 'exports', out.outputFiles[0]!.text)(fakeRequire, { exports: {} }, {});
  return { exposed, invoked };
}

describe('the preload', () => {
  it('exposes exactly one method per contract channel under window.rsu', async () => {
    const { exposed } = await loadPreload();
    expect(Object.keys(exposed)).toEqual(['rsu']);
    const api = exposed.rsu as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(channels.map(methodName).sort());
    for (const method of Object.values(api)) expect(typeof method).toBe('function');
  });

  it('forwards each method to its own channel', async () => {
    const { exposed, invoked } = await loadPreload();
    const api = exposed.rsu as Record<string, (request?: unknown) => Promise<unknown>>;
    await api.appInfo!();
    await api.shellOpenExternal!({ url: 'https://runsignup.com' });
    expect(invoked).toEqual([['app:info'], ['shell:openExternal', { url: 'https://runsignup.com' }]]);
  });
});
