// The Electron fuses a packaged Ringside ships with: one list, read by the afterPack hook that flips
// them and by scripts/packaging.test.ts that holds it to issue 13's list.
import fuses from '@electron/fuses';

const { FuseV1Options, FuseVersion } = fuses;

/**
 * Fuse name (as @electron/fuses spells it) → state. Fuses not named here keep Electron's default:
 * GrantFileProtocolExtraPrivileges stays on because the renderer is loaded from file://, and
 * LoadBrowserProcessSpecificV8Snapshot stays off (no custom snapshot).
 */
export const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node interpreter.
  RunAsNode: false,
  // NODE_OPTIONS and --inspect would let anyone who can set the environment run code in main.
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  // Cookies at rest are encrypted with the OS keychain's key.
  EnableCookieEncryption: true,
  // Main loads only app.asar, not an app/ folder dropped beside it.
  OnlyLoadAppFromAsar: true,
  // app.asar's header hash is checked at start; electron-builder embeds the hash on macOS and Windows.
  EnableEmbeddedAsarIntegrityValidation: true,
});

/** Electron validates asar integrity on macOS (16+) and Windows (30+) only; elsewhere the fuse is left alone. */
export const ASAR_INTEGRITY_PLATFORMS = Object.freeze(['darwin', 'mas', 'win32']);

/**
 * The @electron/fuses config for one packaged build. `platform` is electron-builder's
 * electronPlatformName (darwin, mas, win32, linux); `arch` its arch name (x64, arm64, …).
 */
export function fuseConfig(platform, arch) {
  const config = { version: FuseVersion.V1 };
  for (const [name, enabled] of Object.entries(FUSES)) {
    if (name === 'EnableEmbeddedAsarIntegrityValidation' && !ASAR_INTEGRITY_PLATFORMS.includes(platform)) continue;
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}: update scripts/fuses.mjs.`);
    config[index] = enabled;
  }
  // Flipping a fuse breaks the ad-hoc signature Apple Silicon insists on; re-sign ad hoc (a real
  // identity, when electron-builder has one, signs over it afterwards).
  if ((platform === 'darwin' || platform === 'mas') && arch === 'arm64') config.resetAdHocDarwinSignature = true;
  return config;
}
