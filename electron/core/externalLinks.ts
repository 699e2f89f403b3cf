import { AppError } from './appError';

// Links the app may hand to the system browser. Anything else (file:, javascript:, http:,
// look-alike hosts) is refused, so a compromised renderer cannot open arbitrary programs.
export const externalHosts = ['runsignup.com', 'test.runsignup.com', 'help.runsignup.com', 'api.runsignup.com'] as const;

export function checkExternalUrl(value: unknown): URL {
  if (typeof value !== 'string') throw new AppError('invalid_request', 'A link must be text.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('invalid_request', `"${value.slice(0, 80)}" is not a web address.`);
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) {
    throw new AppError('forbidden', `Only https links to RunSignup can be opened, not "${url.protocol}//${url.host}".`);
  }
  if (!(externalHosts as readonly string[]).includes(url.hostname)) {
    throw new AppError('forbidden', `Links to ${url.hostname} are not opened by RSU Timer; only RunSignup's own sites are.`);
  }
  return url;
}

/** Opens an allow-listed link with the injected opener (Electron's shell.openExternal in the app). */
export async function openExternalUrl(value: unknown, open: (url: string) => Promise<void>): Promise<void> {
  await open(checkExternalUrl(value).href);
}
