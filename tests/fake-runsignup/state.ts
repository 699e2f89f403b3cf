// Everything the fake server holds: the seeded world, what was uploaded, and a log of every
// applied submission, so a test can compare exactly and prove nothing was applied twice.
import type { SeedFile, SeedParticipant, SeedRace, SeedSeries, SeedSplit } from './seed';

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
  /** -100..100; lists of sets are ordered by it (RunSignup's new-result-set page). */
  sortOrder: number;
  /** T, t, M, K or N: how get-results shows pace. */
  paceType: string;
  /** Stored as sent; the fake does not list the set under these events. */
  altEventIds: number[];
}

/** What a new set gets for each field a create leaves out. */
export const resultSetDefaults = { preliminary: false, disableNotifications: false, public: true, sortOrder: 0, paceType: 'T', altEventIds: [] as number[] } as const;

export type StoredSplit = SeedSplit;

/** One split of one result; X clears a field, and a split with neither field is removed. */
export interface StoredSplitValue { time: string | null; place: number | null }

export interface StoredInPersonResult {
  resultId: number;
  resultSetId: number;
  registrationId: number;
  /** The registrant's bib as the seed holds it, when the result was last posted. */
  bibNum: string | null;
  place: number | null;
  /** As sent: a time or DQ/DNS/DNF/DNQ. */
  clockTime: string | null;
  chipTime: string | null;
  /** By split id. */
  splits: Record<number, StoredSplitValue>;
}

/**
 * One checked row of a full-results request. `resultId` null adds a new result; otherwise that
 * result is updated. A field left undefined keeps what is stored; a split field null was cleared with X.
 */
export interface InPersonChange {
  resultId: number | null;
  registrationId: number;
  bibNum: string | null;
  place?: number;
  clockTime?: string;
  chipTime?: string;
  splits: Record<number, { time?: string | null; place?: number | null }>;
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
  | { seq: number; endpoint: 'new-result-set'; raceId: number; eventId: number; resultSetId: number }
  // added: a registration id per new result (a registration twice = two results); updated: result ids.
  | { seq: number; endpoint: 'full-results'; raceId: number; eventId: number; resultSetId: number; added: number[]; updated: number[] }
  | { seq: number; endpoint: 'clear-results'; raceId: number; eventId: number; resultSetId: number; removed: number };

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
  /** In-person results by set, then by result id. */
  private readonly inPerson = new Map<number, Map<number, StoredInPersonResult>>();
  private readonly splits = new Map<number, StoredSplit[]>();
  private nextSetId = 50_001;
  private nextResultId = 900_001;
  private seq = 0;

  constructor(seed: SeedFile) {
    this.seed = seed;
    for (const race of seed.races) {
      for (const set of race.result_sets ?? []) {
        const id = set.individual_result_set_id;
        this.sets.set(id, {
          ...resultSetDefaults, resultSetId: id, raceId: race.race_id, eventId: set.event_id, name: set.individual_result_set_name,
          preliminary: set.preliminary_results ?? false, public: set.public_results ?? true, sortOrder: set.sort_order ?? 0,
        });
        this.nextSetId = Math.max(this.nextSetId, id + 1);
        this.splits.set(id, set.splits ?? []);
        const held = new Map<number, StoredInPersonResult>();
        for (const r of set.results ?? []) {
          const bibNum = race.participants.find((p) => p.registration_id === r.registration_id)?.bib_num ?? null;
          held.set(r.result_id, { resultId: r.result_id, resultSetId: id, registrationId: r.registration_id, bibNum, place: r.place, clockTime: r.clock_time, chipTime: r.chip_time, splits: {} });
          this.nextResultId = Math.max(this.nextResultId, r.result_id + 1);
        }
        this.inPerson.set(id, held);
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

  /** Fields left out take new-result-set's defaults. */
  createResultSet(fields: Pick<StoredResultSet, 'raceId' | 'eventId' | 'name'> & Partial<StoredResultSet>): StoredResultSet {
    const set: StoredResultSet = { ...resultSetDefaults, ...fields, resultSetId: this.nextSetId++ };
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

  /** The splits set up on a result set, in display order. */
  resultSetSplits(resultSetId: number): StoredSplit[] {
    return this.splits.get(resultSetId) ?? [];
  }

  /** Every in-person result of a set, ordered by result id. */
  inPersonResults(resultSetId: number): StoredInPersonResult[] {
    return [...(this.inPerson.get(resultSetId)?.values() ?? [])].sort((a, b) => a.resultId - b.resultId);
  }

  /** How many in-person results each registration has in the set now (2 = a duplicated result). */
  resultsByRegistration(resultSetId: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (const r of this.inPersonResults(resultSetId)) counts.set(r.registrationId, (counts.get(r.registrationId) ?? 0) + 1);
    return counts;
  }

  /** Applies one checked full-results request (all or nothing); returns the stored result of each change, in order. */
  applyFullResults(set: StoredResultSet, changes: InPersonChange[]): StoredInPersonResult[] {
    const held = this.inPerson.get(set.resultSetId) ?? new Map<number, StoredInPersonResult>();
    this.inPerson.set(set.resultSetId, held);
    const stored = changes.map((change) => {
      const before = change.resultId === null ? undefined : held.get(change.resultId);
      const result: StoredInPersonResult = before ?? { resultId: this.nextResultId++, resultSetId: set.resultSetId, registrationId: change.registrationId, bibNum: change.bibNum, place: null, clockTime: null, chipTime: null, splits: {} };
      // With result_id the row may name another registrant: a bib correction moves the result.
      result.registrationId = change.registrationId;
      result.bibNum = change.bibNum;
      if (change.place !== undefined) result.place = change.place;
      if (change.clockTime !== undefined) result.clockTime = change.clockTime;
      if (change.chipTime !== undefined) result.chipTime = change.chipTime;
      for (const [id, split] of Object.entries(change.splits)) {
        const next = { ...(result.splits[Number(id)] ?? { time: null, place: null }) };
        if (split.time !== undefined) next.time = split.time;
        if (split.place !== undefined) next.place = split.place;
        if (next.time === null && next.place === null) delete result.splits[Number(id)];
        else result.splits[Number(id)] = next;
      }
      held.set(result.resultId, result);
      return result;
    });
    this.applications.push({
      seq: ++this.seq, endpoint: 'full-results', raceId: set.raceId, eventId: set.eventId, resultSetId: set.resultSetId,
      added: changes.filter((c) => c.resultId === null).map((c) => c.registrationId),
      updated: changes.flatMap((c) => (c.resultId === null ? [] : [c.resultId])),
    });
    return stored;
  }

  /** Removes every result of the set (in-person and virtual); the set and its splits stay. */
  clearResults(set: StoredResultSet): number {
    const removed = (this.inPerson.get(set.resultSetId)?.size ?? 0) + (this.virtual.get(set.resultSetId)?.size ?? 0);
    this.inPerson.delete(set.resultSetId);
    this.virtual.delete(set.resultSetId);
    this.applications.push({ seq: ++this.seq, endpoint: 'clear-results', raceId: set.raceId, eventId: set.eventId, resultSetId: set.resultSetId, removed });
    return removed;
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
