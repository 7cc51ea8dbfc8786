/**
 * The relay's tests (`npm run test:relay`): its unit tests beside its code in relay/ and the integration
 * tests here, in Node, against a PostgreSQL this run starts (global-setup.ts) and SQLite files in temp
 * folders. The relay's clock is injected, so no test waits for a due time.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'relay',
    root: new URL('../..', import.meta.url).pathname,
    environment: 'node',
    include: ['relay/**/*.test.ts', 'tests/relay/**/*.test.ts'],
    globalSetup: ['tests/relay/global-setup.ts'],
    // A zone with daylight saving, so a test that leaned on the machine's zone would show it.
    env: { TZ: 'America/New_York' },
    expect: { requireAssertions: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
