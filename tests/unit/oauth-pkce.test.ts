import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, codeChallengeS256, createCodeVerifier, createPkcePair, createState } from '../../electron/core/auth';

describe('PKCE', () => {
  it('computes the S256 challenge of the RFC 7636 example (appendix B)', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 to 128 unreserved characters, each one new', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const verifier = createCodeVerifier();
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43}$/);
      seen.add(verifier);
    }
    expect(seen.size).toBe(200);
    expect(createCodeVerifier(96)).toMatch(/^[A-Za-z0-9\-._~]{128}$/);
    expect(() => createCodeVerifier(31)).toThrow(RangeError);
    expect(() => createCodeVerifier(97)).toThrow(RangeError);
  });

  it('gives a 43-character base64url challenge for any valid verifier, and refuses invalid ones', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9\-._~]{43,128}$/), (verifier) => {
        expect(codeChallengeS256(verifier)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }),
    );
    expect(() => codeChallengeS256('short')).toThrow(RangeError);
    expect(() => codeChallengeS256(`${'a'.repeat(42)} `)).toThrow(RangeError);
  });

  it('pairs a verifier with its own challenge', () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    expect(codeChallenge).toBe(codeChallengeS256(codeVerifier));
  });

  it('makes an unguessable state each time', () => {
    const states = new Set(Array.from({ length: 100 }, () => createState()));
    expect(states.size).toBe(100);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the RunSignup authorize URL', () => {
  const params = {
    siteBase: 'https://runsignup.com',
    clientId: '1234',
    redirectUri: 'http://127.0.0.1:53682/callback',
    state: 'st-ate_1',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  };

  it('asks for a code with PKCE S256 and both API scopes', () => {
    const url = buildAuthorizeUrl(params);
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe('https://runsignup.com/Profile/OAuth2/RequestGrant');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      response_type: 'code',
      client_id: '1234',
      redirect_uri: 'http://127.0.0.1:53682/callback',
      scope: 'rsu_api_read rsu_api_write',
      state: 'st-ate_1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    expect(url).toContain('scope=rsu_api_read%20rsu_api_write');
    expect(url).toContain('redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback');
  });

  it('works for the test site and a local fake server, keeping a path prefix', () => {
    expect(buildAuthorizeUrl({ ...params, siteBase: 'https://test.runsignup.com/' })).toMatch(/^https:\/\/test\.runsignup\.com\/Profile\/OAuth2\/RequestGrant\?/);
    expect(buildAuthorizeUrl({ ...params, siteBase: 'http://127.0.0.1:8123/rsu/' })).toMatch(/^http:\/\/127\.0\.0\.1:8123\/rsu\/Profile\/OAuth2\/RequestGrant\?/);
  });

  it('refuses plain http to anything but this computer, and missing parts', () => {
    expect(() => buildAuthorizeUrl({ ...params, siteBase: 'http://runsignup.com' })).toThrow(/https/);
    expect(() => buildAuthorizeUrl({ ...params, state: '' })).toThrow(/state/);
  });
});
