// Browser mode's RunSignup clients, chosen as in the desktop app: the current profile's.
// The RSU_DEMO_* environment clients stand in only while no profile is chosen, which is how
// the e2e stories run (they start with an empty data folder and no keychain entries).
import type { ProfileService } from '../core/profiles';
import type { RunSignupClient } from '../core/runsignup';
import { demoClient, type Traffic } from './resultsDeps';
import { demoSeriesClient } from './seriesDeps';

export interface BrowserModeClients {
  results: () => Promise<RunSignupClient>;
  series: () => Promise<RunSignupClient>;
}

/** `traffic` sees every call of the stand-ins, as the profile service's clients are seen (connection.ts). */
export function browserModeClients(profiles: Pick<ProfileService, 'current' | 'clientFor'>, env: NodeJS.ProcessEnv, traffic?: Traffic): BrowserModeClients {
  const stand = { results: demoClient(env, traffic), series: demoSeriesClient(env, traffic) };
  const pick = (standIn: RunSignupClient | null) => async () => (profiles.current() || !standIn ? profiles.clientFor() : standIn);
  return { results: pick(stand.results), series: pick(stand.series) };
}
