// The page RunSignup shows the timer to grant RSU Timer access.

export const oauthScope = 'rsu_api_read rsu_api_write';

export interface AuthorizeUrlParams {
  /** https://runsignup.com, https://test.runsignup.com, or a loopback fake server (http allowed there only). */
  siteBase: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope?: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const site = new URL(params.siteBase);
  if (site.protocol !== 'https:' && !(site.protocol === 'http:' && loopbackHosts.has(site.hostname))) {
    throw new RangeError(`The RunSignup address must start with https:// (plain http only for a local test server): ${site.origin}`);
  }
  for (const [name, value] of Object.entries({ clientId: params.clientId, redirectUri: params.redirectUri, state: params.state, codeChallenge: params.codeChallenge })) {
    if (!value) throw new RangeError(`buildAuthorizeUrl needs ${name}.`);
  }
  const query = [
    ['response_type', 'code'],
    ['client_id', params.clientId],
    ['redirect_uri', params.redirectUri],
    ['scope', params.scope ?? oauthScope],
    ['state', params.state],
    ['code_challenge', params.codeChallenge],
    ['code_challenge_method', 'S256'],
  ]
    // encodeURIComponent writes the space in the scope as %20, which every server reads as a space ('+' is not).
    .map(([name, value]) => `${name}=${encodeURIComponent(value as string)}`)
    .join('&');
  // Keep a path prefix (a fake server mounted under /rsu) but drop a trailing slash.
  return `${site.origin}${site.pathname.replace(/\/+$/, '')}/Profile/OAuth2/RequestGrant?${query}`;
}
