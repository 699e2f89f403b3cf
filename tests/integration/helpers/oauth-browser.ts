// Plays the timer's browser against the loopback receiver with real HTTP requests.
import { request } from 'node:http';

export interface BrowserAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GETs (or other method) the URL; `host` overrides the Host header, as a DNS-rebinding page would send. */
export function browse(url: string, options: { method?: string; host?: string } = {}): Promise<BrowserAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export function callbackUrl(redirectUri: string, query: Record<string, string | string[]>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(query)) for (const v of [value].flat()) url.searchParams.append(name, v);
  return url.toString();
}

/** 'pending' when the promise has not settled after a short while. */
export async function settledOrPending<T>(promise: Promise<T>, waitMs = 50): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), waitMs))]);
}
