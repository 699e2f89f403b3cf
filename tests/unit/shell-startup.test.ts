// The desktop app on a data folder another RSU Timer holds: a dialog that names it, not a crash.
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';
import { startupErrorDialog } from '../../electron/shell/startupError';
import { tempDirs } from '../support/tempDirs';

const tempDir = tempDirs('rsu-startup-');

describe('starting on a busy data folder', () => {
  it('shows the other program and the fix in a dialog', async () => {
    const dir = tempDir();
    const file = join(dir, 'rsu-timer.sqlite');
    // Another process holds the folder, as a running app would.
    const holder = fork(join(import.meta.dirname, '../integration/helpers/hold-store.ts'), [file], { execArgv: ['--import', 'tsx'], stdio: ['pipe', 'pipe', 'inherit', 'ipc'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    try {
      let failure: unknown = null;
      try {
        openStore(file).close();
      } catch (error) {
        failure = error;
      }
      const dialog = startupErrorDialog(failure);
      expect(dialog.title).toBe('RSU Timer is already open');
      expect(dialog.message).toMatch(new RegExp(`process ${holder.pid}.*Close it first`));
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('says calmly that it could not start on anything else', () => {
    expect(startupErrorDialog(new Error('disk I/O error'))).toEqual({
      title: 'RSU Timer could not start',
      message: expect.stringMatching(/could not open its data folder \(disk I\/O error\)\. Nothing was changed/),
    });
  });
});
