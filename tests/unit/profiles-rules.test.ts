// Pure pieces of the profile feature: input rules, which secrets a mode keeps, the IPC
// validators (which refuse unknown fields, so a stray secret cannot slip through), and the
// renderer's save request (empty secrets left out, so saving again keeps the saved one).
import { describe, expect, it } from 'vitest';
import { isReady, kindsUsedBy, normaliseProfile } from '../../electron/core/profiles/profileRules';
import { explainFailure } from '../../electron/core/profiles';
import { RunSignupError } from '../../electron/core/runsignup';
import { KeychainUnavailableError } from '../../electron/core/secrets';
import type { SavedProfile } from '../../electron/core/store';
import { type ConnectionDraft, emptyDraft, saveRequestOf } from '../../renderer/src/connection/connectionForm';
import { contract } from '../../shared/ipc/contract';

const renderedSaveRequest = (draft: Partial<ConnectionDraft>) => saveRequestOf({ ...emptyDraft, ...draft });

const saved = (authMode: string): SavedProfile => ({
  id: 1, name: 'Main', environment: 'test', baseUrl: 'https://test.runsignup.com', authMode, publicKeyId: 'k', callerRegistrationKeyId: null, oauthClientId: null, createdAt: '', updatedAt: '',
});

describe('profile input', () => {
  it('fills the address of production and the test site, and keeps a custom one only on https or loopback', () => {
    expect(normaliseProfile({ name: 'A', environment: 'test', authMode: 'v2_key', key: ' k ' })).toMatchObject({ baseUrl: 'https://test.runsignup.com', publicKeyId: 'k' });
    expect(normaliseProfile({ name: 'A', environment: 'custom', baseUrl: 'http://127.0.0.1:8787/', authMode: 'tmp_key' }).baseUrl).toBe('http://127.0.0.1:8787');
    expect(() => normaliseProfile({ name: 'A', environment: 'custom', baseUrl: 'http://runsignup.example', authMode: 'tmp_key' })).toThrow(/https:\/\//);
    expect(() => normaliseProfile({ name: 'a/b', environment: 'test', authMode: 'tmp_key' })).toThrow(/no '\/'/);
    expect(() => normaliseProfile({ name: 'A', environment: 'test', authMode: 'oauth' })).toThrow(/OAuth client ID/);
  });

  it('keeps only the secrets a sign-in method uses', () => {
    expect(kindsUsedBy('api_key', false)).toEqual(['api_secret']);
    expect(kindsUsedBy('oauth', true)).toEqual(['oauth_client_secret', 'oauth_access_token', 'oauth_refresh_token', 'caller_reg_secret']);
    expect(kindsUsedBy('tmp_key', false)).toEqual(['tmp_key', 'tmp_secret']);
  });

  it('is ready only with every secret its method needs, and a whole caller registration', () => {
    const none = { apiSecret: false, v2Secret: false, superPartnerSecret: false, temporaryKey: false, oauthClientSecret: false, oauthTokens: false, callerRegistrationSecret: false };
    expect(isReady('oauth', { ...none, oauthClientSecret: true }, false)).toBe(false);
    expect(isReady('oauth', { ...none, oauthClientSecret: true, oauthTokens: true }, false)).toBe(true);
    expect(isReady('api_key', { ...none, apiSecret: true }, true)).toBe(false);
  });
});

describe('connection check wording', () => {
  const refused = (code: 'auth_failed' | 'permission_denied' | 'race_not_found', kind: 'auth' | 'permission' | 'not_found') =>
    new RunSignupError({ code, kind, endpoint: 'GET /Rest/race/{race_id}', mayHaveApplied: false, message: 'x', httpStatus: 200, rsuErrorCode: 6 });
  it('names the fix for each failure in the timer\'s words', () => {
    expect(explainFailure(refused('auth_failed', 'auth'), saved('tmp_key'), 1)).toMatchObject({ fix: 'log_in_again', message: expect.stringContaining('email and password') });
    expect(explainFailure(refused('auth_failed', 'auth'), saved('oauth'), 1)).toMatchObject({ fix: 'sign_in_again' });
    expect(explainFailure(refused('auth_failed', 'auth'), saved('v2_key'), 1).message).toContain("RunSignup's test site did not accept the key and secret");
    expect(explainFailure(refused('permission_denied', 'permission'), saved('v2_key'), 5).message).toContain('may not time race 5');
    expect(explainFailure(refused('race_not_found', 'not_found'), saved('v2_key'), 5).message).toContain('has no race 5');
    expect(explainFailure(new KeychainUnavailableError('locked', 'linux', ''), saved('v2_key'), 5)).toMatchObject({ fix: 'keychain', message: expect.stringContaining('keychain is locked') });
  });
});

describe('profile channels', () => {
  const save = contract['profiles:save'].request;
  it('refuses unknown fields, including a secret under a name the contract does not know', () => {
    expect(() => save({ name: 'A', environment: 'test', authMode: 'v2_key', secrets: { v2Secret: 's', password: 'p' } })).toThrow(/secrets\.password: is not a known field/);
    expect(() => save({ name: 'A', environment: 'test', authMode: 'v2_key', token: 't' })).toThrow(/token: is not a known field/);
    expect(() => save({ name: 'A', environment: 'staging', authMode: 'v2_key' })).toThrow(/environment/);
  });
  it('never repeats a refused secret in its message', () => {
    try {
      save({ name: 'A', environment: 'test', authMode: 'v2_key', secrets: { v2Secret: 'x'.repeat(5000) + 'SECRET' } });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('SECRET');
    }
  });
});

describe('the renderer\'s save request', () => {
  it('leaves empty secrets out and sends the OAuth client id in its own field', () => {
    expect(renderedSaveRequest({ authMode: 'v2_key', key: 'k', secret: '' }).secrets).toEqual({});
    expect(renderedSaveRequest({ authMode: 'oauth', key: 'client', secret: 's' })).toMatchObject({ oauthClientId: 'client', secrets: { oauthClientSecret: 's' } });
    expect(renderedSaveRequest({ environment: 'custom', baseUrl: ' http://127.0.0.1:1 ' }).baseUrl).toBe('http://127.0.0.1:1');
  });
});
