// The Bridge the renderer depends on: one async method per channel. The preload builds it
// from ipcRenderer.invoke, the browser mode from fetch; both are checked against this type.
import type { Channel, RequestOf, ResponseOf } from './contract';
import type { IpcResult } from './result';

/** 'app:info' -> 'appInfo', 'shell:openExternal' -> 'shellOpenExternal'. */
export type MethodName<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : C;

export type Bridge = {
  [C in Channel as MethodName<C>]: RequestOf<C> extends void
    ? () => Promise<IpcResult<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
};

export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [a, b = ''] = channel.split(':');
  return `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}` as MethodName<C>;
}
