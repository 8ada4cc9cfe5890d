import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * better-sqlite3 built for Electron's ABI by `npm run rebuild:electron`, kept apart from the Node
 * build in node_modules that `npm test` uses.
 */
export const electronBindingPath = fileURLToPath(new URL('../../.electron-native/better_sqlite3.node', import.meta.url));

export function electronBinding(): string {
  if (!existsSync(electronBindingPath)) {
    throw new Error(
      `better-sqlite3 for Electron is missing at ${electronBindingPath}. Run \`npm run rebuild:electron\` ` +
        '(npm start does it for you), then start Ringside again.',
    );
  }
  return electronBindingPath;
}
