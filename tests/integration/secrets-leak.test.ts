// Issue 5's "done when": a whole session through the IPC handlers (add an OAuth profile with a
// caller registration, sign in through the browser, check, pull the race, upload results with
// a token that expires on the way, log in a temporary-key profile, make mistakes, sign out),
// then every secret the session handled is searched for in the data folder, the SQLite file,
// the logs, every IPC answer and every error message. None may be found.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/core/ipc/handlers';
import { resultsDeps } from '../../electron/core/ipc/resultsHandlers';
import { createJobRegistry } from '../../electron/core/jobs';
import { createProfileService } from '../../electron/core/profiles';
import { KeychainSecretStore } from '../../electron/core/secrets';
import { openStore, type Store } from '../../electron/core/store';
import { databaseOf } from '../../electron/core/store/databaseOf';
import type { IpcResult } from '../../shared/ipc/result';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { approveInBrowser } from './support/profileDay';

let server: FakeRunSignup;
let dataDir: string;
let store: Store;
const secrets = new KeychainSecretStore({ service: `rsu-timer-test-leak-${process.pid}` });
/** The data folder's own entries, where the service keeps its profiles' secrets. */
const folderSecrets = () => secrets.forFolder(store.dataFolder.id);
const answers: string[] = [];
const logFile = () => join(dataDir, 'logs', 'rsu-timer.log');
const log = (line: unknown) => appendFileSync(logFile(), `${JSON.stringify(line)}\n`);

let call: (channel: string, request?: unknown) => Promise<IpcResult<unknown>>;
async function value<T>(channel: string, request?: unknown): Promise<T> {
  const answer = await call(channel, request);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
  return answer.value as T;
}

beforeAll(async () => {
  server = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-leak-'));
  mkdirSync(join(dataDir, 'logs'));
  store = openStore(join(dataDir, 'rsu-timer.sqlite'));
  const service = createProfileService({ store, secrets, openBrowser: null, clientOptions: { timeoutMs: 5_000, log } });
  const logError = (message: string, error: unknown) => log({ message, error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) });
  const handlers = createHandlers({
    appInfo: () => ({ name: 'RSU Timer', version: '0', mode: 'browser', dataDir, versions: { node: '', electron: null, sqlite: null } }),
    openExternal: null,
    logError,
    results: resultsDeps({ dataDir, store, jobs: createJobRegistry({ logError }), clientFor: () => service.clientFor() }),
    profiles: { service },
  });
  call = async (channel, request) => {
    const answer = await dispatch(handlers, channel, request, logError);
    answers.push(JSON.stringify(answer));
    return answer as IpcResult<unknown>;
  };
});
afterAll(async () => {
  for (const name of ['Series', 'Old account']) await folderSecrets().deleteAll(name).catch(() => {});
  store.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('leaves no secret in the data folder, the SQLite file, the logs, the IPC answers or the error messages', async () => {
  const seed = server.state.seed;
  const oauthClient = seed.credentials.oauth_clients[0]!;
  const reg = seed.credentials.caller_registrations[0]!;
  const user = seed.users[0]!;
  const handled = new Set<string>([oauthClient.client_secret, reg.secret, user.password]);
  const keep = async (name: string, ...kinds: Parameters<typeof secrets.get>[1][]) => {
    for (const kind of kinds) {
      const secret = await folderSecrets().get(name, kind);
      if (secret) handled.add(secret);
    }
  };

  // Add the profile and sign in as browser mode does: the page opens the address it is given.
  await value('profiles:save', {
    name: 'Series', environment: 'custom', baseUrl: server.url, authMode: 'oauth', oauthClientId: oauthClient.client_id, callerRegistrationKey: reg.rsu_api_reg,
    secrets: { oauthClientSecret: oauthClient.client_secret, callerRegistrationSecret: reg.secret }, select: true,
  });
  const started = await value<{ authorizeUrl: string }>('profiles:signInOAuth', { name: 'Series' });
  await approveInBrowser(started.authorizeUrl);
  await expect.poll(async () => (await value<{ state: string }>('profiles:signInStatus', { name: 'Series' })).state).toBe('signed_in');
  await keep('Series', 'oauth_access_token', 'oauth_refresh_token');
  expect(await value('profiles:check', { name: 'Series', raceId: demo.raceId })).toMatchObject({ ok: true });

  // Pull the race and upload results; the access token expires before the upload and is renewed on the way.
  await value('races:pull', { raceId: demo.raceId });
  const csv = readFileSync(join(import.meta.dirname, '../fixtures/csv/results-story.csv'));
  await value('import:commit', { eventId: demo.virtualEventId, fileName: 'finish.csv', bytesBase64: csv.toString('base64') });
  server.oauth.expireAccessTokens();
  await value('upload:start', { raceId: demo.raceId, eventId: demo.virtualEventId });
  await expect.poll(async () => (await value<{ state: string }>('upload:status', { eventId: demo.virtualEventId })).state, { timeout: 10_000 }).toBe('finished');
  expect(server.state.requests.filter((r) => r.route === 'user-results' && r.status === 200 && r.authMode === 'oauth').length).toBeGreaterThan(0);
  await keep('Series', 'oauth_access_token', 'oauth_refresh_token');
  expect(handled.size).toBeGreaterThanOrEqual(6); // two access tokens at least: the refresh really happened

  // A temporary-key profile: a wrong password, then the right one.
  await value('profiles:save', { name: 'Old account', environment: 'custom', baseUrl: server.url, authMode: 'tmp_key' });
  expect(await call('profiles:loginTemporary', { name: 'Old account', email: user.email, password: `${user.password}-wrong` })).toMatchObject({ ok: false });
  handled.add(`${user.password}-wrong`);
  await value('profiles:loginTemporary', { name: 'Old account', email: user.email, password: user.password });
  await keep('Old account', 'tmp_key', 'tmp_secret');
  expect(await value('profiles:check', { name: 'Old account', raceId: demo.raceId })).toMatchObject({ ok: true });

  // Mistakes that carry secrets: a secret the mode does not use, a request with an unknown field.
  expect(await call('profiles:save', { name: 'Series', environment: 'custom', baseUrl: server.url, authMode: 'oauth', oauthClientId: oauthClient.client_id, secrets: { apiSecret: 'stray-api-secret-123' } })).toMatchObject({ ok: false });
  expect(await call('profiles:save', { name: 'X', environment: 'custom', authMode: 'api_key', secrets: { apiSecret: 'stray-api-secret-123', token: 'stray-token-456' } })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  handled.add('stray-api-secret-123').add('stray-token-456');
  await value('profiles:list');

  // Sign out of both: the keychain entries go.
  await value('profiles:signOut', { name: 'Series' });
  await value('profiles:signOut', { name: 'Old account' });
  for (const name of ['Series', 'Old account']) for (const kind of ['oauth_access_token', 'oauth_refresh_token', 'oauth_client_secret', 'caller_reg_secret', 'tmp_key', 'tmp_secret'] as const) expect(await folderSecrets().get(name, kind)).toBeNull();
  await value('profiles:list');

  // Search everything, before and after SQLite folds its write-ahead log into the file.
  const folderText = () => filesUnder(dataDir).map((file) => `${file}\n${readFileSync(file).toString('latin1')}`).join('\n');
  const beforeCheckpoint = folderText();
  databaseOf(store).pragma('wal_checkpoint(TRUNCATE)');
  const haystacks = { 'data folder (with WAL)': beforeCheckpoint, 'data folder': folderText(), 'IPC answers': answers.join('\n'), log: readFileSync(logFile(), 'utf8') };
  // The search is real: it finds what is meant to be there.
  expect(haystacks['data folder']).toContain('Riverbend Spring Classic');
  expect(haystacks['data folder']).toContain(oauthClient.client_id);
  expect(haystacks['IPC answers']).toContain('"configured"');
  expect(haystacks['IPC answers']).toContain('"ok":false');
  expect(haystacks.log).toContain('/Rest/race/{race_id}/results/user-results');

  const found: string[] = [];
  for (const secret of handled) for (const [where, text] of Object.entries(haystacks)) if (text.includes(secret)) found.push(`${secret.slice(0, 6)}... in ${where}`);
  expect(found).toEqual([]);
  // Neither the email nor the password of the temporary login is kept anywhere on disk.
  expect(haystacks['data folder']).not.toContain(user.email);
});
