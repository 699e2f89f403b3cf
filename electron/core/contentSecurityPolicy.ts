// The renderer's Content-Security-Policy, one source for every way the page is served (the
// app:// scheme in Electron, the loopback server in browser mode): only our own bundled
// scripts, styles and images; no eval, no inline script, nothing remote. The page talks to
// the main side over IPC, or in browser mode to its own origin ('self').
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
