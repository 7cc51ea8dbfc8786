/**
 * Browser tests: real Chromium against the production build (dist/) served under /hs-diary/.
 *   npm run build && npm run test:e2e
 * Files run one after another: each launches its own Chromium, and the machine may have two cores.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
    // A browser test is slow to start; retrying would hide flakiness, so failures are reported as they are.
    retry: 0,
    expect: { requireAssertions: true },
  },
});
