// Bundles the main process and the preload into dist/electron as CommonJS (a sandboxed
// preload must be one file). Native modules and electron stay external; browser mode and the
// CLI are not bundled here, so they never reach the packaged app.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', '@napi-rs/keyring'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
]);
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
