// Runs the real rsu-timer command (bin/rsu-timer.mjs) as a child process, as a script would.
import { type ChildProcess, spawn } from 'node:child_process';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['bin/rsu-timer.mjs', ...args], {
    env: { ...process.env, RSU_API_KEY: '', RSU_API_SECRET: '', RSU_V2_KEY: '', RSU_V2_SECRET: '', RSU_OAUTH_TOKEN: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export const cli = (args: string[], env: Record<string, string> = {}) => startCli(args, env).done;
