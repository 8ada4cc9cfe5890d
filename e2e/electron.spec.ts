import { _electron as electron, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
      ? 'The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1, no GitHub access); the serve-mode journey in serve.spec.ts covers the same steps in Chromium.'
      : 'better-sqlite3 for Electron is not built: run `npm run rebuild:electron`.',
  );

  test('shows the demo workspace through the preload bridge', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['out/main/index.js', '--data-dir', mkdtempSync(join(tmpdir(), 'ringside-electron-'))],
    });
    try {
      const page = await app.firstWindow();
      await demoConsoleJourney(page);
      const exposed = await page.evaluate(() => ({
        bridge: typeof (globalThis as { ringside?: unknown }).ringside,
        node: typeof (globalThis as { require?: unknown }).require,
      }));
      test.expect(exposed).toEqual({ bridge: 'object', node: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
