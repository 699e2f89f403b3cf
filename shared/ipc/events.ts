// What the main process pushes to the page, so the page never polls: a background job's
// progress and end (one event per change, per job key), the connection to RunSignup, and a
// browser sign-in's progress. Electron sends them with webContents.send on `eventChannel`;
// browser mode streams them as Server-Sent Events. The page subscribes with Bridge.onEvent.
import type { ConnectionState } from './channels/connection';
import type { SignInProgress } from './channels/profiles';
import type { UploadStatus } from './channels/results';
import type { SeriesUploadStatus, WireSeriesKey } from './channels/series';
import type { SeriesRefreshStatus } from './channels/seriesLookups';

/** The IPC channel the events travel on in the desktop app (never a request channel). */
export const eventChannel = 'rsu:event';

/** Each kind of background job and the status its channels and events carry. */
export interface JobStatusOf {
  resultsUpload: UploadStatus;
  seriesUpload: SeriesUploadStatus;
  seriesRefresh: SeriesRefreshStatus;
}
export type JobKind = keyof JobStatusOf;

/** One running job per key and kind: an event's upload, a scoring set's upload, a series' refresh. */
export const jobKey = {
  resultsUpload: (eventId: number) => `event ${eventId}`,
  seriesUpload: (k: WireSeriesKey) => `set ${k.raceSeriesId}/${k.raceSeriesYearId}/${k.raceId}/${k.eventId}/${k.scoringTypeId}`,
  seriesRefresh: (raceSeriesId: number) => `series ${raceSeriesId}`,
} as const satisfies Record<JobKind, (...args: never[]) => string>;

/** A job started, moved on, or finished (status.state says which). */
export type JobEvent = { [K in JobKind]: { type: 'job'; kind: K; key: string; status: JobStatusOf[K] } }[JobKind];

export interface ConnectionEvent {
  type: 'connection';
  connection: ConnectionState;
}

export interface SignInEvent {
  type: 'signIn';
  /** The profile signing in. */
  name: string;
  progress: SignInProgress;
}

export type AppEvent = JobEvent | ConnectionEvent | SignInEvent;
export type AppEventListener = (event: AppEvent) => void;

const eventTypes: ReadonlySet<string> = new Set<AppEvent['type']>(['job', 'connection', 'signIn']);

/** A cheap shape check for what arrives over the wire (browser mode reads it from a stream). */
export function isAppEvent(value: unknown): value is AppEvent {
  return typeof value === 'object' && value !== null && eventTypes.has(String((value as { type?: unknown }).type));
}
