import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the timer's data lives: `--data-dir DIR` first, then RSU_TIMER_DATA_DIR, then the
 * platform default. Tests and demos always pass one, so nothing touches a real profile.
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: () => string): string {
  const flag = argv.findIndex((arg) => arg === '--data-dir' || arg.startsWith('--data-dir='));
  if (flag >= 0) {
    const arg = argv[flag] ?? '';
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flag + 1];
    if (!value) throw new Error('--data-dir needs a folder, for example --data-dir ./race-day');
    return resolve(value);
  }
  if (env.RSU_TIMER_DATA_DIR) return resolve(env.RSU_TIMER_DATA_DIR);
  return fallback();
}

/**
 * The desktop app's own data folder (Electron's userData for productName "RSU Timer"), so the
 * CLI works on the same data as the app without being told where it is.
 */
export function appDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'RSU Timer');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'RSU Timer');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'RSU Timer');
}
