// electron-builder's afterPack hook (electron-builder.yml): runs once per platform and arch on the
// unpacked app, before signing, so the fuses flipped here are covered by the signature.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fuses from '@electron/fuses';
import { fuseConfig } from './fuses.mjs';

// builder-util's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The file @electron/fuses patches: the .app bundle on macOS, the executable elsewhere. */
export function electronExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

/**
 * Why the packaged better-sqlite3 would not load, or null. The shell loads
 * app.asar/.electron-native/better_sqlite3.node (src-main/shell/nativeBinding.ts), which Electron
 * reads from app.asar.unpacked; scripts/build-electron-sqlite.mjs stamps what it built it for.
 */
export function nativeBindingProblem({ bundled, stamp, electron, platform, arch }) {
  const rebuild = 'Run `npm run rebuild:electron` on the machine you package on (npm run dist does), then package again.';
  if (!bundled) return `better-sqlite3 for Electron is not in app.asar.unpacked/.electron-native/. ${rebuild}`;
  if (!stamp) return `.electron-native/stamp.json is missing, so the native module's target is unknown. ${rebuild}`;
  const want = { electron, platform: platform === 'mas' ? 'darwin' : platform, arch };
  const wrong = Object.keys(want).filter((key) => stamp[key] !== want[key]);
  if (wrong.length === 0) return null;
  const built = wrong.map((key) => `${key} ${stamp[key]}`).join(', ');
  const needed = wrong.map((key) => `${key} ${want[key]}`).join(', ');
  return `better-sqlite3 was built for ${built} but this package needs ${needed}; cross-packaging is not supported. ${rebuild}`;
}

function readStamp(projectDir) {
  const file = join(projectDir, '.electron-native', 'stamp.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export async function afterPack(context) {
  const { packager, electronPlatformName: platform, appOutDir } = context;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const problem = nativeBindingProblem({
    bundled: existsSync(join(packager.getResourcesDir(appOutDir), 'app.asar.unpacked', '.electron-native', 'better_sqlite3.node')),
    stamp: readStamp(packager.projectDir),
    electron: packager.config.electronVersion,
    platform,
    arch,
  });
  if (problem) throw new Error(problem);
  await fuses.flipFuses(electronExecutable(context), fuseConfig(platform, arch));
}

export default afterPack;
