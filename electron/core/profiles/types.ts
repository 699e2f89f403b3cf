// A connection profile in the timer's terms. The views the service answers with are the IPC
// contract's own types (shared/ipc/channels/profiles), so nothing is mapped or can drift.
import type { AuthMode, Environment } from '../../../shared/ipc/channels/profiles';

export {
  type AuthMode, authModes, type ConfiguredSecrets, type ConnectionCheck, type ConnectionFix, type Environment, type ProfileList,
  type ProfileView, type SignInProgress, type SignInStarted,
} from '../../../shared/ipc/channels/profiles';

export interface ProfileInput {
  name: string;
  environment: Environment;
  /** Only for 'custom' (the fake server, a demo): https://..., or http:// on loopback. */
  baseUrl?: string | null;
  authMode: AuthMode;
  /** The public half of a key mode: api_key, rsu_api_key or sp_api_key. */
  key?: string | null;
  /** rsu_api_reg, when the app registration is used. */
  callerRegistrationKey?: string | null;
  oauthClientId?: string | null;
}

/** Secrets that arrive with a save. Absent means "keep what the keychain has". */
export interface ProfileSecrets {
  apiSecret?: string | undefined;
  v2Secret?: string | undefined;
  superPartnerSecret?: string | undefined;
  oauthClientSecret?: string | undefined;
  callerRegistrationSecret?: string | undefined;
}
