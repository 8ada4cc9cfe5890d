import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Ringside';

/**
 * The OS user-data folder, the same one Electron's app.getPath('userData') gives, so the desktop
 * app and `npm run serve` share one cache.
 */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}
