/**
 * Browser tests: real Chromium against the production build (dist/) served under /hs-diary/.
 *   npm run build && npm run test:e2e
 * Three files at a time: each launches its own Chromium and serves dist/ on a port of its own, and shares no
 * state with another file (a test that changes the build works on a copy, see pwa.e2e.ts); a browser test
 * spends much of its time waiting on the page, so three keep a two-core machine busy (tests/run-all.mjs).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS) || 3);

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // E2E_WORKERS=1 runs the files one after another (on a machine other work keeps busy, say).
    fileParallelism: E2E_WORKERS > 1,
    maxWorkers: E2E_WORKERS,
    // A browser test is slow to start; retrying would hide flakiness, so failures are reported as they are.
    retry: 0,
    // A worker keeps the modules it has imported (playwright-core, axe, the page models) for its next file:
    // each file still runs its own top level, launches its own browser and serves its own dist/, and these
    // shared modules hold no state. Measured on the whole suite: imports 43 -> 10 s summed, 783 -> 755 busy
    // core-seconds (issue 14, item 6).
    isolate: false,
    expect: { requireAssertions: true },
  },
});
