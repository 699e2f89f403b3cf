// Series points from an event's results: each finisher's registration id (or bib, through the
// event's cached participants) is mapped to a series participant through the series year's
// participant list (RunSignup's cached lookup, or a file the timer loaded: whichever was saved
// last, see store/series.ts), then placed and scored by the shared points rules. Finishers that
// cannot be mapped are listed, with why, so the timer can refresh the lookup or type the id in.
import { type PointsTable, scoreFinishers, type TieRule } from '../../../shared/domain/seriesPoints';
import type { ClockPrecision } from '../../../shared/domain/clockTime';
import type { ResultRow, SeriesKey, StepOutcome, Store } from '../store';
import { replaceSeriesSet, type SeriesScore } from './seriesSet';

export interface ComputeOptions {
  key: SeriesKey;
  table: PointsTable;
  multiplier?: number;
  ties?: TieRule;
  precision?: ClockPrecision;
  /**
   * 'series' (the usual rule): only series participants take places, so the first series
   * runner home is 1st. 'everyone': places are the event's overall places.
   */
  placeAmong?: 'series' | 'everyone';
}

export interface ComputedScore extends SeriesScore {
  resultRowId: number;
  bibNum: string | null;
  registrationId: number | null;
  name: string | null;
}

export interface LeftOutFinisher {
  resultRowId: number;
  bibNum: string | null;
  registrationId: number | null;
  reason: string;
}

export interface SeriesComputation {
  scores: ComputedScore[];
  /** Finishers with a time that could not be mapped to a series participant. */
  unmapped: LeftOutFinisher[];
  /** DQ, DNS, DNF, DNQ and rows with no time: they score nothing. */
  unscored: LeftOutFinisher[];
}

export function computeSeriesScores(store: Store, options: ComputeOptions): SeriesComputation {
  const { key } = options;
  const byBib = new Map(store.races.participants(key.eventId).filter((p) => p.bibNum !== null).map((p) => [p.bibNum as string, p.registrationId]));
  const list = store.series.participantList(key.raceSeriesId, key.raceSeriesYearId);
  const cachedParticipants = list.participants;
  const notInSeries = new Set(list.notInSeries);
  const needsChoice = new Set(list.needsChoice);
  const byRegistration = new Map(cachedParticipants.filter((p) => p.registrationId !== null).map((p) => [p.registrationId as number, p]));

  const unmapped: LeftOutFinisher[] = [];
  const mapped: { row: ResultRow; registrationId: number | null; participant: (typeof cachedParticipants)[number] | null }[] = [];
  for (const row of store.results.rows(key.eventId)) {
    const registrationId = row.registrationId ?? (row.bibNum !== null ? byBib.get(row.bibNum) ?? null : null);
    const participant = registrationId === null ? null : byRegistration.get(registrationId) ?? null;
    mapped.push({ row, registrationId, participant });
  }

  const scoring = { table: options.table, multiplier: options.multiplier ?? 1, ties: options.ties ?? 'same', ...(options.precision ? { precision: options.precision } : {}) } as const;
  const among = options.placeAmong ?? 'series';
  const { scored, unscored } = scoreFinishers(
    mapped.filter((m) => among === 'everyone' || m.participant !== null || m.row.clock?.kind !== 'time').map((m) => ({ item: m, clock: m.row.clock })),
    scoring,
  );
  const unmappedReason = (registrationId: number): string => {
    if (list.source === null) return `no series participant list is saved for series ${key.raceSeriesId}, year ${key.raceSeriesYearId}: refresh from RunSignup while online (or load the director's list from a file), or enter the series participant id by hand`;
    if (list.source === 'file') return `registration ${registrationId} is not in the saved series participant list: the runner may not be in the series, or the list is out of date (download it again)`;
    if (needsChoice.has(registrationId)) return `RunSignup's series participant lookup found possible series participants for registration ${registrationId} but no certain one: choose one under "Runners to check" on the Series screen (or rsu-timer series participants), then compute again`;
    if (notInSeries.has(registrationId)) return `RunSignup's series participant lookup says registration ${registrationId} is not in series ${key.raceSeriesId}, year ${key.raceSeriesYearId}: add the runner to the series on RunSignup and refresh, or enter the series participant id by hand`;
    return `registration ${registrationId} was not looked up when the series participants were last refreshed (its participants were not downloaded then): download the race on the Results tab, refresh from RunSignup, and compute again`;
  };
  const left = (m: (typeof mapped)[number], reason: string): LeftOutFinisher => ({ resultRowId: m.row.id, bibNum: m.row.bibNum, registrationId: m.registrationId, reason });

  const scores: ComputedScore[] = [];
  for (const s of scored) {
    const m = s.item;
    if (m.participant) {
      scores.push({
        raceSeriesParticipantId: m.participant.raceSeriesParticipantId, seriesPoints: s.seriesPoints, position: s.position,
        resultRowId: m.row.id, bibNum: m.row.bibNum, registrationId: m.registrationId,
        name: [m.participant.firstName, m.participant.lastName].filter(Boolean).join(' ') || null,
      });
    }
  }
  for (const m of mapped) {
    if (m.participant || m.row.clock?.kind !== 'time') continue;
    if (m.registrationId === null) {
      unmapped.push(left(m, m.row.bibNum ? `bib ${m.row.bibNum} is not among the event's downloaded participants, so its registration id is unknown: download the participants, or enter the series participant id by hand` : 'the result has neither a bib nor a registration id'));
    } else {
      unmapped.push(left(m, unmappedReason(m.registrationId)));
    }
  }
  return { scores, unmapped, unscored: unscored.map((u) => left(u.item, u.reason)) };
}

/** Writes the computed scores as the whole set, one undo step. */
export function saveComputedScores(store: Store, key: SeriesKey, computation: SeriesComputation, label = 'Compute series points'): StepOutcome {
  return replaceSeriesSet(store, key, label, computation.scores.map(({ raceSeriesParticipantId, seriesPoints, position }) => ({ raceSeriesParticipantId, seriesPoints, position })));
}
