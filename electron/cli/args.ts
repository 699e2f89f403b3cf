// Parses the rsu-timer command line into a typed command. Every mistake becomes a UsageError
// whose message says what to type instead; main.ts turns it into exit code 2.
import { parseArgs } from 'node:util';
import { importedFields } from '../../shared/domain/resultFields';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface GlobalOptions {
  dataDir?: string;
  profile?: string;
  json: boolean;
}

/** Every result field an import maps, as --map takes them. */
export const resultFields = importedFields;
export const seriesFields = ['race_series_participant_id', 'series_points', 'position'] as const;

export type TallyChange = { kind: 'value'; value: number } | { kind: 'cleared' };
export type ResultSetTarget =
  | { kind: 'existing'; resultSetId: number }
  | { kind: 'new'; name: string; preliminary: boolean; notificationsOff: boolean };
export interface SeriesTarget {
  seriesId: number;
  yearId: number;
  raceId: number;
  eventId: number;
  scoringTypeId: number;
}

export type Command =
  | { name: 'help' }
  | { name: 'status' }
  | { name: 'race pull'; raceId: number }
  | { name: 'results import'; file: string; raceId: number; eventId: number; map: Record<string, string> }
  | { name: 'results list'; raceId: number; eventId: number }
  | {
      name: 'results set';
      raceId: number;
      eventId: number;
      bibNum?: number;
      registrationId?: number;
      /** The store's row id, as `results list --json` prints it in "row_id". */
      rowId?: number;
      /** A misread bib: the row's new bib. */
      bibTo?: number;
      clockTime?: string;
      /** In-person events only, as are place and the result set commands' targets. */
      chipTime?: string;
      place?: number;
      /** In-person events: split id -> split time (X clears it on RunSignup; '' removes it here). */
      splits?: Record<string, string>;
      tally?: TallyChange;
      elevationGainMm?: number;
    }
  | { name: 'results delete'; raceId: number; eventId: number; rowId: number }
  | { name: 'results sets'; raceId: number; eventId: number }
  | { name: 'results target'; raceId: number; eventId: number; target: ResultSetTarget }
  | { name: 'results compare'; raceId: number; eventId: number }
  | { name: 'sync'; raceId?: number; eventId?: number; batchSize?: number }
  | ({ name: 'series import'; file: string; map: Record<string, string> } & SeriesTarget)
  | ({ name: 'series push'; wholeSet: boolean } & SeriesTarget)
  | { name: 'series pull'; seriesId: number; yearId?: number }
  | { name: 'series participants'; seriesId: number; yearId: number; raceId: number; eventId: number }
  | { name: 'profile list' }
  | { name: 'profile remove'; profile: string }
  | { name: 'profile check'; profile: string; raceId?: number }
  | { name: 'profile login'; profile: string; secretsFromStdin: boolean }
  | {
      name: 'profile add';
      profile: string;
      environment: 'production' | 'test' | 'custom';
      baseUrl?: string;
      authMode: string;
      key?: string;
      callerRegKey?: string;
      oauthClientId?: string;
      /** The OAuth app has a client secret (most do not: a desktop app is a public client with PKCE). */
      oauthClientSecret?: boolean;
      /** Read secrets from standard input instead of a prompt (for scripts). */
      secretsFromStdin: boolean;
    };

export interface Invocation {
  global: GlobalOptions;
  command: Command;
}

export const usage = `Usage: rsu-timer [--data-dir DIR] [--profile NAME] [--json] <command>

  race pull --race ID
  results import FILE --race ID --event ID [--map FIELD=COLUMN ...]   (every row is imported; rows with problems are listed
      and held back from upload until fixed, exit 1; the mapping is remembered for the next file of that kind of event)
  results list --race ID --event ID   (with --json each row has "row_id", a number: the row to name with --row)
  results set --race ID --event ID (--bib N | --registration-id N | --row ID) [--bib-to N] [--clock-time T] [--chip-time T] [--place N]
      [--split ID=T ...] [--tally V | --clear-tally] [--elevation-mm N]   (--bib-to corrects a misread bib; --chip-time, --place and
      --split are for in-person events (--split ID=X clears that split on RunSignup, ID= removes it here only), --tally and
      --elevation-mm for virtual ones; a --bib or --registration-id on several rows changes nothing)
  results delete --race ID --event ID --row ID   (one row, here; a result RunSignup already holds stays there)
  results sets --race ID --event ID   (the event's result sets on RunSignup, or the cached list when it is not reachable)
  results target --race ID --event ID (--result-set ID | --new-result-set NAME [--preliminary] [--notifications-off])
      (where this event's results go from now on; a set of that name already there is used instead of a new one)
  results compare --race ID --event ID   (pulls the target set and prints what differs; unreachable: the last pull, exit 4)
  sync [--race ID] [--event ID] [--batch-size N]
  series import FILE --series ID --year ID --race ID --event ID --scoring-type ID [--map FIELD=COLUMN ...]
  series push --series ID --year ID --race ID --event ID --scoring-type ID [--whole-set]
  series pull --series ID [--year ID]   (series, years, scoring types and the year's participant lookup, for offline use)
  series participants --series ID --year ID --race ID --event ID   (the cached lookup of the event's registrations: series
      participant id, or the possible matches to choose from; --json: registration_id, bib_num, race_series_participant_id,
      possible_matches)
  status
  profile add NAME --environment production|test|custom [--base-url URL] --auth api-key|tmp-key|v2-key|super-partner|oauth [--key KEY] [--caller-reg-key KEY] [--oauth-client-id ID] [--oauth-client-secret] [--secrets-from-stdin]
  profile list | profile remove NAME | profile check NAME [--race ID]
  profile login NAME [--secrets-from-stdin]   (log in again: email and password for tmp-key, the sign-in page for oauth)

FIELD names are the API's: ${resultFields.join(', ')} (chip_time, place and split-ID, a split of the result set the
results go to, for in-person events; tally_value and elevation_gain_in_mm for virtual ones); for series ${seriesFields.join(', ')}.
Secrets are never taken as arguments: they are prompted for, or read from standard input.
Headless credentials (used for this run, never stored): RSU_BASE_URL (or "test"), and RSU_API_KEY + RSU_API_SECRET,
RSU_V2_KEY + RSU_V2_SECRET, or RSU_OAUTH_TOKEN. RSU_TIMER_DATA_DIR sets the data folder; RSU_TIMER_MAX_ATTEMPTS how often
a batch is tried before sync gives up for now.
Exit codes: 0 nothing left pending or failed; 1 some rows failed; 2 bad usage or input; 3 auth or permission refused; 4 RunSignup unreachable.`;

const globalFlags = {
  'data-dir': { type: 'string' },
  profile: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const commandFlags = {
  race: { type: 'string' },
  event: { type: 'string' },
  series: { type: 'string' },
  year: { type: 'string' },
  'scoring-type': { type: 'string' },
  map: { type: 'string', multiple: true },
  bib: { type: 'string' },
  'registration-id': { type: 'string' },
  row: { type: 'string' },
  'bib-to': { type: 'string' },
  'clock-time': { type: 'string' },
  'chip-time': { type: 'string' },
  place: { type: 'string' },
  split: { type: 'string', multiple: true },
  'result-set': { type: 'string' },
  'new-result-set': { type: 'string' },
  preliminary: { type: 'boolean' },
  'notifications-off': { type: 'boolean' },
  tally: { type: 'string' },
  'clear-tally': { type: 'boolean' },
  'elevation-mm': { type: 'string' },
  environment: { type: 'string' },
  'base-url': { type: 'string' },
  auth: { type: 'string' },
  key: { type: 'string' },
  'caller-reg-key': { type: 'string' },
  'oauth-client-id': { type: 'string' },
  'oauth-client-secret': { type: 'boolean' },
  'secrets-from-stdin': { type: 'boolean' },
  'whole-set': { type: 'boolean' },
  'batch-size': { type: 'string' },
} as const;

type Values = { [K in keyof typeof commandFlags]?: (typeof commandFlags)[K] extends { multiple: true } ? string[] : string | boolean };

export function parseCommandLine(argv: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...globalFlags, ...commandFlags }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}\n\n${usage}`);
  }
  const { values, positionals } = parsed;
  const global: GlobalOptions = { json: values.json === true };
  if (typeof values['data-dir'] === 'string') global.dataDir = values['data-dir'];
  if (typeof values.profile === 'string') global.profile = values.profile;
  if (values.help || positionals.length === 0) return { global, command: { name: 'help' } };
  return { global, command: toCommand(positionals, values as Values) };
}

function toCommand(words: string[], v: Values): Command {
  const [group, action, ...rest] = words;
  const name = action && group !== 'sync' && group !== 'status' ? `${group} ${action}` : (group ?? '');
  const args = group === 'sync' || group === 'status' ? words.slice(1) : rest;
  const allow = (count: number, what: string) => {
    if (args.length !== count) throw new UsageError(count === 0 ? `'${name}' takes no ${what} (got '${args.join(' ')}')` : `'${name}' needs ${what}`);
  };
  switch (name) {
    case 'status':
      allow(0, 'arguments');
      return { name };
    case 'race pull':
      allow(0, 'arguments');
      return { name, raceId: id(v, 'race') };
    case 'results import':
      allow(1, 'one FILE');
      return { name, file: args[0]!, raceId: id(v, 'race'), eventId: id(v, 'event'), map: fieldMap(v.map, resultFields, true) };
    case 'results list':
      allow(0, 'arguments');
      return { name, raceId: id(v, 'race'), eventId: id(v, 'event') };
    case 'results set':
      allow(0, 'arguments');
      return resultsSet(v);
    case 'results delete':
      allow(0, 'arguments');
      return { name, raceId: id(v, 'race'), eventId: id(v, 'event'), rowId: id(v, 'row') };
    case 'results sets':
    case 'results compare':
      allow(0, 'arguments');
      return { name, raceId: id(v, 'race'), eventId: id(v, 'event') };
    case 'results target':
      allow(0, 'arguments');
      return { name, raceId: id(v, 'race'), eventId: id(v, 'event'), target: resultSetTarget(v) };
    case 'sync':
      allow(0, 'arguments');
      return { name, ...optionalId(v, 'race', 'raceId'), ...optionalId(v, 'event', 'eventId'), ...batchSize(v) };
    case 'series import':
      allow(1, 'one FILE');
      return { name, file: args[0]!, ...seriesTarget(v), map: fieldMap(v.map, seriesFields) };
    case 'series push':
      allow(0, 'arguments');
      return { name, ...seriesTarget(v), wholeSet: v['whole-set'] === true };
    case 'series pull':
      allow(0, 'arguments');
      return { name, seriesId: id(v, 'series'), ...optionalId(v, 'year', 'yearId') };
    case 'series participants':
      allow(0, 'arguments');
      return { name, seriesId: id(v, 'series'), yearId: id(v, 'year'), raceId: id(v, 'race'), eventId: id(v, 'event') };
    case 'profile list':
      allow(0, 'arguments');
      return { name };
    case 'profile remove':
      allow(1, 'one profile NAME');
      return { name, profile: args[0]! };
    case 'profile check':
      allow(1, 'one profile NAME');
      return { name, profile: args[0]!, ...optionalId(v, 'race', 'raceId') };
    case 'profile login':
      allow(1, 'one profile NAME');
      return { name, profile: args[0]!, secretsFromStdin: v['secrets-from-stdin'] === true };
    case 'profile add':
      allow(1, 'one profile NAME');
      return profileAdd(args[0]!, v);
    default:
      throw new UsageError(`unknown command '${words.join(' ')}'\n\n${usage}`);
  }
}

function text(v: Values, flag: keyof typeof commandFlags): string | undefined {
  const value = v[flag];
  return typeof value === 'string' ? value : undefined;
}

function wholeNumber(value: string, flag: string, min = 1): number {
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${flag} must be a whole number${min > 0 ? ' above 0' : ''}, like --${flag} 12345 (got '${value}')`);
  }
  return Number(value);
}

function id(v: Values, flag: keyof typeof commandFlags): number {
  const value = text(v, flag);
  if (value === undefined) throw new UsageError(`--${flag} ID is required`);
  return wholeNumber(value, flag);
}

function optionalId<K extends string>(v: Values, flag: keyof typeof commandFlags, key: K): Partial<Record<K, number>> {
  const value = text(v, flag);
  return value === undefined ? {} : ({ [key]: wholeNumber(value, flag) } as Record<K, number>);
}

/** Rows a results request carries; the sync halves it by itself when RunSignup throttles. */
function batchSize(v: Values): { batchSize?: number } {
  const value = text(v, 'batch-size');
  if (value === undefined) return {};
  const size = wholeNumber(value, 'batch-size');
  if (size > 500) throw new UsageError(`--batch-size is at most 500 rows a request (got ${size})`);
  return { batchSize: size };
}

function seriesTarget(v: Values): SeriesTarget {
  return { seriesId: id(v, 'series'), yearId: id(v, 'year'), raceId: id(v, 'race'), eventId: id(v, 'event'), scoringTypeId: id(v, 'scoring-type') };
}

/** splits: `split-<id>` is a field too (a split of the in-person event's result set; the import checks the id). */
function fieldMap(entries: string[] | undefined, fields: readonly string[], splits = false): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const at = entry.indexOf('=');
    const field = entry.slice(0, at);
    if (at <= 0 || at === entry.length - 1) throw new UsageError(`--map takes FIELD=COLUMN, like --map clock_time="Finish Time" (got '${entry}')`);
    if (!fields.includes(field) && !(splits && /^split-\d{1,12}$/.test(field))) {
      throw new UsageError(`--map: '${field}' is not a field here; use one of ${fields.join(', ')}${splits ? ', or split-ID for a split of the result set' : ''}`);
    }
    map[field] = entry.slice(at + 1);
  }
  return map;
}

function resultsSet(v: Values): Command {
  const bib = text(v, 'bib');
  const registration = text(v, 'registration-id');
  const row = text(v, 'row');
  if ([bib, registration, row].filter((x) => x !== undefined).length !== 1) {
    throw new UsageError('results set needs exactly one of --bib N, --registration-id N or --row ID (the "row_id" of results list --json)');
  }
  const tally = text(v, 'tally');
  if (tally !== undefined && v['clear-tally']) throw new UsageError('use either --tally V or --clear-tally, not both');
  if (tally !== undefined && (tally.trim() === '' || !Number.isFinite(Number(tally)))) {
    throw new UsageError(`--tally must be a number, like --tally 1.75 (got '${tally}'); use --clear-tally to clear it`);
  }
  const clockTime = text(v, 'clock-time');
  const chipTime = text(v, 'chip-time');
  const place = text(v, 'place');
  const bibTo = text(v, 'bib-to');
  const elevation = text(v, 'elevation-mm');
  const command: Command = { name: 'results set', raceId: id(v, 'race'), eventId: id(v, 'event') };
  if (bib !== undefined) command.bibNum = wholeNumber(bib, 'bib', 0);
  if (registration !== undefined) command.registrationId = wholeNumber(registration, 'registration-id');
  if (row !== undefined) command.rowId = wholeNumber(row, 'row');
  if (bibTo !== undefined) command.bibTo = wholeNumber(bibTo, 'bib-to', 0);
  if (clockTime !== undefined) command.clockTime = clockTime;
  if (chipTime !== undefined) command.chipTime = chipTime;
  if (place !== undefined) command.place = wholeNumber(place, 'place');
  if (tally !== undefined) command.tally = { kind: 'value', value: Number(tally) };
  if (v['clear-tally']) command.tally = { kind: 'cleared' };
  if (elevation !== undefined) command.elevationGainMm = wholeNumber(elevation, 'elevation-mm', 0);
  const splits = splitTimes(v.split);
  if (splits) command.splits = splits;
  if ([clockTime, chipTime, place, bibTo, tally, elevation, splits].every((x) => x === undefined) && !v['clear-tally']) {
    throw new UsageError('results set changes nothing: give --clock-time, --chip-time, --place, --split, --bib-to, --tally, --clear-tally or --elevation-mm');
  }
  return command;
}

/** --split ID=T, repeatable: split id -> time as written (X clears it on RunSignup; empty removes it here). */
function splitTimes(entries: string[] | undefined): Record<string, string> | undefined {
  if (!entries || entries.length === 0) return undefined;
  const splits: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const splitId = entry.slice(0, at).trim();
    if (at <= 0 || !/^\d{1,12}$/.test(splitId) || Number(splitId) === 0) {
      throw new UsageError(`--split takes ID=TIME with the split's id, like --split 70001=0:20:01.5 or --split 70001=X to clear it on RunSignup (got '${entry}')`);
    }
    splits[String(Number(splitId))] = entry.slice(at + 1).trim();
  }
  return splits;
}

function resultSetTarget(v: Values): ResultSetTarget {
  const existing = text(v, 'result-set');
  const name = text(v, 'new-result-set');
  if ((existing === undefined) === (name === undefined)) {
    throw new UsageError('results target needs exactly one of --result-set ID (one of `rsu-timer results sets`) or --new-result-set NAME');
  }
  if (existing !== undefined) {
    if (v.preliminary || v['notifications-off']) throw new UsageError('--preliminary and --notifications-off go with --new-result-set NAME only');
    return { kind: 'existing', resultSetId: wholeNumber(existing, 'result-set') };
  }
  const trimmed = (name ?? '').trim();
  if (trimmed === '' || trimmed.length > 120) throw new UsageError(`--new-result-set needs a name of 1 to 120 characters, like --new-result-set "Final" (got '${name}')`);
  return { kind: 'new', name: trimmed, preliminary: v.preliminary === true, notificationsOff: v['notifications-off'] === true };
}

const authModes = ['api-key', 'tmp-key', 'v2-key', 'super-partner', 'oauth'];

function profileAdd(profile: string, v: Values): Command {
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/.test(profile)) {
    throw new UsageError(`profile name '${profile}' must start with a letter or digit and use letters, digits, space, _ . or - (at most 64)`);
  }
  const environment = text(v, 'environment');
  if (environment !== 'production' && environment !== 'test' && environment !== 'custom') {
    throw new UsageError('--environment must be production, test or custom');
  }
  const baseUrl = text(v, 'base-url');
  if (environment === 'custom' && !baseUrl) throw new UsageError('--environment custom needs --base-url, like --base-url http://127.0.0.1:8787');
  const authMode = text(v, 'auth');
  if (!authMode || !authModes.includes(authMode)) throw new UsageError(`--auth must be one of ${authModes.join(', ')}`);
  const command: Command = { name: 'profile add', profile, environment, authMode, secretsFromStdin: v['secrets-from-stdin'] === true };
  if (baseUrl) command.baseUrl = baseUrl;
  const key = text(v, 'key');
  if (key) command.key = key;
  const callerRegKey = text(v, 'caller-reg-key');
  if (callerRegKey) command.callerRegKey = callerRegKey;
  const oauthClientId = text(v, 'oauth-client-id');
  if (oauthClientId) command.oauthClientId = oauthClientId;
  if (v['oauth-client-secret'] === true) command.oauthClientSecret = true;
  return command;
}
