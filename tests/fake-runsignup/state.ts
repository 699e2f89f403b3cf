// Everything the fake server holds: the seeded world, what was uploaded, and a log of every
// applied submission, so a test can compare exactly and prove nothing was applied twice.
import type { SeedFile, SeedParticipant, SeedRace, SeedSeries } from './seed';

/** tally_value's three states, kept apart: never set, cleared (empty or null), or a value. */
export type StoredTally = { state: 'unset' } | { state: 'cleared' } | { state: 'value'; value: number };

export interface StoredVirtualResult {
  registrationId: number;
  bibNum: string | null;
  /** As sent: a time or DQ/DNS/DNF/DNQ. */
  clockTime: string;
  submittedTimeInMs: number | null;
  tally: StoredTally;
  elevationGainInMm: number | null;
  resultSetId: number;
  resultsReceivedTs: number;
}

export interface StoredResultSet {
  resultSetId: number;
  raceId: number;
  eventId: number;
  name: string;
  preliminary: boolean;
  disableNotifications: boolean;
  public: boolean;
  sortOrder: string | null;
}

export interface StoredSeriesScore {
  seriesParticipantId: number;
  seriesPoints: number;
  position: number;
}

export interface SeriesKey {
  seriesId: number;
  seriesYearId: number;
  raceId: number;
  eventId: number;
  scoringTypeId: number;
}

export type Application =
  | { seq: number; endpoint: 'user-results'; raceId: number; eventId: number; resultSetId: number; registrationIds: number[]; requestFormat: 'json' | 'xml' }
  | { seq: number; endpoint: 'race-series-results'; key: SeriesKey; clearPreviousResults: boolean; seriesParticipantIds: number[]; failed: number[] }
  | { seq: number; endpoint: 'new-result-set'; raceId: number; eventId: number; resultSetId: number };

export interface RequestRecord {
  route: string;
  method: string;
  authMode: string | null;
  status: number | 'dropped';
  fault: string | null;
}

export const seriesKeyText = (k: SeriesKey): string => `${k.seriesId}/${k.seriesYearId}/${k.raceId}/${k.eventId}/${k.scoringTypeId}`;

export class FakeState {
  readonly seed: SeedFile;
  readonly applications: Application[] = [];
  readonly requests: RequestRecord[] = [];
  private readonly sets = new Map<number, StoredResultSet>();
  private readonly virtual = new Map<number, Map<number, StoredVirtualResult>>();
  private readonly series = new Map<string, Map<number, StoredSeriesScore>>();
  private nextSetId = 50_001;
  private seq = 0;

  constructor(seed: SeedFile) {
    this.seed = seed;
    for (const race of seed.races) {
      for (const set of race.result_sets ?? []) {
        this.sets.set(set.individual_result_set_id, { resultSetId: set.individual_result_set_id, raceId: race.race_id, eventId: set.event_id, name: set.individual_result_set_name, preliminary: false, disableNotifications: false, public: true, sortOrder: null });
        this.nextSetId = Math.max(this.nextSetId, set.individual_result_set_id + 1);
      }
    }
  }

  race(raceId: number): SeedRace | undefined {
    return this.seed.races.find((r) => r.race_id === raceId);
  }

  participantsOf(race: SeedRace, eventId: number): SeedParticipant[] {
    return race.participants.filter((p) => p.event_id === eventId);
  }

  seriesById(seriesId: number): SeedSeries | undefined {
    return this.seed.series.find((s) => s.race_series_id === seriesId);
  }

  /** Result sets of an event, oldest first. */
  resultSets(eventId: number): StoredResultSet[] {
    return [...this.sets.values()].filter((s) => s.eventId === eventId).sort((a, b) => a.resultSetId - b.resultSetId);
  }

  resultSet(resultSetId: number): StoredResultSet | undefined {
    return this.sets.get(resultSetId);
  }

  createResultSet(fields: Omit<StoredResultSet, 'resultSetId'>): StoredResultSet {
    const set = { resultSetId: this.nextSetId++, ...fields };
    this.sets.set(set.resultSetId, set);
    this.applications.push({ seq: ++this.seq, endpoint: 'new-result-set', raceId: set.raceId, eventId: set.eventId, resultSetId: set.resultSetId });
    return set;
  }

  /** What a result set holds, by registration id. */
  virtualResults(resultSetId: number): StoredVirtualResult[] {
    return [...(this.virtual.get(resultSetId)?.values() ?? [])].sort((a, b) => a.registrationId - b.registrationId);
  }

  /** Stores one request's rows together (a request is all or nothing), overwriting by registration. */
  applyVirtualResults(set: StoredResultSet, rows: StoredVirtualResult[], requestFormat: 'json' | 'xml'): void {
    const held = this.virtual.get(set.resultSetId) ?? new Map<number, StoredVirtualResult>();
    this.virtual.set(set.resultSetId, held);
    for (const row of rows) {
      const before = held.get(row.registrationId);
      // An absent tally leaves what was there.
      const tally = row.tally.state === 'unset' && before ? before.tally : row.tally;
      held.set(row.registrationId, { ...row, tally });
    }
    this.applications.push({ seq: ++this.seq, endpoint: 'user-results', raceId: set.raceId, eventId: set.eventId, resultSetId: set.resultSetId, registrationIds: rows.map((r) => r.registrationId), requestFormat });
  }

  seriesResults(key: SeriesKey): StoredSeriesScore[] {
    return [...(this.series.get(seriesKeyText(key))?.values() ?? [])].sort((a, b) => a.seriesParticipantId - b.seriesParticipantId);
  }

  applySeriesResults(key: SeriesKey, clear: boolean, rows: StoredSeriesScore[], failed: number[]): void {
    const text = seriesKeyText(key);
    const held = clear ? new Map<number, StoredSeriesScore>() : (this.series.get(text) ?? new Map<number, StoredSeriesScore>());
    for (const row of rows) held.set(row.seriesParticipantId, row);
    this.series.set(text, held);
    this.applications.push({ seq: ++this.seq, endpoint: 'race-series-results', key, clearPreviousResults: clear, seriesParticipantIds: rows.map((r) => r.seriesParticipantId), failed });
  }

  /** How many times each registration was applied to the set (a retry that doubled a row shows as 2). */
  applicationCounts(resultSetId: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (const a of this.applications) {
      if (a.endpoint !== 'user-results' || a.resultSetId !== resultSetId) continue;
      for (const id of a.registrationIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /** A change on RunSignup's side (a new bib, say), stamped with `modifiedAt` (unix seconds). */
  changeParticipant(registrationId: number, changes: Partial<Pick<SeedParticipant, 'bib_num' | 'first_name' | 'last_name' | 'chip_num'>>, modifiedAt: number): void {
    for (const race of this.seed.races) {
      const p = race.participants.find((x) => x.registration_id === registrationId);
      if (p) {
        Object.assign(p, changes, { last_modified: modifiedAt });
        return;
      }
    }
    throw new RangeError(`No participant ${registrationId} in the seed.`);
  }
}
