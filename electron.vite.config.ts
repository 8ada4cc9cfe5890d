import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const release = process.env.NODE_ENV === 'production' || process.env.RINGSIDE_MINIFY === '1';

export default defineConfig({
  main: {
    define: { __RINGSIDE_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: 'out/main',
      // Bundled rather than loaded from node_modules at start: Node resolves, reads and compiles each of
      // their hundreds of ES module files one by one, a third of serve's cold start. better-sqlite3
      // (native) stays external, and yaml, which the start does not need, is required on first use.
      // node-fetch stays external: bundling it gains nothing measurable, and its fetch-blob's private
      // class fields are syntax Electronegativity cannot parse (a built file it cannot read goes unchecked).
      externalizeDeps: { exclude: ['zod', 'ws'] },
      lib: {
        entry: {
          index: resolve(__dirname, 'src-main/index.ts'),
          serve: resolve(__dirname, 'src-main/serve.ts'),
          'audit-verify': resolve(__dirname, 'src-main/auditVerify.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle zod and the contract into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(__dirname, 'src-main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    // zod configured for the CSP before any schema is built, whatever chunk a schema lands in
    resolve: { alias: [{ find: /^zod$/, replacement: resolve(__dirname, 'src-renderer/src/zodForCsp.ts') }] },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: release,
      rolldownOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
