// `npm start`: launches Electron on the built app. Electron fetches its binary on first launch;
// where that cannot happen (no internet, as on our CI machines) say so in one line and point
// at browser mode instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
ensureBinary();
let electronPath;
try {
  electronPath = require('electron'); // the package's main exports the binary's path
} catch (error) {
  fail(`the Electron binary is not installed (${firstLine(error)})`);
}

const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => {
  stderr += chunk;
  process.stderr.write(chunk);
});
child.on('error', (error) => fail(`Electron could not start (${firstLine(error)})`));
child.on('exit', (code) => {
  if (code && /download|ENOTFOUND|EAI_AGAIN|getaddrinfo|install/i.test(stderr)) {
    fail('Electron could not download its binary');
  }
  process.exit(code ?? 0);
});

// Electron's own first-launch download prints a bare fetch error; run it quietly and summarise.
function ensureBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))) return;
  console.log('Downloading the Electron binary (first launch only)...');
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8' });
  if (install.status !== 0) {
    const said = `${install.stderr ?? ''}${install.stdout ?? ''}`.trim().split('\n').pop() || `exit ${install.status}`;
    fail(`Electron could not download its binary (${said.trim()})`);
  }
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}

function fail(reason) {
  console.error(
    `npm start: ${reason}; this machine cannot run the desktop app. Use browser mode instead: npm run demo (or npm run dev:browser).`,
  );
  process.exit(1);
}
