// Keeps credentials out of everything that leaves the client: error messages, causes, logs.

const redacted = '[redacted]';

// Query and form names whose values are credentials or one-time grants.
const sensitiveNames = new Set([
  'api_key', 'api_secret', 'tmp_key', 'tmp_secret', 'rsu_api_key', 'sp_api_key', 'rsu_api_reg',
  'password', 'client_secret', 'code', 'code_verifier', 'refresh_token', 'access_token',
]);

/** Replaces every known secret, raw or URL-encoded, wherever it appears in the text. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue; // a 1-3 character "secret" would shred every message
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      out = out.split(form).join(redacted);
    }
  }
  return out;
}

/** The URL with the values of credential parameters replaced, for the rare place a URL is shown. */
export function redactUrl(url: URL | string): string {
  const copy = new URL(url.toString());
  for (const name of [...copy.searchParams.keys()]) {
    if (sensitiveNames.has(name.toLowerCase())) copy.searchParams.set(name, redacted);
  }
  copy.username = '';
  copy.password = '';
  return copy.toString();
}

/** A stand-in for a low-level error (fetch's TypeError and its cause) that carries no secrets. */
export function safeCause(error: unknown, secrets: readonly string[]): Error {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${current.name}${typeof code === 'string' ? ` ${code}` : ''}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  // URLs in low-level messages lose their query; then known secrets go, wherever they hide.
  const text = parts.join(' <- ').replace(/https?:\/\/[^\s'"]+/g, (u) => { try { return redactUrl(u); } catch { return redacted; } });
  const cause = new Error(redactSecrets(text, secrets));
  cause.name = 'RunSignupTransportError';
  cause.stack = `${cause.name}: ${cause.message}`; // the stack would repeat the message anyway; no frames needed
  return cause;
}
