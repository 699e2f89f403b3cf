// The Bridge over HTTP, for browser mode: the same channels, posted to the loopback server
// that mounts the same createHandlers, and the pushed events read from its Server-Sent Events
// stream. Like the preload's, no method ever rejects.
import { type Bridge, type ChannelMethods, methodName } from '../../../shared/ipc/bridge';
import { channels } from '../../../shared/ipc/contract';
import { type AppEventListener, isAppEvent } from '../../../shared/ipc/events';
import { fail, type IpcResult } from '../../../shared/ipc/result';

const tokenHeader = 'x-rsu-token';

export function createHttpBridge(token: string, fetchImpl: typeof fetch = fetch): Bridge {
  const call = async (channel: string, request: unknown): Promise<IpcResult<unknown>> => {
    try {
      const response = await fetchImpl(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [tokenHeader]: token },
        body: request === undefined ? '' : JSON.stringify(request),
      });
      return (await response.json()) as IpcResult<unknown>;
    } catch {
      return fail('app_unreachable', 'RSU Timer is not running: start it again with npm run dev:browser.');
    }
  };
  const methods = Object.fromEntries(channels.map((channel) => [methodName(channel), (request?: unknown) => call(channel, request)])) as ChannelMethods;
  return { ...methods, onEvent: eventStream(token, fetchImpl) };
}

/**
 * One stream per page however many listeners, since a browser keeps few connections per site:
 * opened with the first listener, closed with the last, opened again after a drop (waiting a
 * little longer each time). A POST, so it carries the token header and our Origin like any call.
 */
function eventStream(token: string, fetchImpl: typeof fetch): (listener: AppEventListener) => () => void {
  const listeners = new Set<AppEventListener>();
  let open: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let waitMs = 250;

  const deliver = (frame: string) => {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (!data) return; // a comment, such as the server's greeting
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return;
    }
    if (isAppEvent(event)) for (const listener of [...listeners]) listener(event);
  };

  const connect = async (): Promise<void> => {
    const controller = new AbortController();
    open = controller;
    try {
      const response = await fetchImpl('/api/events', { method: 'POST', headers: { [tokenHeader]: token }, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`event stream refused (${response.status})`);
      waitMs = 250;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          deliver(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
        }
      }
    } catch {
      // Closed by us, refused, or the app stopped: the lines below decide whether to try again.
    }
    if (open !== controller || listeners.size === 0) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, waitMs);
    waitMs = Math.min(waitMs * 2, 10_000);
  };

  return (listener) => {
    listeners.add(listener);
    if (!open) void connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      open?.abort();
      open = null;
      if (retry) clearTimeout(retry);
      retry = null;
    };
  };
}
