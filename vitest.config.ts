import { defineConfig } from 'vitest/config';
import { productDefines } from './scripts/productConfig';

// Unit and integration tests run under plain Node 24 (the Node that Electron 45 embeds).
// e2e tests are Playwright's (playwright.config.ts); benchmarks live in tests/bench and run with `npm run bench`.
export default defineConfig({
  define: productDefines(),
  test: {
    // Component tests (*.test.tsx) render React against a fake bridge in happy-dom.
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests start real servers and SQLite files; two cores, so keep forks few.
    pool: 'forks',
    maxWorkers: 2,
  },
});
