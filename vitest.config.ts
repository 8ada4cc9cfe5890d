import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'test-harness/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src-renderer/**/*.test.tsx', 'src-renderer/**/*.test.ts'],
          setupFiles: ['src-renderer/src/test/setup.ts'],
          // a full render of the console takes ~0.5 s alone and several times that beside the node project on 2 cores
          testTimeout: 20_000,
        },
      },
    ],
  },
});
