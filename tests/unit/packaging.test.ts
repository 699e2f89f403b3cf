import { readFileSync } from 'node:fs';
import { DebugLogger } from 'builder-util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// electron-builder's own validator: the same schema check `npm run dist` runs first.
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';

const config = parse(readFileSync('electron-builder.yml', 'utf8'));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds every platform the timers use', () => {
    expect(config.appId).toBe('com.rsutimer.desktop');
    expect(config.productName).toBe('RSU Timer');
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg']);
    // No cross-architecture dmg: the keychain's native package exists only for the build host's CPU.
    expect(config.mac.target.every((t: { arch?: unknown }) => t.arch === undefined)).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('signs macOS builds with the hardened runtime and our entitlements', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('resources/entitlements.mac.plist');
    expect(readFileSync(config.mac.entitlements, 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('has icons in resources/', () => {
    for (const platform of ['win', 'mac', 'linux']) {
      const png = readFileSync(config[platform].icon);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width
    }
  });

  it('unpacks the native modules from the asar and never rebuilds them', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/@napi-rs/keyring/**']));
    expect(config.npmRebuild).toBe(false);
  });

  it('burns the fuses that shut the doors into the main process: Node mode, NODE_OPTIONS, --inspect, loose app code, file://', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false, // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node
      enableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS=--require evil.js
      enableNodeCliInspectArguments: false, // --inspect and SIGUSR1 would open a debugger on the main process
      onlyLoadAppFromAsar: true, // no app/ folder beside app.asar
      enableEmbeddedAsarIntegrityValidation: true, // app.asar is checked against the signed hash
      grantFileProtocolExtraPrivileges: false, // the renderer is served from app://, never file://
      loadBrowserProcessSpecificV8Snapshot: false,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true); // the two asar fuses mean nothing without one
  });

  it('ships the bundles and never browser mode, tests or sources', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', '!electron/**', '!tests/**']));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.scripts.dist).toMatch(/electron-builder --config electron-builder.yml/);
  });
});
