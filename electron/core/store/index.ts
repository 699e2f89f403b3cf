// openStore: the one typed entry to the timer's SQLite file. One connection, synchronous
// calls (better-sqlite3); every edit is one transaction, durable when the call returns.
import { join } from 'node:path';
import { createDataFolder, type DataFolder } from './dataFolder';
import { attachDatabase } from './databaseOf';
import { type Db, openDatabase, schemaVersion } from './db';
import { createJournal, type Journal } from './journal';
import { createImportMappings, type ImportMappings } from './importMappings';
import { createLocalEvents, type LocalEvents } from './localEvents';
import { lockStore } from './lock';
import { createProfileStore, type ProfileStore } from './profiles';
import { createProfileSession, type ProfileSession } from './profileSession';
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
  /** The folder's own id, which keys its keychain entries. */
  readonly dataFolder: DataFolder;
  readonly profiles: ProfileStore;
  /** Token timing per profile and the profile in use. */
  readonly profileSession: ProfileSession;
  readonly races: RaceCache;
  /** Events kept on this laptop until the race is downloaded. */
  readonly localEvents: LocalEvents;
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
  /**
   * Runs `fn` as ONE transaction: writes of several parts of the store (rows confirmed and the
   * upload's progress) commit together or not at all. The store owns its SQL: there is no
   * raw connection here (tests and benches inspect the file through databaseOf).
   */
  transaction<T>(fn: () => T): T;
  /**
   * Copies the WAL into the database file now, as SQLite does by itself after a commit that
   * finds it grown. An import holds that back while it writes (OpenStep) and calls this once it
   * has ended and let the event loop run, so the copy is a stretch of its own.
   */
  checkpoint(): void;
  close(): void;
}

export interface StoreOptions {
  now?: () => Date;
}

/** The timer's SQLite file in a data folder: named here and nowhere else. */
export const storeFileName = 'rsu-timer.sqlite';

/** Opens (and locks) the store of a data folder; throws 'store_in_use' when another RSU Timer has it. */
export function openDataFolder(dataDir: string, options: StoreOptions = {}): Store {
  return openStore(join(dataDir, storeFileName), options);
}

export function openStore(filePath: string, options: StoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());
  // The lock comes first: recovering open steps must never undo another process's import.
  const unlock = lockStore(filePath);
  let db: Db;
  let journal: Journal;
  let recoveredSteps: number;
  let dataFolder: DataFolder;
  try {
    db = openDatabase(filePath);
    journal = createJournal(db, now);
    recoveredSteps = journal.recoverOpenSteps();
    dataFolder = createDataFolder(db, now);
  } catch (error) {
    unlock();
    throw error;
  }
  const store: Store = {
    filePath,
    schemaVersion: schemaVersion(db),
    recoveredSteps,
    dataFolder,
    profiles: createProfileStore(db, now),
    profileSession: createProfileSession(db),
    races: createRaceCache(db, now),
    localEvents: createLocalEvents(db, now),
    results: createResultStore(db, journal, now),
    series: createSeriesStore(db, journal, now),
    seriesLookups: createSeriesLookupStore(db, now),
    journal,
    uploadTargets: createUploadTargets(db, now),
    importMappings: createImportMappings(db, now),
    remoteResults: createRemoteResults(db, now),
    seriesUploads: createSeriesUploads(db, now),
    transaction: (fn) => db.transaction(fn)(),
    checkpoint: () => {
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    close: () => {
      db.close();
      unlock();
    },
  };
  attachDatabase(store, db);
  return store;
}

export type { DataFolder } from './dataFolder';
export type { Db } from './db';
export type { Journal, JournalChange, JournalEntry, NextSteps, OpenStep, StepChange, StepOutcome } from './journal';
export type { JournalScope } from './journalScope';
export type { LocalEvents } from './localEvents';
export type { Environment, Profile, ProfileStore, SavedProfile } from './profiles';
export type { Participant, Race, RaceCache, RaceEvent, ResultSet } from './races';
export type { NewResult, OutboxOptions, ResultEdit, ResultPatch, ResultRow, ResultStore } from './results';
export type { UploadTargets } from './uploadTargets';
export { eventKindOf, type EventKind, type ImportMappings, type SavedMapping } from './importMappings';
export type { RemoteResultRecord, RemoteResults, ResultSetSplit } from './remoteResults';
export type { PlannedRow, SeriesUploadPlan, SeriesUploads } from './seriesUploads';
export type { NewSeriesRow, SeriesKey, SeriesParticipant, SeriesParticipantList, SeriesPatch, SeriesRow, SeriesStore } from './series';
export type { CachedLookupAnswer, CachedScoringType, CachedSeries, CachedSeriesEvent, CachedSeriesYear, LookupAnswer, LookupChoice, LookupChoiceHow, LookupPossibleMatch, SeriesLookupStore, SeriesRefresh } from './seriesLookups';
export type { ProfileSession } from './profileSession';
