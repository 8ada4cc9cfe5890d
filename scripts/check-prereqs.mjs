#!/usr/bin/env node
// `npm test` runs this first: the tests start a real Chromium, PostgreSQL 15 and Prometheus and make
// throwaway certificates with openssl. Each is looked for where the tests will look (playwright.config.ts,
// test-harness/postgres.ts, test-harness/prometheus.ts), and whatever is missing is named with the one
// command that installs everything, instead of a failure minutes later in the middle of the run.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const INSTALL = {
  debian: 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium postgresql-15 prometheus openssl',
  macos: 'brew install --cask chromium && brew install postgresql@15 prometheus openssl',
};

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** What is missing, one entry per program: what was looked for, and how to point the tests elsewhere. */
export function missingPrereqs(env = process.env) {
  const missing = [];

  const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!isExecutable(chromium)) {
    const elsewhere = ['chromium', 'chromium-browser'].map((n) => onPath(n, env)).find(Boolean);
    missing.push({
      name: 'Chromium',
      detail:
        `${chromium} is not an executable file` +
        (env.CHROMIUM_PATH ? ' (from CHROMIUM_PATH)' : '; set CHROMIUM_PATH to use a Chromium installed elsewhere') +
        (elsewhere ? `; there is one at ${elsewhere}: export CHROMIUM_PATH=${elsewhere}` : ''),
    });
  }

  const pgBin = env.PG_BIN || '/usr/lib/postgresql/15/bin';
  const pgMissing = ['initdb', 'pg_ctl', 'createdb'].filter((b) => !isExecutable(join(pgBin, b)));
  if (pgMissing.length) {
    missing.push({
      name: 'PostgreSQL 15',
      detail:
        `${pgMissing.map((b) => join(pgBin, b)).join(', ')} not found` +
        (env.PG_BIN ? ' (from PG_BIN)' : '; set PG_BIN to the folder holding initdb, pg_ctl and createdb (Homebrew: $(brew --prefix postgresql@15)/bin)'),
    });
  }

  if (!onPath('prometheus', env)) missing.push({ name: 'Prometheus', detail: 'no `prometheus` on PATH' });

  if (!onPath('openssl', env)) missing.push({ name: 'openssl', detail: 'no `openssl` on PATH' });
  return missing;
}

export function report(missing) {
  return [
    `npm test needs ${missing.length === 1 ? 'a program' : 'programs'} this machine lacks:`,
    ...missing.map((m) => `  - ${m.name}: ${m.detail}`),
    '',
    'Install everything the tests need with:',
    `  Debian/Ubuntu:    ${INSTALL.debian}`,
    `  macOS (Homebrew): ${INSTALL.macos}`,
    '    then: export CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium PG_BIN="$(brew --prefix postgresql@15)/bin"',
    '(postgresql-15 is in Debian 12; on other releases add the PostgreSQL apt repository, apt.postgresql.org, first.)',
    'Installing them may start PostgreSQL and Prometheus services; the tests start their own on free ports.',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const missing = missingPrereqs();
  if (missing.length) {
    console.error(report(missing));
    process.exit(1);
  }
}
