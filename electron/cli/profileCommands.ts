// `rsu-timer profile add|list|remove|check|login`: the app's connection profiles from the command line,
// through the same profile service and keychain. Secrets come from a prompt or standard input.
//
// With --secrets-from-stdin, standard input holds one value per line, in this order:
//   1. the sign-in method's secret: API secret (api-key), API v2 secret (v2-key), super partner
//      secret (super-partner) or, only with --oauth-client-secret, the OAuth client secret (oauth:
//      a public client with PKCE needs none, so nothing is read); for tmp-key the RunSignup email,
//      then the password (used once to log in, never kept);
//   2. the caller registration secret, when --caller-reg-key is given.
import { createProfileService, type ProfileService, type ProfileServiceDeps, type ProfileSecrets, type ProfileView } from '../core/profiles';
import type { RunSignupClient } from '../core/runsignup';
import { KeychainSecretStore, type SecretStore } from '../core/secrets';
import type { Store } from '../core/store';
import { type Command, UsageError } from './args';
import type { CliContext } from './context';
import { exitCode } from './exitCodes';
import { createSecretReader, type SecretReader } from './secretInput';

export type ProfileCommand = Extract<Command, { name: 'profile add' | 'profile list' | 'profile remove' | 'profile check' | 'profile login' }>;

export interface ProfileCommandOptions {
  /** The OS keychain by default; tests pass a store with their own service name. */
  secrets?: SecretStore;
  readSecrets?: SecretReader;
  /** How the OAuth sign-in page is shown; by default its address is printed for the timer to open. */
  openBrowser?: ProfileServiceDeps['openBrowser'];
}

const modeOf = { 'api-key': 'api_key', 'tmp-key': 'tmp_key', 'v2-key': 'v2_key', 'super-partner': 'super_partner', oauth: 'oauth' } as const;
const secretOf = {
  api_key: { field: 'apiSecret', label: 'API secret' },
  v2_key: { field: 'v2Secret', label: 'API v2 secret' },
  super_partner: { field: 'superPartnerSecret', label: 'super partner secret' },
  oauth: { field: 'oauthClientSecret', label: 'OAuth client secret' },
} as const satisfies Record<string, { field: keyof ProfileSecrets; label: string }>;

export function profileServiceFor(store: Store, ctx: Pick<CliContext, 'err'>, options: ProfileCommandOptions = {}): ProfileService {
  return createProfileService({
    store,
    secrets: options.secrets ?? new KeychainSecretStore(),
    openBrowser: options.openBrowser ?? (async (url) => ctx.err(`Open this address in a browser to sign in to RunSignup:\n  ${url}`)),
  });
}

/** For createCliContext: the named profile's client, else the one in use, else null (no profile yet). */
export function cliProfileClients(options: ProfileCommandOptions = {}) {
  return async (profile: string | undefined, store: Store): Promise<RunSignupClient | null> => {
    const service = profileServiceFor(store, { err: () => {} }, options);
    if (!profile && !service.current()) return null;
    return service.clientFor(profile);
  };
}

/** Runs one profile command; returns the exit code. Failures throw, for main.ts's exitFor. */
export async function runProfileCommand(command: ProfileCommand, ctx: CliContext, options: ProfileCommandOptions = {}): Promise<number> {
  const service = profileServiceFor(ctx.store(), ctx, options);
  const readSecrets = options.readSecrets ?? createSecretReader();
  switch (command.name) {
    case 'profile list': {
      const list = await service.list();
      if (ctx.global.json) ctx.out(JSON.stringify(list));
      else {
        if (list.profiles.length === 0) ctx.out('No profiles yet: rsu-timer profile add NAME --environment ... --auth ...');
        for (const p of list.profiles) ctx.out(describe(p));
        if (list.keychainProblem) ctx.err(`rsu-timer: ${list.keychainProblem}`);
      }
      return list.keychainProblem ? exitCode.refused : exitCode.done;
    }
    case 'profile remove': {
      const { removed } = await service.remove(command.profile);
      if (!removed) throw new UsageError(`there is no profile called '${command.profile}'`);
      ctx.out(ctx.global.json ? JSON.stringify({ removed: command.profile }) : `Removed profile '${command.profile}' and its keychain entries.`);
      return exitCode.done;
    }
    case 'profile check': {
      const check = await service.checkConnection(command.profile, command.raceId);
      if (ctx.global.json) ctx.out(JSON.stringify(check));
      else (check.ok ? ctx.out : ctx.err)(check.message);
      if (check.ok) return exitCode.done;
      if (check.fix === 'network' || check.fix === 'wait') return exitCode.unreachable;
      if (check.fix === 'race_id' || check.fix === 'other') return exitCode.usage;
      return exitCode.refused;
    }
    case 'profile add':
      return addProfile(command, ctx, service, readSecrets);
    case 'profile login':
      return logIn(command, ctx, service, readSecrets);
  }
}

async function addProfile(command: Extract<ProfileCommand, { name: 'profile add' }>, ctx: CliContext, service: ProfileService, readSecrets: SecretReader): Promise<number> {
  const authMode = modeOf[command.authMode as keyof typeof modeOf];
  if (!authMode) throw new UsageError(`--auth must be one of ${Object.keys(modeOf).join(', ')}`);
  const typed = authMode === 'tmp_key' || (authMode === 'oauth' && !command.oauthClientSecret) ? null : secretOf[authMode];
  const labels = authMode === 'tmp_key' ? ['RunSignup email', 'RunSignup password'] : typed ? [typed.label] : [];
  if (command.callerRegKey) labels.push('caller registration secret');
  const values = await readSecrets(labels, command.secretsFromStdin);

  const secrets: ProfileSecrets = {};
  if (typed) secrets[typed.field] = values[0]!;
  if (command.callerRegKey) secrets.callerRegistrationSecret = values.at(-1)!;
  let view = await service.save(
    {
      name: command.profile,
      environment: command.environment,
      baseUrl: command.baseUrl ?? null,
      authMode,
      key: authMode === 'oauth' ? null : (command.key ?? null),
      oauthClientId: command.oauthClientId ?? (authMode === 'oauth' ? (command.key ?? null) : null),
      callerRegistrationKey: command.callerRegKey ?? null,
    },
    secrets,
  );
  if (authMode === 'tmp_key') view = await service.loginTemporary(command.profile, { email: values[0]!, password: values[1]! });
  if (authMode === 'oauth') view = await service.signInOAuth(command.profile);
  ctx.out(ctx.global.json ? JSON.stringify(view) : `Saved profile '${view.name}': ${describe(view)}`);
  return exitCode.done;
}

/** A temporary-key login ends an hour after its last use, and an OAuth sign-in can be revoked: log in again without re-creating the profile. */
async function logIn(command: Extract<ProfileCommand, { name: 'profile login' }>, ctx: CliContext, service: ProfileService, readSecrets: SecretReader): Promise<number> {
  const profile = (await service.list()).profiles.find((p) => p.name === command.profile);
  if (!profile) throw new UsageError(`there is no profile called '${command.profile}'`);
  let view: ProfileView;
  if (profile.authMode === 'tmp_key') {
    const [email, password] = await readSecrets(['RunSignup email', 'RunSignup password'], command.secretsFromStdin);
    view = await service.loginTemporary(command.profile, { email: email!, password: password! });
  } else if (profile.authMode === 'oauth') {
    view = await service.signInOAuth(command.profile);
  } else {
    const keyKind = { api_key: 'an API key', v2_key: 'an API v2 key', super_partner: 'a super partner key' }[profile.authMode];
    throw new UsageError(`profile '${command.profile}' signs in with ${keyKind}, not a login; to change the key, run profile add ${command.profile} again`);
  }
  ctx.out(ctx.global.json ? JSON.stringify(view) : `Logged in: ${describe(view)}`);
  return exitCode.done;
}

function describe(p: ProfileView): string {
  const state = p.ready === null ? 'keychain unavailable' : p.ready ? 'ready' : 'not signed in';
  return [p.current ? '*' : ' ', p.name, p.environment === 'custom' ? p.baseUrl : p.environment, p.authMode.replace(/_/g, '-'), p.key ?? p.oauthClientId ?? '', state].join('  ').trimEnd();
}
