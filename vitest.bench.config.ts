import { defineConfig } from 'vitest/config';

/** `npm run bench`: measurements that print their figures; nothing here asserts on time. */
export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    include: ['bench/**/*.bench.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // prints the one table and writes bench/results/latest.json (bench/globalSetup.ts)
    globalSetup: ['bench/globalSetup.ts'],
  },
});
