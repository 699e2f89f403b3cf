// Browser mode's launch token: the address the server printed carries it in its #fragment.

/** Reads the token from #token=..., keeps it for reloads of this tab, and removes it from the address bar. */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem('rsu-token', match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem('rsu-token');
}
