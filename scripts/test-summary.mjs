// Prints the one closing line CI reads ("tests: N passed, N failed") from the vitest and
// Playwright JSON reports, and exits non-zero if any step failed or no test ran at all.
import { existsSync, readFileSync } from 'node:fs';

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const vitest = read('test-results/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
const playwright = read('test-results/playwright.json');
if (playwright) {
  passed += playwright.stats.expected;
  failed += playwright.stats.unexpected + playwright.stats.flaky;
}

if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
if (passed + failed === 0) console.log('no test ran');
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length || failed || passed === 0 ? 1 : 0);
