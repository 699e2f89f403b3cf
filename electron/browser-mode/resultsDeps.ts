// Browser mode's results client while no profile is chosen (the e2e stories): from the environment,
// RSU_DEMO_BASE_URL (the local fake server) with RSU_DEMO_API_KEY and RSU_DEMO_API_SECRET.
import { createRunSignupClient, type RunSignupClient, type RunSignupClientOptions } from '../core/runsignup';

/** What the app watches of every call (liveState.ts). */
export type Traffic = Pick<RunSignupClientOptions, 'log' | 'onCallStart'>;

export function demoClient(env: NodeJS.ProcessEnv, traffic: Traffic = {}): RunSignupClient | null {
  const baseUrl = env.RSU_DEMO_BASE_URL;
  if (!baseUrl || !env.RSU_DEMO_API_KEY || !env.RSU_DEMO_API_SECRET) return null;
  return createRunSignupClient({
    host: { kind: 'custom', baseUrl },
    auth: { mode: 'api_key', apiKey: env.RSU_DEMO_API_KEY, apiSecret: env.RSU_DEMO_API_SECRET },
    timeoutMs: 10_000,
    ...traffic,
  });
}
