// Browser mode's series client until the timer picks a profile: RSU_DEMO_BASE_URL (the local
// fake server) with RSU_DEMO_OAUTH_TOKEN, since series scores take OAuth only. The token is
// read from the environment for this process and never written anywhere.
import { createRunSignupClient, type RunSignupClient } from '../core/runsignup';
import type { Traffic } from './resultsDeps';

export function demoSeriesClient(env: NodeJS.ProcessEnv, traffic: Traffic = {}): RunSignupClient | null {
  const baseUrl = env.RSU_DEMO_BASE_URL;
  const accessToken = env.RSU_DEMO_OAUTH_TOKEN;
  if (!baseUrl || !accessToken) return null;
  return createRunSignupClient({ host: { kind: 'custom', baseUrl }, auth: { mode: 'oauth', accessToken }, timeoutMs: 10_000, ...traffic });
}
