// A Bridge for rendering one screen part in happy-dom: the test gives the answers (a promise
// for one it wants to hold back), every call is counted, and the test pushes events. A .tsx
// file so it is checked with the renderer's types: React's would clash with Node's ones.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import type { Bridge } from '../../shared/ipc/bridge';
import type { AppEvent, AppEventListener } from '../../shared/ipc/events';
import { fail, type IpcResult, ok } from '../../shared/ipc/result';

/** A Bridge whose answers the test gives; every call is counted, and the test pushes events. */
export function fakeBridge(answers: Partial<Record<keyof Bridge, (request?: unknown) => unknown>>) {
  const calls: [string, unknown][] = [];
  const listeners = new Set<AppEventListener>();
  const bridge = new Proxy({} as Bridge, {
    get: (_target, name: string) => {
      if (name === 'onEvent') {
        return (listener: AppEventListener) => {
          listeners.add(listener);
          return () => void listeners.delete(listener);
        };
      }
      return async (request?: unknown): Promise<IpcResult<unknown>> => {
        calls.push([name, request]);
        const answer = answers[name as keyof Bridge];
        return answer ? ok(await answer(request)) : fail('not_faked', `${name} is not part of this test`);
      };
    },
  });
  // Inside act, with what the push sets off (the counts read again at the end) settled too.
  const push = (event: AppEvent) => act(async () => listeners.forEach((listener) => listener(event)));
  return { bridge, calls, listeners, push, count: (name: string) => calls.filter(([n]) => n === name).length };
}

/** A fresh element and React root for each test of the file, unmounted and removed after it. */
export function renderRoot(): { readonly container: HTMLElement; readonly root: Root } {
  const mounted = {} as { container: HTMLElement; root: Root };
  beforeEach(() => {
    mounted.container = document.createElement('div');
    document.body.append(mounted.container);
    mounted.root = createRoot(mounted.container);
  });
  afterEach(() => {
    act(() => mounted.root.unmount());
    mounted.container.remove();
  });
  return mounted;
}
