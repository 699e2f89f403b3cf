// Bundles the main process, the preload and the import preview's worker into dist/electron
// (the options are in electron-bundles.mjs).
import { build } from 'esbuild';
import { bundles } from './electron-bundles.mjs';

await Promise.all(Object.values(bundles).map((options) => build(options)));
console.log(`built ${Object.values(bundles).map((b) => b.outfile).join(', ')}`);
