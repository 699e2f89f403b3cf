// How the fake answers: REST errors as HTTP 200 with an error body (JSON or XML, as `format`
// asks), v2 errors with a real status and {"error","details"}, OAuth errors as RFC 6749 says.
import type { IncomingHttpHeaders } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import type { RouteName } from './faults';

export interface Answer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface RequestContext {
  route: RouteName;
  method: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** The response format the caller asked for (`format`, XML when absent). */
  format: 'json' | 'xml';
  nowMs: number;
}

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

/** Nulls become empty elements, as RunSignup writes them. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]));
  return value;
}

export function ok(ctx: RequestContext, body: unknown, xmlRoot: string): Answer {
  if (ctx.format === 'json') return json(200, body);
  return { status: 200, contentType: 'application/xml; charset=utf-8', body: `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [xmlRoot]: forXml(body) }) as string}` };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Answer {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), ...(headers ? { headers } : {}) };
}

export function restError(ctx: Pick<RequestContext, 'format'>, code: number, message: string): Answer {
  const error = { error_code: code, error_msg: message };
  if (ctx.format === 'json') return json(200, { error });
  return { status: 200, contentType: 'application/xml; charset=utf-8', body: `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ error }) as string}` };
}

export function v2Error(status: number, message: string, details: Record<string, unknown> = {}, headers?: Record<string, string>): Answer {
  return json(status, { error: message, details }, headers);
}

export function oauthError(status: 400 | 401, error: string, description: string): Answer {
  return json(status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

export function html(status: number, title: string): Answer {
  return { status, contentType: 'text/html; charset=utf-8', body: `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>` };
}

/** A venue's Wi-Fi sign-in page (captive portal): what every address answers until someone signs in. */
export function portalPage(): Answer {
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Cache-Control': 'no-store' },
    body: '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Riverside Park Guest Wi-Fi</title></head><body><h1>Welcome to Riverside Park Wi-Fi</h1><form method="post" action="/portal/login"><label>Room or ticket number <input name="ticket"></label><label><input type="checkbox" name="terms"> I accept the terms of use</label><button>Connect</button></form></body></html>',
  };
}

/** Form fields from a urlencoded or multipart body (the parser fetch itself uses). */
export async function readForm(ctx: RequestContext): Promise<FormData | null> {
  const type = ctx.headers['content-type'] ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  try {
    return await new Response(new Uint8Array(ctx.rawBody), { headers: { 'content-type': type } }).formData();
  } catch {
    return null;
  }
}

export function field(form: FormData | null, name: string): string | undefined {
  const value = form?.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A parameter from the form or, failing that, the query: RunSignup's PHP example sends event_id in the query of its POSTs. */
export function formOrQuery(ctx: RequestContext, form: FormData | null, name: string): string | undefined {
  return field(form, name) ?? ctx.query.get(name) ?? undefined;
}

/** A positive whole number, or undefined. */
export function idParam(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d{1,12}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}
