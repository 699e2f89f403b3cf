// Secrets belong to one data folder and one site. Two data folders on one machine share the
// keychain: a profile of the same name in each must keep its own secrets, and a profile pointed
// at another site must never send the secrets entered for the first one there.
// Real keychain (gnome-keyring under the test command), real SQLite files, fake RunSignup servers.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../electron/core/secrets';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo } from '../fake-runsignup/testing';
import { type ProfileDay, startProfileDay } from './support/profileDay';

const days: ProfileDay[] = [];
const servers: FakeRunSignup[] = [];
afterEach(async () => {
  for (const day of days.splice(0)) await day.close();
  for (const server of servers.splice(0)) await server.close();
});

/** One machine's keychain, as every data folder on it sees it. */
const machineKeychain = () => new KeychainSecretStore({ service: `rsu-timer-test-folders-${randomUUID()}` });
async function folder(keychain: KeychainSecretStore): Promise<ProfileDay> {
  const day = await startProfileDay({ secrets: keychain });
  days.push(day);
  return day;
}
const keyOf = (day: ProfileDay) => day.server.state.seed.credentials.api_keys[0]!;
const office = (day: ProfileDay, baseUrl = day.server.url) => ({ name: 'office', environment: 'custom' as const, baseUrl, authMode: 'api_key' as const, key: keyOf(day).api_key });
/** Requests that carried credentials of any kind. */
const signedRequests = (server: FakeRunSignup) => server.state.requests.filter((r) => r.authMode !== null);

describe('two data folders with a profile of the same name', () => {
  it('each keeps its own secret, and a new "office" elsewhere is not ready on the first one\'s secret', async () => {
    const keychain = machineKeychain();
    const a = await folder(keychain);
    const b = await folder(keychain);
    await a.service.save(office(a), { apiSecret: keyOf(a).api_secret });
    expect(a.store.dataFolder.id).not.toBe(b.store.dataFolder.id);

    // Folder B points its "office" at another host and types no secret: there is none for it.
    await expect(b.service.save(office(b))).rejects.toMatchObject({ code: 'invalid_profile', message: expect.stringContaining('Enter the API secret') });
    expect(signedRequests(b.server)).toEqual([]);

    await b.service.save(office(b), { apiSecret: 'folder-b-secret' });
    expect(await a.secrets.get('office', 'api_secret')).toBe(keyOf(a).api_secret);
    expect(await b.secrets.get('office', 'api_secret')).toBe('folder-b-secret');
    expect(await b.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: false, fix: 'credentials' });
    expect(await a.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: true });
  });

  it('removing "office" in one folder leaves the other folder\'s secrets and its connection', async () => {
    const keychain = machineKeychain();
    const a = await folder(keychain);
    const b = await folder(keychain);
    await a.service.save(office(a), { apiSecret: keyOf(a).api_secret });
    await b.service.save(office(b), { apiSecret: keyOf(b).api_secret });
    expect(await b.service.remove('office')).toMatchObject({ removed: true });
    expect(await b.secrets.get('office', 'api_secret')).toBeNull();
    expect(await a.secrets.get('office', 'api_secret')).toBe(keyOf(a).api_secret);
    expect((await a.service.view('office')).ready).toBe(true);
    expect(await a.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: true });
  });

  it('the entries of an earlier version (keyed by profile name alone) move to the first folder that opens, and only there', async () => {
    const keychain = machineKeychain();
    const a = await folder(keychain);
    const b = await folder(keychain);
    // Both folders were made by the earlier version: the profile rows exist, the secrets sit under "office/<kind>".
    for (const day of [a, b]) day.store.profiles.save({ ...office(day), publicKeyId: keyOf(day).api_key, callerRegistrationKeyId: null, oauthClientId: null });
    await keychain.set('office', 'api_secret', keyOf(a).api_secret);

    expect((await a.service.list()).profiles[0]).toMatchObject({ name: 'office', ready: true });
    expect(a.store.dataFolder.legacySecretsMoved()).toBe(true);
    expect(await keychain.get('office', 'api_secret')).toBeNull(); // moved, not copied
    expect(await a.secrets.get('office', 'api_secret')).toBe(keyOf(a).api_secret);

    expect((await b.service.list()).profiles[0]).toMatchObject({ name: 'office', ready: false });
    expect(await b.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: false, fix: 'credentials' });
    expect(signedRequests(b.server)).toEqual([]);
    expect(await a.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: true });
  });
});

describe('pointing a profile at another site', () => {
  it('drops every secret it kept, so the profile is not ready and nothing signed goes to the new host', async () => {
    const day = await folder(machineKeychain());
    const elsewhere = await startFakeRunSignup();
    servers.push(elsewhere);
    const reg = day.server.state.seed.credentials.caller_registrations[0]!;
    await day.service.save({ ...office(day), callerRegistrationKey: reg.rsu_api_reg }, { apiSecret: keyOf(day).api_secret, callerRegistrationSecret: reg.secret });
    expect(await day.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: true });

    const moved = await day.service.save({ ...office(day, elsewhere.url), callerRegistrationKey: reg.rsu_api_reg });
    expect(moved).toMatchObject({ baseUrl: expect.stringContaining(new URL(elsewhere.url).host), ready: false, configured: { apiSecret: false, callerRegistrationSecret: false } });
    for (const kind of ['api_secret', 'caller_reg_secret'] as const) expect(await day.secrets.get('office', kind)).toBeNull();
    expect(await day.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: false, fix: 'credentials' });
    await expect(day.service.clientFor('office').then((client) => client.getRace(demo.raceId))).rejects.toMatchObject({ code: 'auth_failed' });
    expect(signedRequests(elsewhere)).toEqual([]);

    // Entered again for the new site, it works there.
    await day.service.save({ ...office(day, elsewhere.url), callerRegistrationKey: reg.rsu_api_reg }, { apiSecret: keyOf(day).api_secret, callerRegistrationSecret: reg.secret });
    expect(await day.service.checkConnection('office', demo.raceId)).toMatchObject({ ok: true });
    expect(signedRequests(elsewhere)).toEqual([expect.objectContaining({ route: 'race', authMode: 'api_key', status: 200 })]);
  });

  it('drops an OAuth profile\'s client secret and tokens when its environment changes', async () => {
    const day = await folder(machineKeychain());
    const client = day.server.state.seed.credentials.oauth_clients[0]!;
    const series = { name: 'Series', environment: 'custom' as const, baseUrl: day.server.url, authMode: 'oauth' as const, oauthClientId: client.client_id };
    await day.service.save(series, { oauthClientSecret: client.client_secret });
    expect(await day.service.signInOAuth('Series')).toMatchObject({ ready: true });

    const onTest = await day.service.save({ ...series, environment: 'test', baseUrl: null });
    expect(onTest).toMatchObject({ environment: 'test', ready: false, tokenExpiresAt: null, configured: { oauthClientSecret: false, oauthTokens: false } });
    for (const kind of ['oauth_client_secret', 'oauth_access_token', 'oauth_refresh_token'] as const) expect(await day.secrets.get('Series', kind)).toBeNull();
  });

  it('keeps the secrets when the site stays the same', async () => {
    const day = await folder(machineKeychain());
    await day.service.save(office(day), { apiSecret: keyOf(day).api_secret });
    expect(await day.service.save(office(day))).toMatchObject({ ready: true });
  });
});
