// electron/ipc.ts is the glue between ipcMain and dispatch(). Electron cannot run on our
// machines, so ipcMain is a stand-in that records what the shell registers; the handlers,
// the contract and dispatch are the real ones. What matters: every channel is registered,
// and a call from anything but our own top-level page is refused before a handler runs.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '../../electron/core/events';
import { createHandlers, type HandlerDeps } from '../../electron/core/ipc/handlers';
import { type AppEvent, eventChannel } from '../../shared/ipc/events';
import { appOrigin } from '../../electron/shell/security';
import { channels } from '../../shared/ipc/contract';

type Listener = (event: { senderFrame: { url: string; parent: unknown } | null }, request?: unknown) => Promise<unknown>;
const registered = vi.hoisted(() => new Map<string, Listener>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => {
      if (registered.has(channel)) throw new Error(`${channel} registered twice`);
      registered.set(channel, listener);
    },
  },
}));
const { forwardEvents, registerIpc } = await import('../../electron/ipc');

let opened: string[];
let logged: string[];
beforeEach(() => {
  registered.clear();
  opened = [];
  logged = [];
  const deps: HandlerDeps = {
    appInfo: () => ({ name: 'RSU Timer', version: '1', mode: 'electron', dataDir: '/tmp/x', versions: { node: '24', electron: '45', sqlite: null } }),
    openExternal: async (url) => void opened.push(url),
    logError: (message) => logged.push(message),
  };
  registerIpc(createHandlers(deps), deps.logError);
});

const topFrame = { url: `${appOrigin}/index.html`, parent: null };
const call = (channel: string, frame: { url: string; parent: unknown } | null, request?: unknown) => registered.get(channel)!({ senderFrame: frame }, request);

describe('IPC registration in the shell', () => {
  it('registers exactly the contract channels', () => {
    expect([...registered.keys()].sort()).toEqual([...channels].sort());
  });

  it('answers our own top-level page through dispatch, validation included', async () => {
    expect(await call('shell:openExternal', topFrame, { url: 'https://runsignup.com/Race/1' })).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toEqual(['https://runsignup.com/Race/1']);
    expect(await call('shell:openExternal', topFrame, { url: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses a subframe, another page and a closed frame before any handler runs, and logs who asked', async () => {
    const strangers = [
      { url: `${appOrigin}/index.html`, parent: topFrame }, // an iframe, even one of our own pages
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/page.html', parent: null },
      null,
    ];
    for (const frame of strangers) {
      expect(await call('shell:openExternal', frame, { url: 'https://runsignup.com/' })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'This window is not allowed to talk to RSU Timer.' },
      });
    }
    expect(opened).toEqual([]);
    expect(logged).toEqual([
      `refused shell:openExternal from ${appOrigin}/index.html`,
      'refused shell:openExternal from https://evil.example/',
      'refused shell:openExternal from file:///tmp/page.html',
      'refused shell:openExternal from a closed frame',
    ]);
  });
});

describe('pushed events in the shell', () => {
  it('sends each event on the event channel to our own top-level pages only, until stopped', () => {
    const hub = createEventHub(() => {});
    const sent: unknown[][] = [];
    const page = (name: string, mainFrame: { url: string; parent: unknown } | null, destroyed = false) => ({
      isDestroyed: () => destroyed,
      mainFrame,
      send: (channel: string, event: AppEvent) => void sent.push([name, channel, event]),
    });
    const pages = [page('app', topFrame), page('navigated away', { url: 'https://evil.example/', parent: null }), page('closed', topFrame, true), page('crashed', null)];
    const stop = forwardEvents(hub, () => pages);
    const event: AppEvent = { type: 'signIn', name: 'Race day', progress: { state: 'signed_in', expiresAt: '2026-06-01T00:00:00.000Z' } };
    hub.publish(event);
    expect(sent).toEqual([['app', eventChannel, event]]);
    stop();
    hub.publish(event);
    expect(sent).toHaveLength(1);
  });
});
