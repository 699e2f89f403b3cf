// `rsu-timer profile ...` through runProfileCommand: a real data folder, the real keychain
// (test service name), secrets on standard input, and the fake RunSignup server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { UsageError } from '../../electron/cli/args';
import { createCliContext, type CliContext } from '../../electron/cli/context';
import { type ProfileCommand, runProfileCommand } from '../../electron/cli/profileCommands';
import { createSecretReader } from '../../electron/cli/secretInput';
import { createRunSignupClient } from '../../electron/core/runsignup';
import { KeychainSecretStore } from '../../electron/core/secrets';
import { databaseOf } from '../../electron/core/store/databaseOf';
import { pullRace } from '../../electron/core/sync/racePull';
import { type FakeRunSignup, startFakeRunSignup } from '../fake-runsignup';
import { demo, keyAuth } from '../fake-runsignup/testing';

let server: FakeRunSignup;
let dataDir: string;
let ctx: CliContext;
let out: string[];
let err: string[];
const secrets = new KeychainSecretStore({ service: `rsu-timer-test-cli-${process.pid}` });
/** The data folder's own entries, where the commands keep its profiles' secrets. */
const folderSecrets = () => secrets.forFolder(ctx.store().dataFolder.id);

beforeEach(async () => {
  server = await startFakeRunSignup();
  dataDir = mkdtempSync(join(tmpdir(), 'rsu-cli-profiles-'));
  out = [];
  err = [];
  ctx = createCliContext({ json: false }, dataDir, {}, { out: (t) => out.push(t), err: (t) => err.push(t), progressStream: { write: () => true } });
});
afterEach(async () => {
  for (const p of ctx.store().profiles.list()) await folderSecrets().deleteAll(p.name);
  ctx.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const stdin = (...lines: string[]) => createSecretReader({ input: Readable.from([lines.join('\n') + '\n']), output: { write: () => true } });
const run = (command: ProfileCommand, ...lines: string[]) => runProfileCommand(command, ctx, { secrets, readSecrets: stdin(...lines) });
const add = (extra: Partial<Extract<ProfileCommand, { name: 'profile add' }>>): ProfileCommand => ({
  name: 'profile add', profile: 'Main', environment: 'custom', baseUrl: server.url, authMode: 'api-key', secretsFromStdin: true, ...extra,
});

it('adds a key profile with its secret from standard input, lists it, checks it on the cached race, and removes it', async () => {
  const key = server.state.seed.credentials.api_keys[0]!;
  expect(await run(add({ key: key.api_key }), key.api_secret)).toBe(0);
  expect(await folderSecrets().get('Main', 'api_secret')).toBe(key.api_secret);
  expect(await run({ name: 'profile list' })).toBe(0);
  expect(out.at(-1)).toMatch(/^\* {2}Main {2}http:\/\/127\.0\.0\.1:\d+ {2}api-key {2}demo-api-key {2}ready$/);

  // No race in the cache yet: nothing to prove the keys on, and the message says so.
  expect(await run({ name: 'profile check', profile: 'Main' })).toBe(2);
  expect(err.at(-1)).toContain('check again with the ID of a race you time');
  await pullRace(ctx.store(), createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key') }), demo.raceId);
  expect(await run({ name: 'profile check', profile: 'Main' })).toBe(0);
  expect(out.at(-1)).toContain('"Riverbend Spring Classic"');

  databaseOf(ctx.store()).pragma('wal_checkpoint(TRUNCATE)');
  expect(readFileSync(join(dataDir, 'rsu-timer.sqlite')).toString('latin1')).not.toContain(key.api_secret);
  expect(await run({ name: 'profile remove', profile: 'Main' })).toBe(0);
  expect(await folderSecrets().get('Main', 'api_secret')).toBeNull();
  await expect(run({ name: 'profile remove', profile: 'Main' })).rejects.toThrow(UsageError);
});

it('exits 3 when RunSignup refuses the key, and 4 when it cannot be reached', async () => {
  await pullRace(ctx.store(), createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key') }), demo.raceId);
  expect(await run(add({ key: 'demo-api-key' }), 'wrong-secret')).toBe(0);
  expect(await run({ name: 'profile check', profile: 'Main' })).toBe(3);
  expect(err.at(-1)).toContain('did not accept the key and secret of profile "Main"');
  await server.close();
  expect(await run({ name: 'profile check', profile: 'Main' })).toBe(4);
});

it('logs a temporary-key profile in with email and password from standard input and keeps neither', async () => {
  const user = server.state.seed.users[0]!;
  expect(await run(add({ authMode: 'tmp-key' }), user.email, user.password)).toBe(0);
  expect(out.at(-1)).toContain('ready');
  databaseOf(ctx.store()).pragma('wal_checkpoint(TRUNCATE)');
  const file = readFileSync(join(dataDir, 'rsu-timer.sqlite')).toString('latin1');
  expect(file).not.toContain(user.password);
  expect(file).not.toContain(user.email);
});

it('profile login logs a temporary-key profile in again after RunSignup ended its login; a key profile has nothing to log in', async () => {
  const user = server.state.seed.users[0]!;
  await pullRace(ctx.store(), createRunSignupClient({ host: { kind: 'custom', baseUrl: server.url }, auth: keyAuth(server.state.seed, 'api_key') }), demo.raceId);
  expect(await run(add({ authMode: 'tmp-key' }), user.email, user.password)).toBe(0);
  const firstKey = await folderSecrets().get('Main', 'tmp_key');
  server.tmpKeys.lifetimeMs = -1; // RunSignup ended the login: error 6
  expect(await run({ name: 'profile check', profile: 'Main' })).toBe(3);
  expect(err.at(-1)).toContain('Log in again');
  server.tmpKeys.lifetimeMs = 60 * 60 * 1000;

  await expect(run({ name: 'profile login', profile: 'Main', secretsFromStdin: true }, user.email, 'wrong-password')).rejects.toMatchObject({ kind: 'auth', rsuErrorCode: 102 });
  expect(await run({ name: 'profile login', profile: 'Main', secretsFromStdin: true }, user.email, user.password)).toBe(0);
  expect(out.at(-1)).toMatch(/^Logged in: .*Main.*tmp-key.*ready$/);
  const secondKey = await folderSecrets().get('Main', 'tmp_key');
  expect(secondKey).not.toBeNull();
  expect(secondKey).not.toBe(firstKey);
  expect(await run({ name: 'profile check', profile: 'Main' })).toBe(0);

  const key = server.state.seed.credentials.api_keys[0]!;
  expect(await run(add({ profile: 'Keyed', key: key.api_key }), key.api_secret)).toBe(0);
  await expect(run({ name: 'profile login', profile: 'Keyed', secretsFromStdin: true })).rejects.toThrow(/signs in with an API key, not a login; to change the key, run profile add Keyed again/);
  await expect(run({ name: 'profile login', profile: 'Nobody', secretsFromStdin: true })).rejects.toThrow(/no profile called 'Nobody'/);
});

it('adds a caller registration with its secret on the second line', async () => {
  const c = server.state.seed.credentials;
  const reg = c.caller_registrations[0]!;
  expect(await run(add({ authMode: 'v2-key', key: c.v2_keys[0]!.rsu_api_key, callerRegKey: reg.rsu_api_reg }), c.v2_keys[0]!.secret, reg.secret)).toBe(0);
  expect(await folderSecrets().get('Main', 'caller_reg_secret')).toBe(reg.secret);
});

it('refuses a missing line on standard input, and a prompt without a terminal, before saving anything', async () => {
  await expect(run(add({ key: 'k', callerRegKey: 'rsu-timer' }), 'only-one')).rejects.toThrow(/one per line: API secret, caller registration secret \(missing: caller registration secret\)/);
  const noTty = createSecretReader({ input: Readable.from(['x\n']), output: { write: () => true } });
  await expect(runProfileCommand(add({ key: 'k', secretsFromStdin: false }), ctx, { secrets, readSecrets: noTty })).rejects.toThrow(/pass --secrets-from-stdin/);
  expect(ctx.store().profiles.list()).toEqual([]);
});
