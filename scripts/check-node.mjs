#!/usr/bin/env node
// `npm start`, `npm run dev` and `npm run dist` run Electron and its tooling (@electron/get,
// @electron/rebuild), which need a newer Node than the tests and serve mode (package.json engines).
// This stops them up front with what to install, instead of failing halfway through a download.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The minimum version in an engines range written `>= X.Y.Z` (electron's form), or null. */
export function minimumOf(range) {
  const match = /^\s*>=\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(range ?? '');
  return match ? match.slice(1, 4).map(Number) : null;
}

/** Why `current` (e.g. "20.19.0") cannot run Electron needing `minimum` ([22, 12, 0]), or null. */
export function nodeProblem(current, minimum, electronVersion) {
  const have = current.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > minimum[i]) return null;
    if ((have[i] ?? 0) < minimum[i]) {
      const need = minimum.join('.');
      return (
        `Node ${current.replace(/^v/, '')} is too old for the desktop app: Electron ${electronVersion} and its packaging tools need Node ${need} or later. ` +
        `Install Node ${need}+ (for example \`nvm install 22\`), or use \`npm test\` / \`npm run serve\`, which run on Node 20.19+.`
      );
    }
  }
  return null;
}

function electronRequirement() {
  const pkg = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
  return { version: pkg.version, minimum: minimumOf(pkg.engines?.node) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const electron = electronRequirement();
  if (!electron.minimum) {
    console.error(`scripts/check-node.mjs cannot read electron ${electron.version}'s engines.node; update the check.`);
    process.exit(1);
  }
  const problem = nodeProblem(process.versions.node, electron.minimum, electron.version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
