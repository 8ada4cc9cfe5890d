#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving the Node build in
// node_modules (used by `npm test` and `npm run serve`) untouched. The shell loads this copy
// through better-sqlite3's `nativeBinding` option. Needs internet (Electron headers or prebuilds).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// fileURLToPath, not URL.pathname: on Windows the pathname is /D:/…, not a path.
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, '.electron-native');
const binary = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');

const electron = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqlite = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const stamp = JSON.stringify({ electron, sqlite, platform: process.platform, arch: process.arch });

if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`better-sqlite3 ${sqlite} for Electron ${electron} is up to date in .electron-native/`);
  process.exit(0);
}

const work = join(outDir, 'build-src');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });

// The machine's npm may point node-gyp at Node's own headers (nodedir); Electron needs its own.
const env = { ...process.env, npm_config_nodedir: '', npm_config_runtime: 'electron', npm_config_target: electron };
const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, env, stdio: 'inherit' });
const args = [`--runtime=electron`, `--target=${electron}`, `--arch=${process.arch}`];
try {
  run(process.execPath, [require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] }), ...args]);
} catch {
  console.log('No prebuilt better-sqlite3 for this Electron; building from source with node-gyp…');
  const gyp = process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js', { paths: [dirname(process.execPath)] });
  run(process.execPath, [gyp, 'rebuild', '--release', ...args, '--dist-url=https://electronjs.org/headers']);
}
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binary);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`Built better-sqlite3 ${sqlite} for Electron ${electron} into .electron-native/`);
