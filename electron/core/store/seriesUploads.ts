// A series upload in progress: its batches as planned (row ids and the versions sent) and the
// next batch to send. It outlives a crash or a failed batch, so the rest goes up flagged F and
// the batches already on RunSignup are never erased by a second T.
import type { Db } from './db';
import type { SeriesKey } from './series';

export interface PlannedRow {
  rowId: number;
  version: number;
}

export interface SeriesUploadPlan {
  key: SeriesKey;
  batches: PlannedRow[][];
  /** 0-based; batches before it are confirmed by RunSignup. */
  nextBatch: number;
  startedAt: string;
}

export interface SeriesUploads {
  get(key: SeriesKey): SeriesUploadPlan | null;
  /** Saves a new plan (replacing any), next batch 0. */
  start(key: SeriesKey, batches: readonly (readonly PlannedRow[])[]): SeriesUploadPlan;
  /** Rewrites the batches not sent yet; the sent ones and next_batch stay as they are. */
  replan(key: SeriesKey, batches: readonly (readonly PlannedRow[])[]): void;
  /** Call inside the transaction that confirms the batch, so both land or neither does. */
  advance(key: SeriesKey, nextBatch: number): void;
  /** The upload is over (every batch sent) or abandoned for a fresh one. */
  finish(key: SeriesKey): void;
  /** Every upload left unfinished, to tell the timer which sets can be resumed. */
  unfinished(): SeriesUploadPlan[];
}

type PlanRecord = {
  race_series_id: number; race_series_year_id: number; race_id: number; event_id: number; scoring_type_id: number;
  batches: string; next_batch: number; started_at: string;
};

const keyWhere = 'race_series_id = @raceSeriesId AND race_series_year_id = @raceSeriesYearId AND race_id = @raceId AND event_id = @eventId AND scoring_type_id = @scoringTypeId';

const toPlan = (r: PlanRecord): SeriesUploadPlan => ({
  key: { raceSeriesId: r.race_series_id, raceSeriesYearId: r.race_series_year_id, raceId: r.race_id, eventId: r.event_id, scoringTypeId: r.scoring_type_id },
  batches: JSON.parse(r.batches) as PlannedRow[][],
  nextBatch: r.next_batch,
  startedAt: r.started_at,
});

const keyParams = (k: SeriesKey) => ({ raceSeriesId: k.raceSeriesId, raceSeriesYearId: k.raceSeriesYearId, raceId: k.raceId, eventId: k.eventId, scoringTypeId: k.scoringTypeId });

export function createSeriesUploads(db: Db, now: () => Date): SeriesUploads {
  const select = db.prepare<Record<string, number>, PlanRecord>(`SELECT * FROM series_uploads WHERE ${keyWhere}`);
  const upsert = db.prepare(
    `INSERT INTO series_uploads (race_series_id, race_series_year_id, race_id, event_id, scoring_type_id, batches, next_batch, started_at)
     VALUES (@raceSeriesId, @raceSeriesYearId, @raceId, @eventId, @scoringTypeId, @batches, 0, @at)
     ON CONFLICT (race_series_id, race_series_year_id, race_id, event_id, scoring_type_id)
     DO UPDATE SET batches = excluded.batches, next_batch = 0, started_at = excluded.started_at`,
  );
  const setBatches = db.prepare(`UPDATE series_uploads SET batches = @batches WHERE ${keyWhere}`);
  const setNext = db.prepare(`UPDATE series_uploads SET next_batch = @nextBatch WHERE ${keyWhere}`);
  const remove = db.prepare(`DELETE FROM series_uploads WHERE ${keyWhere}`);
  const plain = (batches: readonly (readonly PlannedRow[])[]) => JSON.stringify(batches.map((b) => b.map((r) => ({ rowId: r.rowId, version: r.version }))));

  return {
    get: (key) => {
      const r = select.get(keyParams(key));
      return r ? toPlan(r) : null;
    },
    start: (key, batches) => {
      const at = now().toISOString();
      upsert.run({ ...keyParams(key), batches: plain(batches), at });
      return { key: keyParams(key), batches: batches.map((b) => [...b]), nextBatch: 0, startedAt: at };
    },
    replan: (key, batches) => void setBatches.run({ ...keyParams(key), batches: plain(batches) }),
    advance: (key, nextBatch) => {
      if (setNext.run({ ...keyParams(key), nextBatch }).changes !== 1) throw new Error('no series upload in progress for this scoring set');
    },
    finish: (key) => void remove.run(keyParams(key)),
    unfinished: () => (db.prepare('SELECT * FROM series_uploads ORDER BY started_at').all() as PlanRecord[]).map(toPlan),
  };
}
