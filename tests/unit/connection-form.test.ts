// The connections view starts from the current profile's settings: saving them unchanged must
// change nothing and send no secret, so the keychain keeps what it has.
import { describe, expect, it } from 'vitest';
import { authModeChoices, draftOf, emptyDraft, saveRequestOf } from '../../renderer/src/connection/connectionForm';
import { productOAuthClientId } from '../../renderer/src/connection/productConfig';
import { defaultOAuthClientId } from '../../scripts/productConfig';
import type { ProfileView } from '../../shared/ipc/channels/profiles';

const view = (overrides: Partial<ProfileView>): ProfileView => ({
  name: 'Riverbend', environment: 'custom', baseUrl: 'http://127.0.0.1:8787', authMode: 'oauth', key: null, callerRegistrationKey: null,
  oauthClientId: 'rsu-timer-demo', current: true, configured: null, ready: false, tokenExpiresAt: null, ...overrides,
});

describe('changing a saved connection', () => {
  it('saves an OAuth profile back with its client id and address, and no secret', () => {
    expect(saveRequestOf(draftOf(view({})))).toEqual({
      name: 'Riverbend', environment: 'custom', baseUrl: 'http://127.0.0.1:8787', authMode: 'oauth', oauthClientId: 'rsu-timer-demo', secrets: {}, select: true,
    });
  });

  it('saves a key profile on RunSignup with its key and caller registration, and no secret', () => {
    const profile = view({ environment: 'production', baseUrl: 'https://runsignup.com', authMode: 'v2_key', key: 'pub-key', oauthClientId: null, callerRegistrationKey: 'reg-1' });
    expect(saveRequestOf(draftOf(profile))).toEqual({ name: 'Riverbend', environment: 'production', authMode: 'v2_key', key: 'pub-key', callerRegistrationKey: 'reg-1', secrets: {}, select: true });
  });
});

describe('the first run', () => {
  it('signs in with RSU Timer’s own OAuth client id: the timer types none', () => {
    const draft = { ...emptyDraft, name: 'Race day' };
    expect(draft.authMode).toBe('oauth');
    expect(saveRequestOf(draft)).toMatchObject({ authMode: 'oauth', oauthClientId: productOAuthClientId, secrets: {} });
    expect(productOAuthClientId).toBe(process.env.RSU_TIMER_OAUTH_CLIENT_ID?.trim() || defaultOAuthClientId);
    // Another app's client id (advanced) is kept as given, and shown again; the product's is not.
    expect(saveRequestOf({ ...draft, key: 'their-app' })).toMatchObject({ oauthClientId: 'their-app' });
    expect(draftOf(view({ oauthClientId: productOAuthClientId })).key).toBe('');
  });

  it('lists the sign-in methods most timers have first, each saying who has it', () => {
    expect(authModeChoices[0]).toMatchObject({ value: 'oauth', label: 'Sign in with your RunSignup account' });
    for (const choice of authModeChoices) expect(choice.who).toMatch(/\.$/);
  });
});
