// Channels about the app itself.
import { channel } from '../channel';
import { nothing, object, string } from '../check';

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

export const appChannels = {
  'app:info': channel<void, AppInfo>(nothing()),
  'shell:openExternal': channel<{ url: string }, OpenExternalResult>(object({ url: string({ min: 1, max: 2048 }) })),
} as const;
