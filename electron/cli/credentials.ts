// Headless credentials: taken from the environment for one run and never stored.
//   RSU_BASE_URL (optional: production by default; "test" for RunSignup's test site)
//   RSU_API_KEY + RSU_API_SECRET | RSU_V2_KEY + RSU_V2_SECRET | RSU_OAUTH_TOKEN
import type { RunSignupAuth, RunSignupHost } from '../core/runsignup';
import { UsageError } from './args';

export interface Connection {
  host: RunSignupHost;
  auth: RunSignupAuth;
  /** Where it came from, for messages: never the secret. */
  source: string;
}

export function hostFromEnv(env: NodeJS.ProcessEnv): RunSignupHost {
  const base = env.RSU_BASE_URL?.trim();
  if (!base || base === 'production') return { kind: 'production' };
  if (base === 'test') return { kind: 'test' };
  return { kind: 'custom', baseUrl: base };
}

export function connectionFromEnv(env: NodeJS.ProcessEnv): Connection | null {
  const host = hostFromEnv(env);
  const pair = (key: string, secret: string) => {
    if (!!env[key] !== !!env[secret]) throw new UsageError(`${key} and ${secret} go together: set both, or neither`);
    return env[key] && env[secret] ? [env[key]!, env[secret]!] : null;
  };
  const apiKey = pair('RSU_API_KEY', 'RSU_API_SECRET');
  if (apiKey) return { host, auth: { mode: 'api_key', apiKey: apiKey[0]!, apiSecret: apiKey[1]! }, source: 'RSU_API_KEY' };
  const v2 = pair('RSU_V2_KEY', 'RSU_V2_SECRET');
  if (v2) return { host, auth: { mode: 'v2_key', rsuApiKey: v2[0]!, secret: v2[1]! }, source: 'RSU_V2_KEY' };
  if (env.RSU_OAUTH_TOKEN) return { host, auth: { mode: 'oauth', accessToken: env.RSU_OAUTH_TOKEN }, source: 'RSU_OAUTH_TOKEN' };
  return null;
}
