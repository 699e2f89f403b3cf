// PKCE (RFC 7636) pieces for RunSignup's OAuth 2.0 sign-in.
import { createHash, randomBytes } from 'node:crypto';

/**
 * A code verifier: base64url of random bytes, so only unreserved characters ([A-Za-z0-9-_]).
 * 32 bytes give 43 characters (the minimum length) and 256 bits of randomness; 96 bytes give 128.
 */
export function createCodeVerifier(byteLength = 32): string {
  if (!Number.isInteger(byteLength) || byteLength < 32 || byteLength > 96) {
    throw new RangeError('A PKCE code verifier needs 32 to 96 random bytes (43 to 128 characters).');
  }
  return randomBytes(byteLength).toString('base64url');
}

/** The S256 challenge: base64url (no padding) of the SHA-256 of the verifier's ASCII bytes. */
export function codeChallengeS256(codeVerifier: string): string {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(codeVerifier)) {
    throw new RangeError('A PKCE code verifier is 43 to 128 unreserved characters.');
  }
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
}

export function createPkcePair(): PkcePair {
  const codeVerifier = createCodeVerifier();
  return { codeVerifier, codeChallenge: codeChallengeS256(codeVerifier) };
}

/** An unguessable `state` that ties the browser's redirect to the sign-in this app started. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
