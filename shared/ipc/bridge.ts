// The Bridge the renderer depends on: one async method per channel, and one subscription to
// what the main process pushes (events.ts). The preload builds it from ipcRenderer, the browser
// mode from fetch; both are checked against this type. No method ever rejects: a failed call
// resolves to { ok: false, error }, so one failure cannot stall a queue of calls.
import type { Channel, RequestOf, ResponseOf } from './contract';
import type { AppEventListener } from './events';
import type { IpcResult } from './result';

/** 'app:info' -> 'appInfo', 'shell:openExternal' -> 'shellOpenExternal'. */
export type MethodName<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : C;

export type ChannelMethods = {
  [C in Channel as MethodName<C>]: RequestOf<C> extends void
    ? () => Promise<IpcResult<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
};

export interface EventSubscription {
  /** Calls the listener with every event the main process pushes from now on; returns the way to stop. */
  onEvent(listener: AppEventListener): () => void;
}

export type Bridge = ChannelMethods & EventSubscription;

export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [a, b = ''] = channel.split(':');
  return `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}` as MethodName<C>;
}
