// Where the client sends its calls: production, RunSignup's test site, or a custom base URL
// (the local fake server). Plain http:// only for loopback, so a typo never sends keys in clear text.

export type RunSignupHost = { kind: 'production' } | { kind: 'test' } | { kind: 'custom'; baseUrl: string };

export interface ResolvedHost {
  /** Base of the REST endpoints (`/Rest/...`). */
  restBase: string;
  /** Base of the v2 endpoints (`/rest/v2/...`), including the OAuth token endpoints. */
  v2Base: string;
  /** Base of the web pages (the OAuth authorize page). */
  siteBase: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname);
}

export function resolveHost(host: RunSignupHost): ResolvedHost {
  if (host.kind === 'production') {
    return { restBase: 'https://runsignup.com', v2Base: 'https://api.runsignup.com', siteBase: 'https://runsignup.com' };
  }
  if (host.kind === 'test') {
    return { restBase: 'https://test.runsignup.com', v2Base: 'https://test.runsignup.com', siteBase: 'https://test.runsignup.com' };
  }
  let url: URL;
  try {
    url = new URL(host.baseUrl);
  } catch {
    throw new RangeError(`The RunSignup address is not a web address: '${host.baseUrl.slice(0, 80)}'.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new RangeError(`The RunSignup address must start with https:// (plain http only for a local test server): ${url.origin}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new RangeError('The RunSignup address must not carry a user name, password, query or fragment.');
  }
  // Keep a path prefix (a server mounted under /rsu) but drop the trailing slash.
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return { restBase: base, v2Base: base, siteBase: base };
}
