// Runs @doyensec/electronegativity's offline checks on the built shell (dist/electron) and the
// renderer bundle, and fails on any finding not explained in scripts/electronegativity-accepted.json.
// The tool fetches translations and an Electron release list over the network; our machines have
// none, and its HTTP library then crashes on a retry timer. So `got` is answered with an
// immediate "offline" rejection, and the release check (AvailableSecurityFixesGlobalCheck) is
// left out: it needs the network by design.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got' && parent && parent.filename.includes('electronegativity')) {
    return () => Promise.reject(new Error('offline: electronegativity runs without network here'));
  }
  return originalLoad.call(this, request, parent, isMain);
};

const root = join(__dirname, '..');
const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = require('electron/package.json').version;
const accepted = JSON.parse(readFileSync(join(__dirname, 'electronegativity-accepted.json'), 'utf8'));

async function main() {
  let unexplained = 0;
  for (const input of ['.']) {
    const result = await run({
      input: join(root, input),
      isRelative: true,
      isVerbose: false,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      electronVersionOverride: electronVersion,
    });
    for (const issue of result.issues) {
      const reason = accepted[`${issue.id} ${issue.file}`];
      const where = `${input}/${issue.file}:${issue.location?.line ?? '?'}`;
      if (reason) {
        console.log(`electronegativity: accepted ${issue.id} at ${where}: ${reason}`);
      } else {
        unexplained++;
        console.error(`electronegativity: ${issue.id} (${issue.severity?.name ?? ''}) at ${where}: ${issue.description ?? ''}`);
      }
    }
    if (result.errors?.length) {
      for (const error of result.errors) console.error(`electronegativity: could not parse ${error.file}: ${error.message}`);
      unexplained += result.errors.length;
    }
  }
  if (unexplained) {
    console.error(`electronegativity: ${unexplained} unexplained finding(s): fix them or explain them in scripts/electronegativity-accepted.json`);
    process.exit(1);
  }
  console.log('electronegativity: no unexplained findings');
}

main().catch((error) => {
  console.error(`electronegativity failed: ${error.stack}`);
  process.exit(1);
});
