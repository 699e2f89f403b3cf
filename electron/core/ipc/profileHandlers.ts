// The profile channels: thin calls into the profile service. Answers are built from the
// service's views, which carry flags and public ids only; secrets arrive, never leave.
import type { profileChannels } from '../../../shared/ipc/channels/profiles';
import { AppError } from '../appError';
import type { ProfileService } from '../profiles';
import type { HandlersFor } from './handlerTypes';

export interface ProfileDeps {
  service: ProfileService;
}

/** `changed` runs after a call that may change how the app reaches RunSignup (see connection.ts). */
export function profileHandlers(deps: ProfileDeps | undefined, changed: () => void = () => {}): HandlersFor<typeof profileChannels> {
  const service = (): ProfileService => {
    if (!deps) throw new AppError('unavailable', 'Connection profiles are not available in this mode.');
    return deps.service;
  };
  const thenChanged = async <T>(answer: T | Promise<T>): Promise<T> => {
    const value = await answer;
    changed();
    return value;
  };
  return {
    'profiles:list': async () => service().list(),
    'profiles:save': async ({ secrets, select, ...input }) => {
      const saved = await service().save(input, secrets ?? {});
      if (select) service().select(saved.name);
      return thenChanged(select ? service().view(saved.name) : saved);
    },
    'profiles:remove': async ({ name }) => thenChanged(service().remove(name)),
    'profiles:select': async ({ name }) => thenChanged(service().select(name)),
    'profiles:check': async ({ name, raceId }) => service().checkConnection(name, raceId),
    'profiles:loginTemporary': async ({ name, email, password }) => thenChanged(service().loginTemporary(name, { email, password })),
    'profiles:signInOAuth': async ({ name }) => service().startOAuthSignIn(name),
    'profiles:signInStatus': async ({ name }) => service().signInStatus(name),
    'profiles:signInCancel': async ({ name }) => {
      service().cancelSignIn(name);
      return service().signInStatus(name);
    },
    'profiles:signOut': async ({ name }) => thenChanged(service().signOut(name)),
  };
}
