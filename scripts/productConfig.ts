// Product configuration baked into the renderer at build time (vite's `define`): settings of the
// product, not of a timer, so the first run never asks for them.
// RSU_TIMER_OAUTH_CLIENT_ID: the OAuth client id RunSignup issued for RSU Timer. The default is
// the demo's client on the fake RunSignup server (tests/fake-runsignup/seed.json); a release build
// sets the real one.
export const defaultOAuthClientId = 'rsu-timer-demo';

export function productDefines(env: Record<string, string | undefined> = process.env): Record<string, string> {
  return { __RSU_TIMER_OAUTH_CLIENT_ID__: JSON.stringify(env.RSU_TIMER_OAUTH_CLIENT_ID?.trim() || defaultOAuthClientId) };
}
