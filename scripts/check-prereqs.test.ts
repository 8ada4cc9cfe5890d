import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./check-prereqs.mjs', import.meta.url));
const DEBIAN = 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium postgresql-15 prometheus openssl';
const MACOS = 'brew install --cask chromium && brew install postgresql@15 prometheus openssl';

/** Runs the check as `npm test` does, with only the environment given (no inherited PATH). */
function check(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [script], { env, encoding: 'utf8' });
  return { code: run.status, out: run.stdout + run.stderr };
}

/** A machine made of empty folders and stand-in executables. */
function fakeMachine(have: { chromium?: boolean; postgres?: boolean; prometheus?: boolean; openssl?: boolean }) {
  const root = mkdtempSync(join(tmpdir(), 'ringside-prereqs-'));
  const bin = join(root, 'bin');
  const pgBin = join(root, 'pg15');
  mkdirSync(bin);
  mkdirSync(pgBin);
  const tool = (path: string) => {
    writeFileSync(path, '#!/bin/sh\nexit 0\n');
    chmodSync(path, 0o755);
  };
  if (have.chromium) tool(join(root, 'chromium'));
  if (have.postgres) for (const b of ['initdb', 'pg_ctl', 'createdb']) tool(join(pgBin, b));
  if (have.prometheus) tool(join(bin, 'prometheus'));
  if (have.openssl) tool(join(bin, 'openssl'));
  return { root, env: { PATH: bin, CHROMIUM_PATH: join(root, 'chromium'), PG_BIN: pgBin } };
}

describe('npm test prerequisite check', () => {
  const roots: string[] = [];
  const machine = (have: Parameters<typeof fakeMachine>[0]) => {
    const m = fakeMachine(have);
    roots.push(m.root);
    return m;
  };
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('names every missing program and the one install command for Debian/Ubuntu and macOS, and fails', () => {
    const { env } = machine({});
    const { code, out } = check(env);
    expect(code).toBe(1);
    expect(out).toContain(`Chromium: ${env.CHROMIUM_PATH} is not an executable file (from CHROMIUM_PATH)`);
    expect(out).toContain(`PostgreSQL 15: ${join(env.PG_BIN, 'initdb')}`);
    expect(out).toContain('Prometheus: no `prometheus` on PATH');
    expect(out).toContain('openssl: no `openssl` on PATH');
    expect(out).toContain(DEBIAN);
    expect(out).toContain(MACOS);
  });

  it('names only what is missing: here openssl', () => {
    const { code, out } = check(machine({ chromium: true, postgres: true, prometheus: true }).env);
    expect(code).toBe(1);
    expect(out).toContain('npm test needs a program this machine lacks:\n  - openssl: no `openssl` on PATH\n');
    expect(out).not.toMatch(/Chromium:|PostgreSQL 15:|Prometheus:/);
    expect(out).toContain(DEBIAN);
  });

  it('names PostgreSQL when PG_BIN lacks one of its binaries', () => {
    const { env } = machine({ chromium: true, prometheus: true, openssl: true });
    writeFileSync(join(env.PG_BIN, 'initdb'), '');
    const { code, out } = check(env);
    expect(code).toBe(1);
    expect(out).toContain(`PostgreSQL 15: ${join(env.PG_BIN, 'initdb')}, ${join(env.PG_BIN, 'pg_ctl')}, ${join(env.PG_BIN, 'createdb')} not found (from PG_BIN)`);
  });

  it('points at a Chromium found on PATH when the expected one is absent', () => {
    const { env } = machine({ postgres: true, prometheus: true, openssl: true });
    writeFileSync(join(env.PATH, 'chromium'), '#!/bin/sh\n');
    chmodSync(join(env.PATH, 'chromium'), 0o755);
    expect(check(env).out).toContain(`there is one at ${join(env.PATH, 'chromium')}: export CHROMIUM_PATH=${join(env.PATH, 'chromium')}`);
  });

  it('says nothing and passes when everything is there', () => {
    expect(check(machine({ chromium: true, postgres: true, prometheus: true, openssl: true }).env)).toEqual({ code: 0, out: '' });
  });
});
