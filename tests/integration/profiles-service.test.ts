// The profile service against the fake RunSignup server, a real SQLite file and the real
// keychain (gnome-keyring under D-Bus, started by the test command).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunSignupError } from '../../electron/core/runsignup';
import { MemorySecretStore } from '../../electron/core/secrets';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { demo } from '../fake-runsignup/testing';
import { approveInBrowser, type ProfileDay, startProfileDay } from './support/profileDay';

let day: ProfileDay;
beforeEach(async () => {
  day = await startProfileDay();
});
afterEach(async () => {
  await day.close();
});

const creds = () => day.server.state.seed.credentials;
const custom = () => ({ environment: 'custom' as const, baseUrl: day.server.url });
const sqliteText = () => {
  databaseOf(day.store).pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(day.store.filePath).toString('latin1');
};
const oauthProfile = () => ({ name: 'Series', ...custom(), authMode: 'oauth' as const, oauthClientId: creds().oauth_clients[0]!.client_id });
const oauthSecret = () => ({ oauthClientSecret: creds().oauth_clients[0]!.client_secret });

describe('key profiles', () => {
  it('keeps each key mode\'s secret in the keychain only and proves it by fetching the race', async () => {
    const c = creds();
    const reg = c.caller_registrations[0]!;
    const modes = [
      { authMode: 'api_key' as const, key: c.api_keys[0]!.api_key, secrets: { apiSecret: c.api_keys[0]!.api_secret } },
      { authMode: 'v2_key' as const, key: c.v2_keys[0]!.rsu_api_key, secrets: { v2Secret: c.v2_keys[0]!.secret } },
      { authMode: 'super_partner' as const, key: c.super_partner_keys[0]!.sp_api_key, secrets: { superPartnerSecret: c.super_partner_keys[0]!.secret } },
    ];
    for (const mode of modes) {
      const name = `Timer ${mode.authMode}`;
      const saved = await day.service.save({ name, ...custom(), authMode: mode.authMode, key: mode.key, callerRegistrationKey: reg.rsu_api_reg }, { ...mode.secrets, callerRegistrationSecret: reg.secret });
      expect(saved).toMatchObject({ name, key: mode.key, ready: true, configured: { callerRegistrationSecret: true } });
      const check = await day.service.checkConnection(name, demo.raceId);
      expect(check).toMatchObject({ ok: true, fix: 'none', race: { raceId: demo.raceId, name: 'Riverbend Spring Classic', events: 4 } });
      expect(day.server.state.requests.at(-1)).toMatchObject({ route: 'race', authMode: mode.authMode, status: 200 });
      expect(JSON.stringify(saved)).not.toContain(Object.values(mode.secrets)[0]);
    }
    const file = sqliteText();
    for (const secret of [c.api_keys[0]!.api_secret, c.v2_keys[0]!.secret, c.super_partner_keys[0]!.secret, reg.secret]) expect(file).not.toContain(secret);
    expect(await day.secrets.get('Timer v2_key', 'v2_secret')).toBe(c.v2_keys[0]!.secret);
    // The first profile saved became the one in use.
    expect((await day.service.list()).current).toBe('Timer api_key');
  });

  it('replaces a secret on save, keeps it when the field is left empty, and deletes the secrets a new mode does not use', async () => {
    const c = creds();
    await day.service.save({ name: 'Main', ...custom(), authMode: 'api_key', key: c.api_keys[0]!.api_key }, { apiSecret: 'typo-secret' });
    expect(await day.service.checkConnection('Main', demo.raceId)).toMatchObject({ ok: false, fix: 'credentials', message: expect.stringContaining('did not accept the key and secret of profile "Main"') });
    await day.service.save({ name: 'Main', ...custom(), authMode: 'api_key', key: c.api_keys[0]!.api_key }, { apiSecret: `  ${c.api_keys[0]!.api_secret}\n` });
    expect((await day.service.checkConnection('Main', demo.raceId)).ok).toBe(true);
    await day.service.save({ name: 'Main', ...custom(), authMode: 'api_key', key: c.api_keys[0]!.api_key });
    expect(await day.secrets.get('Main', 'api_secret')).toBe(c.api_keys[0]!.api_secret);

    await day.service.save({ name: 'Main', ...custom(), authMode: 'v2_key', key: c.v2_keys[0]!.rsu_api_key }, { v2Secret: c.v2_keys[0]!.secret });
    expect(await day.secrets.get('Main', 'api_secret')).toBeNull();
    expect((await day.service.view('Main')).configured).toMatchObject({ apiSecret: false, v2Secret: true });
  });

  it('refuses a key profile without its secret, and a secret the mode does not use, naming the field', async () => {
    await expect(day.service.save({ name: 'Main', ...custom(), authMode: 'api_key', key: 'demo-api-key' })).rejects.toMatchObject({ code: 'invalid_profile', message: expect.stringContaining('Enter the API secret') });
    await expect(day.service.save({ name: 'Main', ...custom(), authMode: 'api_key' }, { apiSecret: 'x' })).rejects.toMatchObject({ message: expect.stringContaining('Enter the API key') });
    await expect(day.service.save({ name: 'Main', ...custom(), authMode: 'api_key', key: 'k' }, { apiSecret: 'x', v2Secret: 'y' })).rejects.toMatchObject({ code: 'invalid_profile' });
    await expect(day.service.save({ name: 'Main', environment: 'custom', baseUrl: 'http://example.com', authMode: 'api_key', key: 'k' }, { apiSecret: 'x' })).rejects.toMatchObject({ message: expect.stringContaining('https://') });
    expect(day.store.profiles.list()).toEqual([]);
  });

  it('explains an unknown race and an unreachable server in the timer\'s words', async () => {
    const c = creds();
    await day.service.save({ name: 'Main', ...custom(), authMode: 'api_key', key: c.api_keys[0]!.api_key }, { apiSecret: c.api_keys[0]!.api_secret });
    expect(await day.service.checkConnection('Main', 999_999)).toMatchObject({ ok: false, fix: 'race_id', message: expect.stringContaining('has no race 999999') });
    day.server.faults.next({ kind: 'throttle' }, { route: 'race' });
    expect(await day.service.checkConnection('Main', demo.raceId)).toMatchObject({ ok: false, fix: 'wait' });
    await day.server.close();
    const offline = await day.service.checkConnection('Main', demo.raceId);
    expect(offline).toMatchObject({ ok: false, fix: 'network', message: expect.stringContaining('cannot reach') });
    expect(offline.message).toContain('Your work is kept offline');
  });
});

describe('temporary-key login', () => {
  const user = () => day.server.state.seed.users[0]!;

  it('trades email and password for a temporary key in the keychain, keeping neither, and asks again on code 6', async () => {
    await day.service.save({ name: 'Old account', ...custom(), authMode: 'tmp_key' });
    expect(await day.service.checkConnection('Old account', demo.raceId)).toMatchObject({ ok: false, fix: 'log_in_again' });
    const view = await day.service.loginTemporary('Old account', { email: user().email, password: user().password });
    expect(view).toMatchObject({ ready: true, configured: { temporaryKey: true } });
    expect(await day.service.checkConnection('Old account', demo.raceId)).toMatchObject({ ok: true });
    const file = sqliteText();
    expect(file).not.toContain(user().password);
    expect(file).not.toContain(user().email);

    day.server.tmpKeys.lifetimeMs = -1; // RunSignup forgot the key: error 6
    const client = await day.service.clientFor('Old account');
    const refused = await client.getRace(demo.raceId).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(RunSignupError);
    expect(refused).toMatchObject({ kind: 'auth', rsuErrorCode: 6, message: expect.stringContaining('Log in again with your RunSignup email and password') });
    expect(await day.secrets.get('Old account', 'tmp_key')).toBeNull();
    expect(await day.service.checkConnection('Old account', demo.raceId)).toMatchObject({ ok: false, fix: 'log_in_again' });
  });

  it('says a wrong password is wrong and saves nothing', async () => {
    await day.service.save({ name: 'Old account', ...custom(), authMode: 'tmp_key' });
    await expect(day.service.loginTemporary('Old account', { email: user().email, password: 'not-it' })).rejects.toMatchObject({ kind: 'auth' });
    expect((await day.service.view('Old account')).configured?.temporaryKey).toBe(false);
  });
});

describe('OAuth sign-in', () => {
  it('signs in through the browser and the loopback receiver, keeps both tokens in the keychain and the timing in the store', async () => {
    await day.service.save(oauthProfile(), oauthSecret());
    expect((await day.service.view('Series')).ready).toBe(false);
    const view = await day.service.signInOAuth('Series');
    expect(view).toMatchObject({ ready: true, configured: { oauthTokens: true, oauthClientSecret: true }, tokenExpiresAt: new Date(day.clock.now + 30 * 24 * 3600_000).toISOString() });
    expect(day.service.signInStatus('Series')).toMatchObject({ state: 'signed_in' });
    const accessToken = (await day.secrets.get('Series', 'oauth_access_token'))!;
    expect(accessToken).toMatch(/^at_/);
    expect(sqliteText()).not.toContain(accessToken);
    expect(await day.service.checkConnection('Series', demo.raceId)).toMatchObject({ ok: true });
    expect(day.server.state.requests.at(-1)).toMatchObject({ route: 'race', authMode: 'oauth' });
  });

  it('refreshes the access token before it expires, with no refused call first', async () => {
    await day.service.save(oauthProfile(), oauthSecret());
    await day.service.signInOAuth('Series');
    const first = await day.secrets.get('Series', 'oauth_access_token');
    const client = await day.service.clientFor('Series');
    day.clock.now += 29 * 24 * 3600_000; // inside the last tenth of a 30-day token
    const before = day.server.state.requests.length;
    await client.getRace(demo.raceId);
    expect(day.server.state.requests.slice(before).map((r) => [r.route, r.status])).toEqual([['token', 200], ['race', 200]]);
    expect(await day.secrets.get('Series', 'oauth_access_token')).not.toBe(first);
  });

  it('renews a token RunSignup refused mid-upload and sends the same batch again, once', async () => {
    await day.service.save(oauthProfile(), oauthSecret());
    await day.service.signInOAuth('Series');
    const client = await day.service.clientFor('Series');
    day.server.oauth.expireAccessTokens();
    const before = day.server.state.requests.length;
    const answer = await client.postVirtualResults({ raceId: demo.raceId, eventId: demo.virtualEventId, rows: [{ bibNum: '121', clockTime: '00:19:59.9' }] });
    expect(answer.rows).toHaveLength(1);
    expect(day.server.state.requests.slice(before).map((r) => r.route)).toEqual(['user-results', 'token', 'user-results']);
    expect(day.server.state.requests.at(-1)).toMatchObject({ status: 200 });
  });

  it('forgets a refresh token RunSignup no longer accepts and says to sign in again', async () => {
    await day.service.save(oauthProfile(), oauthSecret());
    await day.service.signInOAuth('Series');
    await day.secrets.set('Series', 'oauth_refresh_token', 'rt_revoked');
    day.server.oauth.expireAccessTokens();
    const check = await day.service.checkConnection('Series', demo.raceId);
    expect(check).toMatchObject({ ok: false, fix: 'sign_in_again' });
    expect((await day.service.view('Series')).configured?.oauthTokens).toBe(false);
  });

  it('signs in as a public client with no client secret (PKCE), and reports a refused sign-in as failed', async () => {
    // No secret saved: the code is redeemed and the token refreshed without one.
    await day.service.save(oauthProfile(), {});
    expect(await day.service.signInOAuth('Series')).toMatchObject({ ready: true, configured: { oauthClientSecret: false, oauthTokens: true } });
    await day.service.refreshNow('Series');
    const tokenCalls = day.server.state.requests.filter((r) => r.route === 'token');
    expect(tokenCalls.map((r) => r.status)).toEqual([200, 200]);
    await day.secrets.set('Series', 'oauth_client_secret', oauthSecret().oauthClientSecret);
    day.server.oauth.decision = 'deny';
    await expect(day.service.signInOAuth('Series')).rejects.toMatchObject({ code: 'oauth_denied' });
    expect(day.service.signInStatus('Series')).toMatchObject({ state: 'failed', code: 'oauth_denied' });
  });

  it('signs out by deleting every keychain entry and the token timing, and keeps the settings', async () => {
    await day.service.save(oauthProfile(), oauthSecret());
    await day.service.signInOAuth('Series');
    const out = await day.service.signOut('Series');
    expect(out).toMatchObject({ oauthClientId: creds().oauth_clients[0]!.client_id, ready: false, tokenExpiresAt: null });
    expect(Object.values(out.configured!).some(Boolean)).toBe(false);
    for (const kind of ['oauth_access_token', 'oauth_refresh_token', 'oauth_client_secret'] as const) expect(await day.secrets.get('Series', kind)).toBeNull();
    expect(databaseOf(day.store).prepare('SELECT COUNT(*) AS n FROM profile_sign_ins').get()).toEqual({ n: 0 });
  });
});

describe('choosing and removing profiles', () => {
  it('switches the profile in use, and removing one deletes its keychain entries and picks another', async () => {
    const c = creds();
    await day.service.save({ name: 'A', ...custom(), authMode: 'api_key', key: c.api_keys[0]!.api_key }, { apiSecret: c.api_keys[0]!.api_secret });
    await day.service.save({ name: 'B', ...custom(), authMode: 'v2_key', key: c.v2_keys[0]!.rsu_api_key }, { v2Secret: c.v2_keys[0]!.secret });
    expect(day.service.current()).toBe('A');
    day.service.select('B');
    await (await day.service.clientFor()).getRace(demo.raceId);
    expect(day.server.state.requests.at(-1)).toMatchObject({ authMode: 'v2_key' });
    expect(await day.service.remove('B')).toEqual({ removed: true, current: 'A' });
    expect(await day.secrets.get('B', 'v2_secret')).toBeNull();
    expect(await day.secrets.get('A', 'api_secret')).toBe(c.api_keys[0]!.api_secret);
    expect(() => day.service.select('B')).toThrow(/no profile called "B"/);
  });
});

describe('the keychain unavailable', () => {
  it('says what to do, saves nothing, and never reports "not configured" instead', async () => {
    await day.close();
    const secrets = new MemorySecretStore();
    day = await startProfileDay({ secrets });
    const c = creds();
    await day.service.save({ name: 'A', ...custom(), authMode: 'api_key', key: c.api_keys[0]!.api_key }, { apiSecret: c.api_keys[0]!.api_secret });
    secrets.makeUnavailable('no_keychain');
    await expect(day.service.save({ name: 'B', ...custom(), authMode: 'api_key', key: 'k' }, { apiSecret: 's' })).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringContaining('Secret Service') });
    expect(day.store.profiles.list().map((p) => p.name)).toEqual(['A']);
    const list = await day.service.list();
    expect(list.keychainProblem).toContain('Install and unlock GNOME Keyring');
    expect(list.profiles[0]).toMatchObject({ configured: null, ready: null });
    expect(await day.service.checkConnection('A', demo.raceId)).toMatchObject({ ok: false, fix: 'keychain' });
    await expect(day.service.remove('A')).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(day.store.profiles.list()).toHaveLength(1); // kept, so its secrets are not orphaned
    secrets.makeUnavailable(null);
  });
});

describe('browser mode sign-in', () => {
  it('hands the authorize address to the caller when the app cannot open a browser itself', async () => {
    await day.close();
    day = await startProfileDay({ openBrowser: null });
    await day.service.save(oauthProfile(), oauthSecret());
    const started = await day.service.startOAuthSignIn('Series');
    expect(started.browserOpened).toBe(false);
    expect(new URL(started.authorizeUrl).pathname).toBe('/Profile/OAuth2/RequestGrant');
    expect(day.service.signInStatus('Series')).toMatchObject({ state: 'waiting', authorizeUrl: started.authorizeUrl });
    await approveInBrowser(started.authorizeUrl);
    await expect.poll(() => day.service.signInStatus('Series').state).toBe('signed_in');
  });
});
