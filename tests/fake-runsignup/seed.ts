// The seed file's shape (seed.json is the demo's), loading it, and synthetic participants for benchmarks.
import { readFileSync } from 'node:fs';

export interface SeedUser { user_id: number; email: string; password: string; first_name: string; last_name: string }
/** `distance` + `distance_units` (K or M) only feed the pace that get-results shows. */
export interface SeedEvent { event_id: number; name: string; event_type: string; start_time: string; allow_elevation_gain?: boolean; distance?: number; distance_units?: 'K' | 'M' }
/** `gender` and `age` only appear in get-results. */
export interface SeedParticipant { registration_id: number; event_id: number; bib_num: string | null; chip_num?: string | null; first_name: string; last_name: string; last_modified: number; gender?: string; age?: number }
export interface SeedResult { result_id: number; registration_id: number; place: number | null; clock_time: string | null; chip_time: string | null }
export interface SeedSplit { split_id: number; split_name: string; split_distance: number; split_distance_units: 'K' | 'M' }
export interface SeedResultSet {
  individual_result_set_id: number;
  event_id: number;
  individual_result_set_name: string;
  /** Defaults as in new-result-set: not preliminary, public, sort order 0. */
  preliminary_results?: boolean;
  public_results?: boolean;
  sort_order?: number;
  /** In-person results already on RunSignup (what get-results answers before any upload). */
  results?: SeedResult[];
  splits?: SeedSplit[];
}
export interface SeedRace {
  race_id: number;
  name: string;
  /** Users who may post results for the race (its directors and timers). */
  timers: number[];
  events: SeedEvent[];
  participants: SeedParticipant[];
  result_sets?: SeedResultSet[];
}
/**
 * A series participant. registration_id null: in the series through no registration of this
 * year's races (a lookup can only offer them as possible matches). gender, dob and age are what
 * the lookup shows with a possible match.
 */
export interface SeedSeriesParticipant { race_series_participant_id: number; registration_id: number | null; first_name: string; last_name: string; gender?: string; dob?: string; age?: number }
export interface SeedSeriesYear { race_series_year_id: number; year: number; races: { race_id: number; event_ids: number[] }[]; participants: SeedSeriesParticipant[] }
export interface SeedSeries {
  race_series_id: number;
  name: string;
  directors: number[];
  /** standard: listed in the series info; the rest are the series' own (non-standard) types. */
  scoring_types: { scoring_type_id: number; name: string; standard?: boolean }[];
  years: SeedSeriesYear[];
}

export interface SeedFile {
  users: SeedUser[];
  credentials: {
    api_keys: { api_key: string; api_secret: string; user_id: number }[];
    v2_keys: { rsu_api_key: string; secret: string; user_id: number }[];
    super_partner_keys: { sp_api_key: string; secret: string; user_id: number }[];
    oauth_clients: { client_id: string; client_secret: string; redirect_uris: string[] }[];
    caller_registrations: { rsu_api_reg: string; secret: string }[];
    /** The user the OAuth authorize page signs in as (it approves without a form). */
    oauth_user_id: number;
  };
  races: SeedRace[];
  series: SeedSeries[];
}

export interface SyntheticParticipants {
  raceId: number;
  eventId: number;
  count: number;
  /** First bib and registration id; later ones count up. */
  firstBib?: number;
  firstRegistrationId?: number;
}

export const defaultSeedPath = new URL('./seed.json', import.meta.url);

export function loadSeed(seed: SeedFile | string | URL | undefined): SeedFile {
  if (seed && typeof seed === 'object' && !(seed instanceof URL)) return structuredClone(seed);
  return JSON.parse(readFileSync(seed ?? defaultSeedPath, 'utf8')) as SeedFile;
}

export function addSyntheticParticipants(seed: SeedFile, extra: readonly SyntheticParticipants[]): void {
  for (const spec of extra) {
    const race = seed.races.find((r) => r.race_id === spec.raceId);
    if (!race || !race.events.some((e) => e.event_id === spec.eventId)) throw new RangeError(`Synthetic participants: race ${spec.raceId} has no event ${spec.eventId} in the seed.`);
    const firstBib = spec.firstBib ?? 10_000;
    const firstId = spec.firstRegistrationId ?? 90_000_000 + spec.eventId * 100_000;
    for (let i = 0; i < spec.count; i++) {
      race.participants.push({ registration_id: firstId + i, event_id: spec.eventId, bib_num: String(firstBib + i), chip_num: null, first_name: 'Runner', last_name: `Synthetic ${i + 1}`, last_modified: 1_700_000_000 });
    }
  }
}
