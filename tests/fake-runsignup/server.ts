// The fake RunSignup server: real HTTP on a real socket (node:http), the endpoints the client
// uses, the traps of ../shared/runsignup-api.md, and faults a test can switch on.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticateRest, LoginGuard, TmpKeyStore, type AuthDeps } from './auth';
import { FaultSwitch, type Fault, type RouteName } from './faults';
import { OAuthStore } from './oauth';
import { html, portalPage, restError, v2Error, type Answer, type RequestContext } from './respond';
import { postFullResults } from './fullResults';
import { getResults } from './getResults';
import { getParticipants, getRace, login } from './restReads';
import { clearResults, getResultSetSplits, getResultSets, newResultSet } from './resultSets';
import { addSyntheticParticipants, loadSeed, type SeedFile, type SyntheticParticipants } from './seed';
import { addSeriesParticipants, getScoringTypes, getSeriesInfo, getSeriesYears, lookupSeriesParticipants } from './seriesLookups';
import { postSeriesResults } from './seriesResults';
import { FakeState } from './state';
import { postUserResults } from './virtualResults';

export interface FakeRunSignupOptions {
  /** A seed object, or the path of a seed JSON file; tests/fake-runsignup/seed.json when not given. */
  seed?: SeedFile | string | URL;
  port?: number;
  host?: string;
  /** Big events for benchmarks, added to the seed's participants. */
  syntheticParticipants?: SyntheticParticipants[];
  /** Default 30 days, like RunSignup's month. */
  accessTokenLifetimeMs?: number;
  /** Default 1 hour after last use. */
  tmpKeyLifetimeMs?: number;
  /**
   * Leave the guessed allow_elevation_gain field out of Get Race (which field marks a virtual event
   * as requiring elevation is not published); the event still requires it when posting.
   */
  hideElevationFlag?: boolean;
  /** Answer error 6 to calls without rsu_api_reg (RunSignup's reported 2027 rule). */
  requireCallerRegistration?: boolean;
  clock?: () => number;
}

export interface FakeRunSignup {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  state: FakeState;
  faults: FaultSwitch;
  oauth: OAuthStore;
  tmpKeys: TmpKeyStore;
  /** POST /Rest/login's refusals: lock after `lockAfter` failures (102, then 103), or 151 by a switch. */
  logins: LoginGuard;
  /** Resolves once no request is being handled (a delayed request still applies after the client gave up). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

type Route = { name: RouteName; raceId?: number };

function routeOf(pathname: string): Route | null {
  const path = pathname.toLowerCase().replace(/\/+$/, '');
  if (path === '/rest/login') return { name: 'login' };
  if (path === '/rest/v2/race-series/race-series-results.json') return { name: 'race-series-results' };
  if (path === '/rest/v2/race-series/race-series-info.json') return { name: 'race-series-info' };
  if (path === '/rest/v2/race-series/race-series-years.json') return { name: 'race-series-years' };
  if (path === '/rest/v2/race-series/non-standard-scoring-types.json') return { name: 'non-standard-scoring-types' };
  if (path === '/rest/v2/race-series/race-series-participants/lookup.json') return { name: 'race-series-participants-lookup' };
  if (path === '/rest/v2/race-series/race-series-participants/add/registration-id.json') return { name: 'race-series-participants-add' };
  if (path === '/rest/v2/auth/auth-code-redemption.json' || path === '/rest/v2/auth/refresh-token.json') return { name: 'token' };
  if (path === '/profile/oauth2/requestgrant') return { name: 'authorize' };
  const race = /^\/rest\/race\/(\d+)(\/participants|\/results\/[a-z-]+)?$/.exec(path);
  const names: Record<string, RouteName> = {
    '': 'race', '/participants': 'participants', '/results/user-results': 'user-results', '/results/get-result-sets': 'get-result-sets',
    '/results/new-result-set': 'new-result-set', '/results/full-results': 'full-results', '/results/get-results': 'get-results',
    '/results/clear-results': 'clear-results', '/results/result-set-splits': 'result-set-splits',
  };
  const name = race ? names[race[2] ?? ''] : undefined;
  return name ? { name, raceId: Number(race![1]) } : null;
}

const v2Routes = new Set<RouteName>(['race-series-results', 'race-series-info', 'race-series-years', 'non-standard-scoring-types', 'race-series-participants-lookup', 'race-series-participants-add', 'token']);
const maxBodyBytes = 64 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The answer's first list of rows (virtual_results or results) loses its last entry; the rest is as it was. */
function omitLastRow(answer: Answer): Answer {
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  const key = Object.keys(body).find((k) => Array.isArray(body[k]));
  if (key) (body[key] as unknown[]).pop();
  return { ...answer, body: JSON.stringify(body) };
}

function authModeOf(ctx: RequestContext): string | null {
  const q = ctx.query;
  if (ctx.headers.authorization) return 'oauth';
  return q.has('api_key') ? 'api_key' : q.has('tmp_key') ? 'tmp_key' : q.has('rsu_api_key') ? 'v2_key' : q.has('sp_api_key') ? 'super_partner' : null;
}

export async function startFakeRunSignup(options: FakeRunSignupOptions = {}): Promise<FakeRunSignup> {
  const seed = loadSeed(options.seed);
  if (options.syntheticParticipants) addSyntheticParticipants(seed, options.syntheticParticipants);
  const clock = options.clock ?? Date.now;
  const state = new FakeState(seed);
  const faults = new FaultSwitch();
  const oauth = new OAuthStore(seed, options.accessTokenLifetimeMs ?? 30 * 24 * 3_600_000);
  const tmpKeys = new TmpKeyStore(options.tmpKeyLifetimeMs ?? 3_600_000);
  const logins = new LoginGuard();
  const deps: AuthDeps = { seed, oauth, tmpKeys, logins, requireCallerRegistration: options.requireCallerRegistration ?? false };

  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];
  const settle = (): void => {
    if (inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  async function answerFor(ctx: RequestContext, route: Route): Promise<Answer> {
    switch (route.name) {
      case 'authorize':
        return oauth.authorize(ctx);
      case 'token':
        return oauth.token(ctx, ctx.url.pathname.toLowerCase().includes('refresh-token') ? 'refresh_token' : 'authorization_code');
      case 'race-series-results':
        return postSeriesResults(ctx, state, deps);
      case 'race-series-info':
        return getSeriesInfo(ctx, state, deps);
      case 'race-series-years':
        return getSeriesYears(ctx, state, deps);
      case 'non-standard-scoring-types':
        return getScoringTypes(ctx, state, deps);
      case 'race-series-participants-lookup':
        return lookupSeriesParticipants(ctx, state, deps);
      case 'race-series-participants-add':
        return addSeriesParticipants(ctx, state, deps);
      case 'login':
        return login(ctx, seed, tmpKeys, deps);
      default:
        break;
    }
    const caller = authenticateRest(ctx, deps);
    if (!caller.ok) return caller.answer;
    const race = state.race(route.raceId as number);
    if (!race) return restError(ctx, 201, 'Race not found.');
    if (route.name === 'race') return getRace(ctx, race, options.hideElevationFlag === true);
    if (!race.timers.includes(caller.userId)) return restError(ctx, 7, 'You do not have permission to access this race.');
    if (route.name === 'participants') return getParticipants(ctx, state, race);
    if (route.name === 'get-result-sets') return getResultSets(ctx, state, race);
    if (route.name === 'new-result-set') return newResultSet(ctx, state, race);
    if (route.name === 'full-results') return postFullResults(ctx, state, race);
    if (route.name === 'get-results') return getResults(ctx, state, race);
    if (route.name === 'clear-results') return clearResults(ctx, state, race);
    if (route.name === 'result-set-splits') return getResultSetSplits(ctx, state, race);
    return postUserResults(ctx, state, race);
  }

  function faultAnswer(ctx: RequestContext, fault: Fault): Answer | null {
    if (fault.kind === 'throttle') {
      return v2Routes.has(ctx.route) ? v2Error(429, 'Request throttled.', { error_code: 14 }, { 'Retry-After': '1' }) : restError(ctx, 14, 'Request throttled.');
    }
    if (fault.kind === 'http') return html(fault.status, fault.status === 522 ? 'Connection timed out' : 'Internal Server Error');
    if (fault.kind === 'portal') return portalPage();
    return null;
  }

  function send(response: ServerResponse, answer: Answer): void {
    response.writeHead(answer.status, { 'Content-Type': answer.contentType, ...answer.headers });
    response.end(answer.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const route = routeOf(url.pathname);
    const rawBody = await readBody(request);
    const formatParam = url.searchParams.get('format');
    const ctx: RequestContext = {
      route: route?.name ?? 'race', method: request.method ?? 'GET', url, query: url.searchParams, headers: request.headers, rawBody,
      format: formatParam === 'json' ? 'json' : 'xml', nowMs: clock(),
    };
    const record = { route: route?.name ?? url.pathname, method: ctx.method, authMode: authModeOf(ctx), status: 0 as number | 'dropped', fault: null as string | null };
    state.requests.push(record);
    if (!route) {
      record.status = 404;
      return send(response, html(404, 'Not Found'));
    }
    const fault = faults.take(route.name);
    record.fault = fault ? (fault.kind === 'drop' ? `drop_${fault.when}` : fault.kind) : null;
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'drop' && fault.when === 'before_apply') {
      record.status = 'dropped';
      response.socket?.destroy();
      return;
    }
    const early = fault ? faultAnswer(ctx, fault) : null;
    if (early) {
      record.status = early.status;
      return send(response, early);
    }
    const answer = formatParam !== null && formatParam !== 'json' && formatParam !== 'xml' && !v2Routes.has(route.name) && route.name !== 'authorize'
      ? restError(ctx, 3, 'format must be json or xml.')
      : await answerFor(ctx, route);
    if (fault?.kind === 'drop') {
      record.status = 'dropped';
      response.socket?.destroy();
      return;
    }
    record.status = answer.status;
    // A proxy cut the answer short: what arrives is not a whole document.
    send(response, fault?.kind === 'malformed' ? { ...answer, body: answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))) } : fault?.kind === 'omit_last_row' ? omitLastRow(answer) : answer);
  }

  const server = createServer((request, response) => {
    inFlight++;
    handle(request, response)
      .catch((error: unknown) => {
        if (!response.headersSent) send(response, v2Error(500, `Fake server error: ${String(error)}`));
      })
      .finally(() => {
        inFlight--;
        settle();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 }, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostText}:${address.port}`,
    state,
    faults,
    oauth,
    tmpKeys,
    logins,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
