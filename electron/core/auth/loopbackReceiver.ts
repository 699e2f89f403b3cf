// Receives RunSignup's redirect after the timer signs in in the system browser: a one-shot
// HTTP listener on 127.0.0.1 at a port the OS picks (RFC 8252, section 7.3).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignInError } from './errors';

export interface LoopbackReceiverOptions {
  expectedState: string;
  /** How long the timer has to finish signing in; 5 minutes when not given. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LoopbackReceiver {
  /** http://127.0.0.1:PORT/callback, to register as the redirect_uri of this sign-in. */
  readonly redirectUri: string;
  /** The authorization code; rejects with SignInError on refusal, timeout or cancel. The server closes either way. */
  readonly code: Promise<string>;
  close(): Promise<void>;
}

const callbackPath = '/callback';

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32em;margin:4em auto"><h1>${title}</h1><p>${text}</p></body></html>`;
}

const pages = {
  done: page('Signed in', 'You can close this window and return to RSU Timer.'),
  denied: page('Sign-in cancelled', 'RSU Timer was not given access. You can close this window and return to RSU Timer.'),
  failed: page('Sign-in failed', 'RunSignup did not complete the sign-in. You can close this window and return to RSU Timer to try again.'),
  wrongState: page('Not this sign-in', 'This link does not belong to the sign-in RSU Timer is waiting for. Return to RSU Timer and start the sign-in again.'),
  notFound: page('Not found', 'Nothing here. You can close this window.'),
};

function answer(response: ServerResponse, status: number, html: string, extraHeaders: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The page loads nothing, and the browser must not pass the callback URL (with the code) anywhere.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
    ...extraHeaders,
  });
  response.end(html);
}

/** Exactly one value for the name, or null (absent or repeated). */
function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  return values.length === 1 && values[0] ? values[0] : null;
}

export async function startLoopbackReceiver(options: LoopbackReceiverOptions): Promise<LoopbackReceiver> {
  const { expectedState, timeoutMs = 5 * 60_000, signal } = options;
  if (!expectedState) throw new RangeError('startLoopbackReceiver needs the state it expects back.');
  if (signal?.aborted) throw new SignInError('oauth_cancelled', 'Sign-in was cancelled.');

  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => {}); // the caller may await it later; an early timeout must not count as unhandled

  let host = '';
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;

  let finished = false;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const shutDown = async (): Promise<void> => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (server.listening) {
      server.close();
      server.closeIdleConnections();
      // A browser holding a connection open must not keep the port: cut it after the page went out.
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    }
    await closed;
  };
  const finish = (outcome: { code: string } | { error: SignInError }): void => {
    if (finished) return;
    finished = true;
    if ('code' in outcome) settle.resolve(outcome.code);
    else settle.reject(outcome.error);
    void shutDown();
  };
  // Closing early (the browser could not open, the app quits) also ends the wait for a code.
  const close = async (): Promise<void> => {
    finish({ error: new SignInError('oauth_cancelled', 'Sign-in was cancelled.') });
    await shutDown();
  };

  const timer = setTimeout(() => {
    const minutes = Math.max(1, Math.round(timeoutMs / 60_000));
    finish({ error: new SignInError('oauth_timeout', `RunSignup sign-in did not finish within ${minutes} minute${minutes === 1 ? '' : 's'}. Start the sign-in again from RSU Timer.`) });
  }, timeoutMs);
  const onAbort = (): void => finish({ error: new SignInError('oauth_cancelled', 'Sign-in was cancelled.') });
  signal?.addEventListener('abort', onAbort, { once: true });

  function handle(request: IncomingMessage, response: ServerResponse): void {
    // A Host other than our own means a page reached us through a rebound DNS name: not the redirect.
    if (request.headers.host !== host) return answer(response, 400, pages.notFound);
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname !== callbackPath || finished) return answer(response, 404, pages.notFound);
    if (request.method !== 'GET') return answer(response, 405, pages.notFound, { Allow: 'GET' });

    // A wrong or missing state is answered and ignored; we keep waiting. It may be a stale tab
    // from an earlier try or another local program; letting it end the sign-in would let anyone
    // on this machine cancel it, and its code is never used. The timeout still bounds the wait.
    if (single(url.searchParams, 'state') !== expectedState) return answer(response, 400, pages.wrongState);

    const error = single(url.searchParams, 'error');
    if (error === 'access_denied') {
      answer(response, 200, pages.denied);
      return finish({ error: new SignInError('oauth_denied', 'You did not allow RSU Timer on RunSignup. Sign in again and choose Allow to upload series scores.') });
    }
    const received = single(url.searchParams, 'code');
    if (error || !received) {
      answer(response, 200, pages.failed);
      // Only a short, plain error code is repeated; the server's free text stays out of the app.
      const reason = error && /^[a-z_]{1,40}$/.test(error) ? ` (${error})` : '';
      return finish({ error: new SignInError('oauth_failed', `RunSignup did not complete the sign-in${reason}. Start the sign-in again from RSU Timer.`) });
    }
    answer(response, 200, pages.done);
    finish({ code: received });
  }

  return { redirectUri: `http://${host}${callbackPath}`, code, close };
}
