// Starts helpers/keychain-child.ts under Node 24 with tsx, in an environment the caller builds.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const childScript = join(import.meta.dirname, 'keychain-child.ts');

export interface ChildAnswer {
  ok: boolean;
  result?: unknown;
  isKeychainUnavailable?: boolean;
  name?: string;
  code?: string;
  problem?: string;
  message?: string;
  detail?: string;
  stack?: string;
  /** Everything the child wrote, to check that no secret leaked into it. */
  output: string;
}

/** A fresh HOME and runtime dir, and no D-Bus address unless `extra` gives one. */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'rsu-nokeyring-'));
  mkdirSync(join(home, 'run'), { mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: join(home, 'run'), ...extra };
  if (!('DBUS_SESSION_BUS_ADDRESS' in extra)) delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.RSU_KEYRING_HOME;
  return env;
}

/** `prefix` wraps the node command, e.g. ['dbus-run-session', '--', 'bash', 'setup.sh']. */
export async function runKeychainChild(env: NodeJS.ProcessEnv, args: string[], prefix: string[] = []): Promise<ChildAnswer> {
  const command = [...prefix, process.execPath, '--import', 'tsx', childScript, ...args];
  const [file, ...rest] = command as [string, ...string[]];
  const { stdout, stderr } = await run(file, rest, { env, cwd: process.cwd(), timeout: 30_000 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(line) as Omit<ChildAnswer, 'output'>), output: stdout + stderr };
}
