// scripts/with-keyring.sh gives the tests a real Secret Service. gnome-keyring-daemon can die
// under load; D-Bus then starts another on the next call, and that one must come up unlocked
// with every secret saved before, or each later keychain test meets a prompt that cannot show.
// The session here is its own (its own HOME and bus): the daemon killed is this session's only.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

const script = `
set -e
echo -n before-crash | secret-tool store --label=rsu service rsu-timer-keyring-test account a1
# This session's daemon: the one whose HOME is this session's.
for pid in $(pgrep -f '^gnome-keyring-daemon'); do
  if tr '\\0' '\\n' < /proc/$pid/environ 2>/dev/null | grep -qx "HOME=$HOME"; then kill -9 "$pid"; echo "killed $pid"; fi
done
sleep 0.3
echo "read: $(timeout 10 secret-tool lookup service rsu-timer-keyring-test account a1)"
echo -n after-crash | timeout 10 secret-tool store --label=rsu service rsu-timer-keyring-test account a2
echo "read: $(timeout 10 secret-tool lookup service rsu-timer-keyring-test account a2)"
`;

it('a keyring daemon that dies is started again unlocked, with the secrets saved before', async () => {
  const { stdout } = await run('scripts/with-keyring.sh', ['bash', '-c', script], { timeout: 40_000 });
  expect(stdout).toMatch(/^killed \d+$/m);
  expect(stdout).toContain('read: before-crash');
  expect(stdout).toContain('read: after-crash');
}, 60_000);
