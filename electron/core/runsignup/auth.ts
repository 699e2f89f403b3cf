// The five ways RunSignup takes credentials, turned into query parameters and headers.
// Every secret a mode carries is also listed, so the HTTP layer can scrub it from errors and logs.

export type RunSignupAuth =
  | { mode: 'api_key'; apiKey: string; apiSecret: string }
  /** From POST /Rest/login; expires an hour after last use. Kept for old accounts, not the first choice. */
  | { mode: 'tmp_key'; tmpKey: string; tmpSecret: string }
  | { mode: 'v2_key'; rsuApiKey: string; secret: string }
  | { mode: 'super_partner'; spApiKey: string; secret: string }
  | { mode: 'oauth'; accessToken: string };

export type RunSignupAuthMode = RunSignupAuth['mode'];

/** Identifies the application (not a login): `rsu_api_reg` + `X-RSU-API-REG-SECRET`. */
export interface CallerRegistration {
  reg: string;
  secret: string;
}

export interface AppliedAuth {
  query: [string, string][];
  headers: Record<string, string>;
  /**
   * Values that must never leave the process in an error or a log line: every secret, and the
   * key half of each pair too (with its secret it is the login; redact.ts hides both in URLs).
   */
  secrets: string[];
}

export function applyAuth(auth: RunSignupAuth | null, caller?: CallerRegistration): AppliedAuth {
  const applied: AppliedAuth = { query: [], headers: {}, secrets: [] };
  if (auth) addAuth(applied, auth);
  if (caller) {
    requireValue('caller registration', caller.reg);
    requireValue('caller registration secret', caller.secret);
    applied.query.push(['rsu_api_reg', caller.reg]);
    applied.headers['X-RSU-API-REG-SECRET'] = caller.secret;
    applied.secrets.push(caller.secret);
  }
  return applied;
}

function addAuth(applied: AppliedAuth, auth: RunSignupAuth): void {
  switch (auth.mode) {
    case 'api_key':
      requireValue('API key', auth.apiKey);
      requireValue('API secret', auth.apiSecret);
      applied.query.push(['api_key', auth.apiKey], ['api_secret', auth.apiSecret]);
      applied.secrets.push(auth.apiSecret, auth.apiKey);
      return;
    case 'tmp_key':
      requireValue('temporary key', auth.tmpKey);
      requireValue('temporary secret', auth.tmpSecret);
      applied.query.push(['tmp_key', auth.tmpKey], ['tmp_secret', auth.tmpSecret]);
      applied.secrets.push(auth.tmpSecret, auth.tmpKey);
      return;
    case 'v2_key':
      requireValue('API v2 key', auth.rsuApiKey);
      requireValue('API v2 secret', auth.secret);
      applied.query.push(['rsu_api_key', auth.rsuApiKey]);
      applied.headers['X-RSU-API-SECRET'] = auth.secret;
      applied.secrets.push(auth.secret, auth.rsuApiKey);
      return;
    case 'super_partner':
      requireValue('super partner key', auth.spApiKey);
      requireValue('super partner secret', auth.secret);
      applied.query.push(['sp_api_key', auth.spApiKey]);
      applied.headers['X-RSU-API-SECRET'] = auth.secret;
      applied.secrets.push(auth.secret, auth.spApiKey);
      return;
    case 'oauth':
      requireValue('OAuth access token', auth.accessToken);
      applied.headers.Authorization = `Bearer ${auth.accessToken}`;
      applied.secrets.push(auth.accessToken);
      return;
  }
}

// An empty secret would send a half-credential and come back as a confusing "key authentication failed".
function requireValue(what: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RangeError(`The RunSignup ${what} is empty: enter it again in the account settings.`);
  }
}
