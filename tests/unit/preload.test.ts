import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { methodName } from '../../shared/ipc/bridge';
import { channels } from '../../shared/ipc/contract';
import { type AppEvent, eventChannel } from '../../shared/ipc/events';

type Handler = (event: unknown, payload: unknown) => void;

// Runs the real preload bundle against a stand-in for the two Electron objects it touches,
// to see exactly what the page receives: one method per channel, one event subscription, no
// generic send.
async function loadPreload(invoke: (...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: null })) {
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
  const listeners = new Map<string, Set<Handler>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return invoke(...args);
      },
      on: (channel: string, handler: Handler) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(handler),
      removeListener: (channel: string, handler: Handler) => void listeners.get(channel)?.delete(handler),
    },
  };
  const fakeRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`preload must not require ${name}`);
    return electron;
  };
  new Function('require', 'module', 'exports', out.outputFiles[0]!.text)(fakeRequire, { exports: {} }, {});
  // What Electron does when the main process sends: the IPC event object, then the payload.
  const send = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((handler) => handler({ sender: electron.ipcRenderer }, payload));
  return { api: exposed.rsu as Record<string, (request?: unknown) => Promise<unknown>>, exposed, invoked, send, listeners };
}

describe('the preload', () => {
  it('exposes exactly one method per contract channel and one event subscription under window.rsu', async () => {
    const { exposed, api } = await loadPreload();
    expect(Object.keys(exposed)).toEqual(['rsu']);
    expect(Object.keys(api).sort()).toEqual([...channels.map(methodName), 'onEvent'].sort());
    for (const method of Object.values(api)) expect(typeof method).toBe('function');
  });

  it('forwards each method to its own channel', async () => {
    const { api, invoked } = await loadPreload();
    await api.appInfo!();
    await api.shellOpenExternal!({ url: 'https://runsignup.com' });
    expect(invoked).toEqual([['app:info'], ['shell:openExternal', { url: 'https://runsignup.com' }]]);
  });

  it('never rejects: a call that fails on the way answers a failed result, and the next call still goes', async () => {
    let calls = 0;
    const { api } = await loadPreload(async () => {
      calls++;
      if (calls === 1) throw new Error("Error invoking remote method 'results:applyChanges': reply was never sent");
      return { ok: true, value: { saved: true } };
    });
    const first = await api.resultsApplyChanges!({ eventId: 1, label: 'Type', changes: [] });
    expect(first).toEqual({ ok: false, error: { code: 'ipc_failed', message: expect.stringContaining('Your data is saved') } });
    expect(JSON.stringify(first)).not.toContain('reply was never sent');
    expect(await api.resultsApplyChanges!({ eventId: 1, label: 'Type', changes: [] })).toEqual({ ok: true, value: { saved: true } });
  });

  it('never rejects when invoke itself throws before it returns a promise', async () => {
    const { api } = await loadPreload(() => {
      throw new Error('An object could not be cloned.');
    });
    await expect(api.resultsRows!({ eventId: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'ipc_failed' } });
  });

  it('hands the page each pushed event alone, never Electron’s event object, until it unsubscribes', async () => {
    const { api, send, listeners } = await loadPreload();
    const heard: unknown[][] = [];
    const stop = (api.onEvent as unknown as (listener: (...args: unknown[]) => void) => () => void)((...args) => heard.push(args));
    const event: AppEvent = { type: 'connection', connection: { state: 'online', message: 'RunSignup answered.', at: '2026-05-01T10:00:00.000Z', checking: false } };
    send(eventChannel, event);
    send('some:other', { type: 'connection' });
    expect(heard).toEqual([[event]]);
    stop();
    send(eventChannel, event);
    expect(heard).toHaveLength(1);
    expect(listeners.get(eventChannel)?.size).toBe(0);
  });
});
