// The IPC contract: one map from channel name to a request validator and the response type.
// The preload, the browser-mode HTTP bridge and createHandlers are all derived from it, so a
// channel that exists in one place and not another fails the type check.
import { type Check, nothing, object, string } from './check';

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' in the desktop app, 'browser' in browser (development/demo) mode. */
  mode: 'electron' | 'browser';
  dataDir: string;
  /** Versions that matter when a timer reports a problem. */
  versions: { node: string; electron: string | null; sqlite: string | null };
}

export interface OpenExternalResult {
  opened: boolean;
}

/** Declares a channel: its request validator and (as a phantom type) its response. */
const channel = <Req, Res>(request: Check<Req>) => ({ request, response: undefined as unknown as Res });

export const contract = {
  'app:info': channel<void, AppInfo>(nothing()),
  'shell:openExternal': channel<{ url: string }, OpenExternalResult>(object({ url: string({ min: 1, max: 2048 }) })),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = ReturnType<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Contract[C]['response'];

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
