import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../electron/core/auth/authorizeUrl';
import { resolveDataDir } from '../../electron/core/dataDir';
import {
  allowPermission,
  appOrigin,
  bundlePath,
  contentSecurityPolicy,
  isAllowedNavigation,
  isSignInPage,
  isTrustedSender,
  openSignInPage,
  windowOptions,
} from '../../electron/shell/security';

describe('the window follows Electron security checklist', () => {
  const prefs = windowOptions('/app/preload.cjs').webPreferences ?? {};

  it('isolates and sandboxes the renderer with no Node', () => {
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('has a strict CSP: own scripts only, no eval, no inline, no remote', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives['default-src']).toBe("'none'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });

  it('says the same in index.html, for a page opened without our headers', () => {
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync('renderer/index.html', 'utf8'))?.[1];
    // frame-ancestors is ignored in a meta tag, so only the header carries it.
    const directives = (policy: string) => policy.split(';').map((d) => d.trim()).filter((d) => !d.startsWith('frame-ancestors')).sort();
    expect(directives(meta ?? '')).toEqual(directives(contentSecurityPolicy));
  });
});

describe('navigation, senders and permissions', () => {
  it('allows only our own bundle', () => {
    expect(isAllowedNavigation(`${appOrigin}/index.html`)).toBe(true);
    for (const url of ['https://runsignup.com/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:5173/', 'garbage']) {
      expect(isAllowedNavigation(url)).toBe(false);
    }
  });

  it('trusts only the top-level frame of our bundle', () => {
    expect(isTrustedSender({ url: `${appOrigin}/index.html`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: `${appOrigin}/index.html`, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('denies every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      expect(allowPermission(permission)).toBe(false);
    }
  });

  it('serves files from the bundle and never outside it', () => {
    expect(bundlePath(`${appOrigin}/`, '/b', join)).toBe('/b/index.html');
    expect(bundlePath(`${appOrigin}/assets/index.js`, '/b', join)).toBe('/b/assets/index.js');
    // The URL parser folds %2e%2e like "..": what is left is inside the bundle.
    expect(bundlePath(`${appOrigin}/%2e%2e/secret`, '/b', join)).toBe('/b/secret');
    expect(bundlePath(`${appOrigin}/assets/..%2f..%2fsecret`, '/b', join)).toBeNull();
    expect(bundlePath(`${appOrigin}/a%5c..%5csecret`, '/b', join)).toBeNull();
    expect(bundlePath('app://other/index.html', '/b', join)).toBeNull();
  });
});

describe('the OAuth sign-in page in the system browser', () => {
  const signIn = (siteBase: string, redirectUri = 'http://127.0.0.1:49152/callback') =>
    buildAuthorizeUrl({ siteBase, clientId: 'rsu-timer', redirectUri, state: 'state-1', codeChallenge: 'challenge-1' });

  it('opens the authorize page core builds, on RunSignup, the test site, a custom https site or the local test server', async () => {
    for (const site of ['https://runsignup.com', 'https://test.runsignup.com', 'https://rsu.example.org/mirror', 'http://127.0.0.1:8787', 'http://localhost:8787']) {
      const opened: string[] = [];
      await openSignInPage(signIn(site), async (url) => void opened.push(url));
      expect(opened, site).toEqual([signIn(site)]);
    }
  });

  it('refuses every other address before the opener runs', async () => {
    const good = new URL(signIn('https://runsignup.com'));
    const variant = (change: (url: URL) => void) => {
      const url = new URL(good);
      change(url);
      return url.href;
    };
    const refused = [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://runsignup.com/Profile/OAuth2/RequestGrant?response_type=code&redirect_uri=http://127.0.0.1:1/callback',
      'https://runsignup.com/Race/Results/1',
      'not a url',
      variant((u) => (u.protocol = 'http:')), // plain http off loopback
      variant((u) => (u.pathname = '/Profile/OAuth2/RequestGrantX')),
      variant((u) => (u.username = 'user')),
      variant((u) => u.searchParams.set('response_type', 'token')),
      variant((u) => u.searchParams.set('redirect_uri', 'https://evil.example/callback')), // the code must come back to this machine
      variant((u) => u.searchParams.set('redirect_uri', 'http://localhost.evil.example:1/callback')),
      variant((u) => u.searchParams.delete('redirect_uri')),
    ];
    for (const url of refused) {
      expect(isSignInPage(url), url).toBe(false);
      const opened: string[] = [];
      await expect(openSignInPage(url, async (href) => void opened.push(href))).rejects.toMatchObject({ code: 'forbidden' });
      expect(opened).toEqual([]);
    }
  });
});

describe('the data folder', () => {
  const fallback = () => '/home/timer/.config/RSU Timer';
  it('comes from --data-dir, then RSU_TIMER_DATA_DIR, then the platform default', () => {
    expect(resolveDataDir(['x', '--data-dir', '/tmp/a'], { RSU_TIMER_DATA_DIR: '/tmp/b' }, fallback)).toBe('/tmp/a');
    expect(resolveDataDir(['x', '--data-dir=/tmp/c'], {}, fallback)).toBe('/tmp/c');
    expect(resolveDataDir(['x'], { RSU_TIMER_DATA_DIR: '/tmp/b' }, fallback)).toBe('/tmp/b');
    expect(resolveDataDir(['x'], {}, fallback)).toBe('/home/timer/.config/RSU Timer');
  });
  it('says what a bare --data-dir needs', () => {
    expect(() => resolveDataDir(['x', '--data-dir'], {}, fallback)).toThrow(/needs a folder/);
  });
});
