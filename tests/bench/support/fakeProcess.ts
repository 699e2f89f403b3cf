// Starts tests/bench/support/fakeChild.ts and waits for its address (see there for why).
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { FakeRunSignupOptions } from '../../fake-runsignup';

export interface FakeInChild {
  url: string;
  close(): Promise<void>;
}

/** Only options that survive JSON (no fault switch, no clock). */
export function startFakeInChild(options: FakeRunSignupOptions): Promise<FakeInChild> {
  const child = fork(join(import.meta.dirname, 'fakeChild.ts'), [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake RunSignup process stopped (exit code ${code}) before it listened`)));
    child.once('message', (message: { url: string }) => {
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}
