import type { ChannelMap } from '../../../shared/ipc/channel';

/** The handlers of one feature's channels: each takes the validated request. */
export type HandlersFor<M extends ChannelMap> = {
  [C in keyof M]: (request: ReturnType<M[C]['request']>) => Promise<M[C]['response']>;
};
