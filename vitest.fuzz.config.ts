import { defineConfig } from 'vitest/config';

/**
 * `npm run fuzz`: the fuzz suites alone at 10,000 invalid payloads per channel per transport (FUZZ_RUNS
 * overrides; FUZZ_SEED replays a run). `npm test` runs the same files at 200 per channel.
 */
export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    include: ['src-main/serve/fuzz/**/*.fuzz.test.ts'],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' },
    // one channel's 10,000 HTTP cases take a minute or so on a slow runner; nothing here asserts on time
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
  },
});
