// A failed connection check in the timer's words: what went wrong with this profile, and the
// one thing to do about it. The RunSignup client's own message is kept only where it adds facts.
import { AppError } from '../appError';
import { RunSignupError } from '../runsignup';
import type { SavedProfile } from '../store';
import { environmentName } from './profileRules';
import type { ConnectionFix } from './types';

export interface Explained {
  message: string;
  fix: ConnectionFix;
}

export function explainFailure(error: unknown, profile: SavedProfile, raceId: number | null): Explained {
  const where = environmentName(profile);
  const race = raceId === null ? 'the race' : `race ${raceId}`;
  if (error instanceof AppError && error.code === 'keychain_unavailable') return { message: error.message, fix: 'keychain' };
  if (!(error instanceof RunSignupError)) {
    if (error instanceof AppError) return { message: error.message, fix: 'other' };
    return { message: `The check stopped on an internal error in RSU Timer. Your data is saved; try again.`, fix: 'other' };
  }
  switch (error.code) {
    case 'network':
    case 'timeout':
    case 'server_error':
    case 'bad_response':
      return {
        message: `RSU Timer cannot reach ${where} right now (${error.message.replace(/\.$/, '')}). Check the internet connection${profile.environment === 'custom' ? ' and that the server at that address is running' : ''}, then check again. Your work is kept offline meanwhile.`,
        fix: 'network',
      };
    case 'throttled':
      return { message: `${where} is busy and asked RSU Timer to slow down. Wait a minute, then check again.`, fix: 'wait' };
    case 'race_not_found':
    case 'invalid_id':
    case 'not_found':
      return {
        message: `${where} has no ${race}. Check the race ID (it is the number in the race's RunSignup address) and that the profile points at the right site: production or the test site.`,
        fix: 'race_id',
      };
    case 'permission_denied':
      return { message: `The sign-in works, but this account may not time ${race}. Ask the race director to add you as a timer for it, then check again.`, fix: 'permission' };
    case 'oauth_invalid_client':
      return { message: `${where} did not accept the OAuth client ID or client secret in profile "${profile.name}". Check both against the app registration, save them again, then sign in.`, fix: 'credentials' };
    case 'oauth_invalid_grant':
      return { message: `${where} no longer accepts the sign-in of profile "${profile.name}" (it was revoked or expired). Choose "Sign in to RunSignup" again.`, fix: 'sign_in_again' };
    case 'auth_failed':
      return authFailure(profile, where);
    default:
      return { message: `${where} refused the check: ${error.message}`, fix: 'other' };
  }
}

function authFailure(profile: SavedProfile, where: string): Explained {
  switch (profile.authMode) {
    case 'tmp_key':
      return { message: `The RunSignup login of profile "${profile.name}" has ended (temporary keys end an hour after their last use). Log in again with your RunSignup email and password.`, fix: 'log_in_again' };
    case 'oauth':
      return { message: `${where} did not accept the sign-in of profile "${profile.name}", even after renewing it. Choose "Sign in to RunSignup" again.`, fix: 'sign_in_again' };
    default:
      return {
        message: `${where} did not accept the key and secret of profile "${profile.name}". Copy both again from your RunSignup account (API keys), check the profile points at the site they belong to (production or test), and save.`,
        fix: 'credentials',
      };
  }
}
