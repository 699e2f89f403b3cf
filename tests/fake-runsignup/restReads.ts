// The REST reads: race with events, participants (paged and incremental), and POST /Rest/login
// for temporary keys. Result sets live in resultSets.ts.
import { callerRegistrationProblem, type AuthDeps, type TmpKeyStore } from './auth';
import { field, idParam, ok, readForm, restError, type Answer, type RequestContext } from './respond';
import type { SeedFile, SeedRace } from './seed';
import type { FakeState } from './state';

/** hideElevationFlag: answer without the guessed field, as RunSignup's published shape does. */
export function getRace(ctx: RequestContext, race: SeedRace, hideElevationFlag = false): Answer {
  const events = race.events.map((e) => ({
    event_id: e.event_id, name: e.name, event_type: e.event_type, start_time: e.start_time,
    ...(hideElevationFlag ? {} : { allow_elevation_gain: e.allow_elevation_gain ? 'T' : 'F' }),
  }));
  if (ctx.format === 'json') return ok(ctx, { race: { race_id: race.race_id, name: race.name, events } }, 'race');
  return ok(ctx, { race_id: race.race_id, name: race.name, events: { event: events } }, 'race');
}

export const maxResultsPerPage = 2500;

export function getParticipants(ctx: RequestContext, state: FakeState, race: SeedRace): Answer {
  const eventId = idParam(ctx.query.get('event_id'));
  if (eventId === undefined) return restError(ctx, 3, 'event_id is required.');
  const event = race.events.find((e) => e.event_id === eventId);
  if (!event) return restError(ctx, 223, 'Event id is not valid for this race.');
  const page = idParam(ctx.query.get('page') ?? '1');
  const perPage = idParam(ctx.query.get('results_per_page') ?? '50');
  if (page === undefined || perPage === undefined || perPage > maxResultsPerPage) return restError(ctx, 3, `page must be 1 or more and results_per_page 1 to ${maxResultsPerPage}.`);
  const after = ctx.query.get('modified_after_timestamp');
  if (after !== null && !/^\d+$/.test(after)) return restError(ctx, 3, 'modified_after_timestamp must be a unix timestamp.');
  const all = state
    .participantsOf(race, eventId)
    .filter((p) => after === null || p.last_modified > Number(after))
    .sort((a, b) => a.registration_id - b.registration_id);
  const participants = all.slice((page - 1) * perPage, page * perPage).map((p) => ({
    registration_id: p.registration_id, bib_num: p.bib_num, chip_num: p.chip_num ?? null, last_modified: p.last_modified,
    user: { first_name: p.first_name, last_name: p.last_name },
  }));
  const entry = { event: { event_id: event.event_id, name: event.name }, participants };
  if (ctx.format === 'json') return ok(ctx, [entry], '');
  return ok(ctx, { event: { event: entry.event, participants: { participant: participants } } }, 'participants');
}

export async function login(ctx: RequestContext, seed: SeedFile, tmpKeys: TmpKeyStore, deps: AuthDeps): Promise<Answer> {
  if (ctx.method !== 'POST') return restError(ctx, 3, 'Use POST.');
  // Login is a REST call like the others: a caller registration sent (or required) is checked.
  const regProblem = callerRegistrationProblem(ctx, deps);
  if (regProblem) return restError(ctx, 6, regProblem);
  const form = await readForm(ctx);
  const email = (field(form, 'email') ?? '').trim();
  if (email === '' || !field(form, 'password')) return restError(ctx, 3, 'email and password are required.');
  // A locked account stays locked whatever is sent, the right password included.
  if (deps.logins.locked(email, ctx.nowMs)) return restError(ctx, 103, 'This account is temporarily locked because of too many failed login attempts. Try again later.');
  const user = seed.users.find((u) => u.email.toLowerCase() === email.toLowerCase() && u.password === field(form, 'password'));
  if (!user) {
    deps.logins.failed(email, ctx.nowMs);
    return restError(ctx, 102, 'Invalid email or password.');
  }
  deps.logins.succeeded(email);
  if (deps.logins.failTemporaryCredentials) return restError(ctx, 151, 'Failed to create temporary credentials.');
  const { tmpKey, tmpSecret } = tmpKeys.issue(user.user_id, ctx.nowMs);
  return ok(ctx, { tmp_key: tmpKey, tmp_secret: tmpSecret, user: { user_id: user.user_id, first_name: user.first_name, last_name: user.last_name } }, 'login');
}
