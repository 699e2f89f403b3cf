// The IPC contract: one map from channel name to a request validator and the response type,
// merged from one file per feature in ./channels. The preload, the browser-mode HTTP bridge and
// createHandlers are all derived from it, so a channel that exists in one place and not another
// fails the type check.
import { appChannels } from './channels/app';
import { connectionChannels } from './channels/connection';
import { inPersonChannels } from './channels/inPerson';
import { localEventChannels } from './channels/localEvents';
import { profileChannels } from './channels/profiles';
import { resultsChannels } from './channels/results';
import { seriesChannels } from './channels/series';
import { seriesLookupChannels } from './channels/seriesLookups';

export type { AppInfo, OpenExternalResult } from './channels/app';

export const contract = {
  ...appChannels,
  ...connectionChannels,
  ...resultsChannels,
  ...inPersonChannels,
  ...localEventChannels,
  ...profileChannels,
  ...seriesChannels,
  ...seriesLookupChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = ReturnType<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Contract[C]['response'];

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
