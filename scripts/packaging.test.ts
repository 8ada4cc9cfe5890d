import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { ASAR_INTEGRITY_PLATFORMS, FUSES, fuseConfig } from './fuses.mjs';

const root = process.cwd();

/** Targets of one platform section, whatever form (string, list, objects) the config uses. */
function targetsOf(section: { target?: unknown } | null | undefined): string[] {
  const list = Array.isArray(section?.target) ? section.target : section?.target == null ? [] : [section.target];
  return list.map((t: unknown) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

/** Every key of a nested object, with its path. */
function keysOf(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${path}${key}`, ...keysOf(inner, `${path}${key}.`)]);
}

describe('electron-builder configuration (electron-builder.yml)', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Configuration;

  it("is the configuration electron-builder loads, and passes electron-builder's own schema", async () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8'))).not.toHaveProperty('build');
    // loaded the way electron-builder loads it (it normalises `files` into a file set)
    const loaded = await getConfig(root, null, null);
    expect({ ...loaded, files: undefined }).toEqual({ ...config, files: undefined });
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage and deb, dmg, NSIS', () => {
    expect(config.appId).toBe('dev.ringside.console');
    expect(config.productName).toBe('Ringside');
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(targetsOf(config.win)).toEqual(['nsis']);
  });

  it('signs macOS with the hardened runtime, its entitlements from build/, notarising from the environment', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toMatch(/^build\//);
      const plist = readFileSync(file!, 'utf8');
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    }
    // true: electron-builder notarises when APPLE_ID… or APPLE_API_KEY… are set, and skips otherwise
    expect(config.mac?.notarize).toBe(true);
  });

  it('ships only out/, package.json and the Electron build of better-sqlite3', () => {
    const includes = (config.files as string[]).filter((p) => !p.startsWith('!'));
    expect(includes).toEqual(['out/**', 'package.json', '.electron-native/better_sqlite3.node']);
    // electron-builder's rule: the last pattern that matches a path decides
    const shipped = (path: string) =>
      (config.files as string[]).reduce((keep, p) => (p.startsWith('!') ? (minimatch(path, p.slice(1), { dot: true }) ? false : keep) : keep || minimatch(path, p, { dot: true })), false);
    expect(shipped('out/main/index.js')).toBe(true);
    expect(shipped('.electron-native/better_sqlite3.node')).toBe(true);
    expect(shipped('node_modules/better-sqlite3/lib/index.js')).toBe(false); // not from `files`: electron-builder adds production deps
    expect(shipped('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false); // Node's ABI, not Electron's
    expect(shipped('src-main/index.ts')).toBe(false);
  });

  it('packs an asar and keeps better-sqlite3 and every native module outside it', () => {
    expect(config.asar).toBe(true);
    const unpacked = (path: string) => (config.asarUnpack as string[]).some((p) => minimatch(path, p, { dot: true }));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**']));
    expect(unpacked('.electron-native/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(true);
    expect(unpacked('out/main/index.js')).toBe(false);
    // rebuilding in place would leave node_modules on Electron's ABI and break npm test
    expect(config.npmRebuild).toBe(false);
  });

  it('runs scripts/afterPack.mjs after packing', async () => {
    expect(config.afterPack).toBe('./scripts/afterPack.mjs');
    const hook = (await import('./afterPack.mjs')) as Record<string, unknown>;
    expect(typeof hook.afterPack).toBe('function');
  });

  it('publishes nothing and holds no secret', () => {
    expect(config.publish).toBeNull();
    expect(keysOf(config).filter((k) => /token|password|secret|private|api.?key|csc|apple.?id/i.test(k))).toEqual([]);
    expect(readFileSync('electron-builder.yml', 'utf8')).not.toMatch(/gh_token|ghp_|BEGIN [A-Z ]*PRIVATE KEY/i);
  });

  it('has an icon electron-builder can turn into .icns and .ico (PNG, square, ≥ 512 px)', () => {
    const icon = readFileSync(join(config.directories?.buildResources ?? 'build', 'icon.png'));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    const [width, height] = [icon.readUInt32BE(16), icon.readUInt32BE(20)];
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });
});

describe('Electron fuses (scripts/fuses.mjs)', () => {
  it("is exactly issue 13's list", () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
    });
    expect([...ASAR_INTEGRITY_PLATFORMS].sort()).toEqual(['darwin', 'mas', 'win32']);
  });

  // @electron/fuses 1.8 indexes: RunAsNode 0, cookies 1, NODE_OPTIONS 2, --inspect 3, asar integrity 4, asar only 5
  it('validates asar integrity on macOS and Windows only, where Electron supports it', () => {
    const base = { version: '1', 0: false, 1: true, 2: false, 3: false, 5: true };
    expect(fuseConfig('linux', 'x64')).toEqual(base);
    expect(fuseConfig('win32', 'x64')).toEqual({ ...base, 4: true });
    expect(fuseConfig('darwin', 'x64')).toEqual({ ...base, 4: true });
  });

  it('re-signs ad hoc on macOS arm64 only', () => {
    expect(fuseConfig('darwin', 'arm64')).toMatchObject({ resetAdHocDarwinSignature: true, 4: true });
    expect(fuseConfig('mas', 'arm64')).toMatchObject({ resetAdHocDarwinSignature: true });
    for (const [platform, arch] of [['darwin', 'x64'], ['linux', 'arm64'], ['win32', 'arm64']]) {
      expect(fuseConfig(platform!, arch!)).not.toHaveProperty('resetAdHocDarwinSignature');
    }
  });
});
