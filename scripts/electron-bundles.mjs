// What scripts/build-electron.mjs bundles, as esbuild options: the main process, the preload
// and the import preview's worker thread, each as CommonJS in dist/electron (a sandboxed
// preload must be one file; a worker thread is its own entry). Native modules and electron
// stay external; browser mode and the CLI are not bundled, so they never reach the packaged app.
// A test bundles the worker with these same options and runs it without tsx.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', '@napi-rs/keyring'],
  logLevel: 'warning',
  // CommonJS has no import.meta; core code that locates its own files uses import.meta.dirname.
  define: { 'import.meta.dirname': '__dirname' },
};

export const bundles = {
  main: { ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' },
  preload: { ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' },
  previewWorker: { ...common, entryPoints: ['electron/core/import/previewWorker.ts'], outfile: 'dist/electron/previewWorker.cjs' },
};
