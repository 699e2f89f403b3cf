import type { Check } from './check';

/** Declares a channel: its request validator and (as a phantom type) its response. */
export const channel = <Req, Res>(request: Check<Req>) => ({ request, response: undefined as unknown as Res });

export type ChannelMap = Record<string, { request: Check<unknown>; response: unknown }>;
