// openStore: the one typed entry to the timer's SQLite file. One connection, synchronous
// calls (better-sqlite3); every edit is one transaction, durable when the call returns.
import { type Db, openDatabase, schemaVersion } from './db';
import { createJournal, type Journal } from './journal';
import { createImportMappings, type ImportMappings } from './importMappings';
import { lockStore } from './lock';
import { createProfileStore, type ProfileStore } from './profiles';
import { createRaceCache, type RaceCache } from './races';
import { createRemoteResults, type RemoteResults } from './remoteResults';
import { createResultStore, type ResultStore } from './results';
import { createSeriesStore, type SeriesStore } from './series';
import { createSeriesLookupStore, type SeriesLookupStore } from './seriesLookups';
import { createSeriesUploads, type SeriesUploads } from './seriesUploads';
import { createUploadTargets, type UploadTargets } from './uploadTargets';

export interface Store {
  readonly filePath: string;
  readonly schemaVersion: number;
  /** Journal steps an earlier run left half-written (a crash mid-import), reverted at open. */
  readonly recoveredSteps: number;
  readonly profiles: ProfileStore;
  readonly races: RaceCache;
  readonly results: ResultStore;
  readonly series: SeriesStore;
  /** The series lookups cached while online (pickers, participant lookup answers). */
  readonly seriesLookups: SeriesLookupStore;
  readonly journal: Journal;
  readonly uploadTargets: UploadTargets;
  /** The column mapping last imported with, per kind of event. */
  readonly importMappings: ImportMappings;
  /** The last pull of each in-person result set from RunSignup. */
  readonly remoteResults: RemoteResults;
  readonly seriesUploads: SeriesUploads;
  /** The raw connection, for the benchmarks and tests that inspect the file itself. */
  readonly db: Db;
  close(): void;
}

export interface StoreOptions {
  now?: () => Date;
}

export function openStore(filePath: string, options: StoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());
  // The lock comes first: recovering open steps must never undo another process's import.
  const unlock = lockStore(filePath);
  let db: Db;
  let journal: Journal;
  let recoveredSteps: number;
  try {
    db = openDatabase(filePath);
    journal = createJournal(db, now);
    recoveredSteps = journal.recoverOpenSteps();
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    filePath,
    schemaVersion: schemaVersion(db),
    recoveredSteps,
    profiles: createProfileStore(db, now),
    races: createRaceCache(db, now),
    results: createResultStore(db, journal),
    series: createSeriesStore(db, journal, now),
    seriesLookups: createSeriesLookupStore(db, now),
    journal,
    uploadTargets: createUploadTargets(db, now),
    importMappings: createImportMappings(db, now),
    remoteResults: createRemoteResults(db, now),
    seriesUploads: createSeriesUploads(db, now),
    db,
    close: () => {
      db.close();
      unlock();
    },
  };
}

export type { Db } from './db';
export type { Journal, JournalChange, JournalEntry, OpenStep, StepOutcome } from './journal';
export type { Environment, Profile, ProfileStore, SavedProfile } from './profiles';
export type { Participant, Race, RaceCache, RaceEvent, ResultSet } from './races';
export type { NewResult, OutboxOptions, ResultEdit, ResultPatch, ResultRow, ResultStore } from './results';
export type { UploadTargets } from './uploadTargets';
export { eventKindOf, type EventKind, type ImportMappings, type SavedMapping } from './importMappings';
export type { RemoteResultRecord, RemoteResults } from './remoteResults';
export type { PlannedRow, SeriesUploadPlan, SeriesUploads } from './seriesUploads';
export type { NewSeriesRow, SeriesKey, SeriesParticipant, SeriesParticipantList, SeriesPatch, SeriesRow, SeriesStore } from './series';
export type { CachedScoringType, CachedSeries, CachedSeriesEvent, CachedSeriesYear, LookupAnswer, SeriesLookupStore, SeriesRefresh } from './seriesLookups';
export { createProfileSession, type ProfileSession } from './profileSession';
