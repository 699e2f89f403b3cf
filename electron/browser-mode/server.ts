// Browser mode: serves the built renderer and mounts the same createHandlers over HTTP on
// 127.0.0.1, for development, the demo and the e2e tests. Never part of the packaged app.
// A random per-launch token (given to the page in the URL fragment, which browsers never send
// to servers) plus Origin and Host checks keep other local pages and DNS rebinding out.
// What the main process pushes (shared/ipc/events.ts) streams as Server-Sent Events from
// POST /api/events, behind the same checks: a POST, because a browser sends no Origin with a
// same-origin GET and an EventSource cannot send the token header.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fail, type IpcResult } from '../../shared/ipc/result';
import { contentSecurityPolicy } from '../core/contentSecurityPolicy';
import type { EventHub } from '../core/events';
import { dispatch, type HandlerDeps, type Handlers } from '../core/ipc/handlers';

export const tokenHeader = 'x-rsu-token';
const maxBodyBytes = 32 * 1024 * 1024; // a pasted 100,000-row CSV fits

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface BrowserServerOptions {
  handlers: Handlers;
  /** What the main process pushes; without it /api/events answers 404. */
  events?: EventHub;
  logError: HandlerDeps['logError'];
  rendererDir: string;
  port?: number;
  /** Fixed only in tests; normally a fresh random token every launch. */
  token?: string;
}

export interface BrowserServer {
  origin: string;
  /** The address to open: carries the token in the fragment. */
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  let origin = '';

  const tokenMatches = (given: string | string[] | undefined): boolean => {
    if (typeof given !== 'string') return false;
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  /** The checks of every API route, the event stream's included: a POST, from our Origin, with the token. */
  const refusal = (req: IncomingMessage): [status: number, body: IpcResult<never>] | null => {
    if (req.method !== 'POST') return [405, fail('invalid_request', 'Use POST.')];
    if (req.headers.origin !== origin) return [403, fail('forbidden', 'Requests from other sites are refused.')];
    if (!tokenMatches(req.headers[tokenHeader])) return [403, fail('forbidden', 'Missing or wrong browser-mode token: open the address the server printed.')];
    return null;
  };

  const handleEvents = (req: IncomingMessage, res: ServerResponse) => {
    const refused = refusal(req);
    if (refused) return sendJson(res, ...refused);
    if (!options.events) return sendJson(res, 404, fail('not_found', 'This server pushes no events.'));
    req.resume(); // the request has no body worth reading
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.write(': RSU Timer events\n\n'); // sends the headers now: the page knows it is subscribed
    const stop = options.events.subscribe((event) => void res.write(`data: ${JSON.stringify(event)}\n\n`));
    res.on('close', stop);
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, channel: string) => {
    const refused = refusal(req);
    if (refused) return sendJson(res, ...refused);
    let raw: unknown;
    try {
      raw = await readJson(req);
    } catch (error) {
      return sendJson(res, 400, fail('invalid_request', error instanceof Error ? error.message : 'Unreadable request.'));
    }
    sendJson(res, 200, await dispatch(options.handlers, channel, raw, options.logError));
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('invalid_request', 'Use GET.'));
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      // A malformed %-escape (like /%E0%A4%A) is the caller's mistake, not ours.
      return sendJson(res, 400, fail('invalid_request', 'The address has a broken %-escape. Check the address and try again.'));
    }
    const relative = normalize(decoded);
    const file = join(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + sep)) return sendJson(res, 404, fail('not_found', 'There is no such file in RSU Timer.'));
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      sendJson(res, 404, fail('not_found', 'There is no such file in RSU Timer.'));
    }
  };

  const server = createServer((req, res) => {
    // Host check defeats DNS rebinding: a hostile name resolving to 127.0.0.1 sends its own Host.
    if (req.headers.host !== new URL(origin).host) return sendJson(res, 421, fail('forbidden', 'Wrong host.'));
    const pathname = new URL(req.url ?? '/', origin).pathname;
    if (pathname === '/api/events') return handleEvents(req, res);
    const api = /^\/api\/([a-zA-Z]+:[a-zA-Z]+)$/.exec(pathname);
    const work = api ? handleApi(req, res, api[1] ?? '') : handleStatic(req, res, pathname);
    work.catch((error: unknown) => {
      options.logError('browser-mode request failed', error);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'Something went wrong inside RSU Timer.'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new Error('Request is too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('Request body is not valid JSON.');
  }
}
