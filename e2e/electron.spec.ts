import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { watchCsp } from './fixtures/cspWatch';
import { demoConsoleJourney } from './fixtures/journey';

const require = createRequire(import.meta.url);

/** Where the Electron binary would be, read without triggering electron's download-on-require. */
function electronBinary(): string | null {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const nativeReady = existsSync('.electron-native/better_sqlite3.node');

test.describe('desktop app (Electron)', () => {
  test.skip(
    !binary || !nativeReady,
    !binary
      ? 'no Electron binary (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or could not reach GitHub): fetch it with ' +
          '`node node_modules/electron/install.js`, then `npm run rebuild:electron`. serve.spec.ts runs the same journey in Chromium.'
      : 'better-sqlite3 is not built for Electron: run `npm run rebuild:electron` (it downloads Electron headers).',
  );

  test('shows the demo workspace through the preload bridge', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['out/main/index.js', '--data-dir', mkdtempSync(join(tmpdir(), 'ringside-electron-'))],
    });
    try {
      const page = await app.firstWindow();
      // Watch for CSP violations from the first script on: a reload under the watcher.
      const csp = await watchCsp(page);
      await page.reload();
      await demoConsoleJourney(page);
      expect(await csp.violations()).toEqual([]);
      expect(csp.consoleErrors).toEqual([]);
      // a CSP is in force in the desktop window (the session's header, the page's <meta> or both)
      expect(await csp.probe()).toEqual(['style-src-attr', 'style-src-elem']);
      const exposed = await page.evaluate(() => ({
        bridge: typeof (globalThis as { ringside?: unknown }).ringside,
        node: typeof (globalThis as { require?: unknown }).require,
      }));
      expect(exposed).toEqual({ bridge: 'object', node: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
