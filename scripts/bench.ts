// `npm run bench`: runs every tests/bench/*.bench.ts in its own process, one after the other,
// so one benchmark's heap and servers never skew the next. Each prints its own figures
// beside a baseline measured in the same run. `npm run bench -- import` runs the matching ones.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'tests', 'bench');
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.log(`(${file} exited with ${run.status ?? run.signal})`);
  }
}
if (files.length === 0) console.log('no benchmarks matched');
process.exit(failed ? 1 : 0);
