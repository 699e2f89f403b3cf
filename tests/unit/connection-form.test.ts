// The connections view starts from the current profile's settings: saving them unchanged must
// change nothing and send no secret, so the keychain keeps what it has.
import { describe, expect, it } from 'vitest';
import { draftOf, saveRequestOf } from '../../renderer/src/connection/connectionForm';
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
