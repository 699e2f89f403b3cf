// The Bridge over HTTP, for browser mode: the same channels, posted to the loopback server
// that mounts the same createHandlers. The token comes from the URL fragment.
import { type Bridge, methodName } from '../../../shared/ipc/bridge';
import { channels } from '../../../shared/ipc/contract';
import { fail, type IpcResult } from '../../../shared/ipc/result';

export function createHttpBridge(token: string, fetchImpl: typeof fetch = fetch): Bridge {
  const call = async (channel: string, request: unknown): Promise<IpcResult<unknown>> => {
    try {
      const response = await fetchImpl(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rsu-token': token },
        body: request === undefined ? '' : JSON.stringify(request),
      });
      return (await response.json()) as IpcResult<unknown>;
    } catch {
      return fail('app_unreachable', 'RSU Timer is not running: start it again with npm run dev:browser.');
    }
  };
  return Object.fromEntries(channels.map((channel) => [methodName(channel), (request?: unknown) => call(channel, request)])) as Bridge;
}

/** Reads the token from #token=..., keeps it for reloads of this tab, and removes it from the address bar. */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem('rsu-token', match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem('rsu-token');
}
