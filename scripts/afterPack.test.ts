import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { afterPack, type AfterPackContextLike } from './afterPack.mjs';

// No Electron binary can be downloaded here, so the hook and electron-builder run against a
// stand-in: a file carrying Electron's fuse wire exactly as docs/tutorial/fuses.md lays it out
// (sentinel, version 1, length, one ASCII '0'/'1' per fuse) with Electron's default states, plus a
// ninth fuse @electron/fuses 1.8 does not name, which must be left as it is.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file://, (newer)
const ELECTRON_DEFAULTS = '101100011';
const PREFIX = Buffer.from('\x7fELF stand-in for electron ');
const SUFFIX = Buffer.from(' rest of the binary');
const standInElectron = () => Buffer.concat([PREFIX, Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_DEFAULTS.length]), Buffer.from(ELECTRON_DEFAULTS), SUFFIX]);

function wireOf(file: string): string {
  const bytes = readFileSync(file);
  const start = bytes.indexOf(SENTINEL) + SENTINEL.length;
  expect(bytes.subarray(0, PREFIX.length)).toEqual(PREFIX);
  expect(bytes.subarray(bytes.length - SUFFIX.length)).toEqual(SUFFIX);
  return bytes.subarray(start + 2, start + 2 + bytes[start + 1]!).toString('ascii');
}

const require = createRequire(import.meta.url);
const root = process.cwd();
const electronVersion = (require('electron/package.json') as { version: string }).version;
const NATIVE = Buffer.from('stand-in for better_sqlite3.node built for Electron');
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'ringside-pack-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function writeNative(projectDir: string, stamp: Record<string, string>) {
  mkdirSync(join(projectDir, '.electron-native'), { recursive: true });
  writeFileSync(join(projectDir, '.electron-native', 'better_sqlite3.node'), NATIVE);
  writeFileSync(join(projectDir, '.electron-native', 'stamp.json'), JSON.stringify({ electron: electronVersion, sqlite: '12.6.2', ...stamp }));
}

describe('npm run dist on Linux, with a stand-in Electron (real electron-builder, real config and hook)', () => {
  it('packs out/ into app.asar, the native module beside it, and flips the fuses', { timeout: 180_000 }, async () => {
    // A copy of what electron-builder reads, so the stand-in native module stays out of the checkout.
    const project = join(work, 'project');
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml', 'scripts/afterPack.mjs', 'scripts/fuses.mjs', 'build', 'out']) {
      cpSync(join(root, file), join(project, file), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'junction');
    const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
    writeNative(project, { platform: 'linux', arch });
    const electronDist = join(work, 'electron');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), standInElectron(), { mode: 0o755 });

    const cli = require.resolve('electron-builder/cli.js');
    const args = [cli, '--linux', 'dir', `--${arch}`, '--publish', 'never', `-c.electronDist=${electronDist}`];
    await promisify(execFile)(process.execPath, args, { cwd: project, maxBuffer: 16 * 1024 * 1024 });

    const app = join(project, 'dist', arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
    expect(wireOf(join(app, 'ringside'))).toBe('010001011'); // asar integrity untouched: Linux does not validate it

    const asar = join(app, 'resources', 'app.asar');
    const entries = listPackage(asar, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
    expect(entries).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/preload.cjs', '/out/renderer/index.html']));
    expect(entries.filter((p) => /^\/(src-|scripts|build\/|e2e|\.electron-native\/stamp)|electron-builder\.yml|better-sqlite3\/(build|src|deps)\//.test(p))).toEqual([]);
    // the shell asks for app.asar/.electron-native/better_sqlite3.node; Electron reads it from app.asar.unpacked
    expect(extractFile(asar, 'out/main/index.js').toString()).toContain('../../.electron-native/better_sqlite3.node');
    expect(statFile(asar, '.electron-native/better_sqlite3.node')).toMatchObject({ unpacked: true });
    expect(readFileSync(join(app, 'resources', 'app.asar.unpacked', '.electron-native', 'better_sqlite3.node'))).toEqual(NATIVE);
  });
});

describe('the afterPack hook on each platform', () => {
  const ARCH = { x64: 1, arm64: 3 } as const;

  /** The unpacked app electron-builder hands the hook, laid out as for `platform`. */
  function packed(platform: 'darwin' | 'win32' | 'linux', arch: keyof typeof ARCH, stamp: Record<string, string>, bundled = true) {
    const appOutDir = join(work, 'app');
    const binary = {
      darwin: join(appOutDir, 'Ringside.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework'),
      win32: join(appOutDir, 'Ringside.exe'),
      linux: join(appOutDir, 'ringside'),
    }[platform];
    const resources = platform === 'darwin' ? join(appOutDir, 'Ringside.app', 'Contents', 'Resources') : join(appOutDir, 'resources');
    mkdirSync(dirname(binary), { recursive: true });
    writeFileSync(binary, standInElectron());
    if (bundled) {
      mkdirSync(join(resources, 'app.asar.unpacked', '.electron-native'), { recursive: true });
      writeFileSync(join(resources, 'app.asar.unpacked', '.electron-native', 'better_sqlite3.node'), NATIVE);
    }
    const projectDir = join(work, 'project');
    writeNative(projectDir, stamp);
    const context: AfterPackContextLike = {
      appOutDir,
      electronPlatformName: platform,
      arch: ARCH[arch],
      packager: {
        projectDir,
        executableName: 'ringside',
        appInfo: { productFilename: 'Ringside' },
        config: { electronVersion },
        getResourcesDir: () => resources,
      },
    };
    return { context, binary };
  }

  it('validates asar integrity on macOS and Windows', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { context, binary } = packed(platform, 'x64', { platform, arch: 'x64' });
      await afterPack(context);
      expect(wireOf(binary)).toBe('010011011');
    }
  });

  it('refuses a package whose native module was not bundled, or built for another target, and flips nothing', async () => {
    const missing = packed('linux', 'x64', { platform: 'linux', arch: 'x64' }, false);
    await expect(afterPack(missing.context)).rejects.toThrow(/not in app\.asar\.unpacked.*npm run rebuild:electron/);
    expect(wireOf(missing.binary)).toBe(ELECTRON_DEFAULTS);

    rmSync(work, { recursive: true, force: true });
    const otherArch = packed('linux', 'arm64', { platform: 'linux', arch: 'x64' });
    await expect(afterPack(otherArch.context)).rejects.toThrow('built for arch x64 but this package needs arch arm64');
    expect(wireOf(otherArch.binary)).toBe(ELECTRON_DEFAULTS);

    rmSync(work, { recursive: true, force: true });
    const otherElectron = packed('win32', 'x64', { platform: 'win32', arch: 'x64', electron: '40.0.0' });
    await expect(afterPack(otherElectron.context)).rejects.toThrow(`built for electron 40.0.0 but this package needs electron ${electronVersion}`);
  });
});
