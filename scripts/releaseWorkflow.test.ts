import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { minimumOf, nodeProblem } from './check-node.mjs';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; container?: string; strategy?: { matrix: { os: string[] } }; steps: Step[] }>;
}

const workflow = (name: string) => parse(readFileSync(`.github/workflows/${name}`, 'utf8')) as Workflow;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };
const require = createRequire(import.meta.url);
const electron = require('electron/package.json') as { version: string; engines: { node: string } };

describe('.github/workflows/release.yml', () => {
  const release = workflow('release.yml');
  const job = release.jobs.dist!;
  const steps = job.steps;
  const at = (predicate: (s: Step) => boolean) => steps.findIndex(predicate);

  it('builds on Linux, macOS and Windows with a Node Electron accepts', () => {
    expect([...job.strategy!.matrix.os].sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    const spec = String(setup?.with?.['node-version']);
    // '22.x' resolves to the newest 22 (≥ 22.12); a pinned version must itself be ≥ electron's minimum
    const [major, minor] = spec.split('.');
    const min = minimumOf(electron.engines.node)!;
    expect(Number(major) > min[0]! || (Number(major) === min[0] && (minor === 'x' || Number(minor) >= min[1]!))).toBe(true);
  });

  it('runs npm ci, npm run build, npm run dist, then the Electron journey under Xvfb on Linux, then uploads', () => {
    const ci = at((s) => s.run?.trim() === 'npm ci --no-audit --no-fund' || s.run?.trim() === 'npm ci');
    const build = at((s) => s.run?.trim() === 'npm run build');
    const dist = at((s) => s.run?.trim() === 'npm run dist');
    const journey = at((s) => Boolean(s.run?.includes('xvfb-run -a npx playwright test e2e/electron.spec.ts')));
    const upload = at((s) => Boolean(s.uses?.startsWith('actions/upload-artifact@')));
    expect([ci, build, dist, journey, upload].every((i) => i >= 0)).toBe(true);
    expect([ci, build, dist, journey, upload]).toEqual([ci, build, dist, journey, upload].sort((a, b) => a - b));
    expect(steps[journey]!.if).toBe("runner.os == 'Linux'");
    expect(steps[upload]!.with?.['if-no-files-found']).toBe('error');
    const paths = String(steps[upload]!.with?.path);
    for (const ext of ['AppImage', 'deb', 'dmg', 'exe']) expect(paths).toContain(`dist/*.${ext}`);
  });

  it('takes signing and notarisation credentials from repository secrets only', () => {
    const env = steps.find((s) => s.run?.trim() === 'npm run dist')!.env!;
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'CSC_LINK', 'CSC_KEY_PASSWORD']));
    const everyEnv = steps.flatMap((s) => Object.entries(s.env ?? {}));
    for (const [name, value] of everyEnv) expect(value, name).toMatch(/^\$\{\{.*\bsecrets\.[A-Z0-9_]+.*\}\}$/);
    expect(release.permissions).toEqual({ contents: 'read' });
    expect(readFileSync('.github/workflows/release.yml', 'utf8')).not.toMatch(/ghp_|BEGIN [A-Z ]*PRIVATE KEY|GH_TOKEN|--publish always/);
  });
});

describe('.github/workflows/ci.yml', () => {
  it('runs .ci/run on Debian 12 with Node 20', () => {
    const job = workflow('ci.yml').jobs.test!;
    expect(job.container).toMatch(/^node:20-bookworm/);
    expect(job.steps.map((s) => s.run?.trim())).toContain('.ci/run');
  });

  it('runs the 10,000-per-channel fuzz as its own job', () => {
    const job = workflow('ci.yml').jobs.fuzz!;
    expect(job.steps.map((s) => s.run?.trim())).toContain('npm run fuzz');
  });
});

describe('which Node runs what (scripts/check-node.mjs)', () => {
  it('keeps tests and serve mode on Node 20.19 and checks Node before every command that needs Electron', () => {
    expect(pkg.engines.node).toBe('>=20.19');
    for (const script of ['start', 'dev', 'dist:prepare']) expect(pkg.scripts[script], script).toMatch(/^node scripts\/check-node\.mjs && /);
    for (const script of ['dist', 'dist:linux', 'dist:mac', 'dist:win']) {
      expect(pkg.scripts[script], script).toMatch(/^npm run dist:prepare && electron-builder\b.* --publish never$/);
    }
    expect(pkg.scripts['dist:prepare']).toContain('npm run rebuild:electron');
  });

  it("reads electron's own minimum and names it, with what to do", () => {
    expect(minimumOf('>= 22.12.0')).toEqual([22, 12, 0]);
    expect(minimumOf('^22 || ^24')).toBeNull();
    expect(nodeProblem('20.19.0', [22, 12, 0], '41.10.0')).toMatch(/Node 20\.19\.0 is too old.*Electron 41\.10\.0.*Node 22\.12\.0 or later.*npm test/);
    expect(nodeProblem('v22.11.9', [22, 12, 0], '41.10.0')).toMatch(/too old/);
    for (const ok of ['22.12.0', '22.13.1', '23.0.0', 'v24.1.0']) expect(nodeProblem(ok, [22, 12, 0], '41.10.0'), ok).toBeNull();
  });

  it('stops with that message, or passes, on the Node running this test', async () => {
    const run = promisify(execFile)(process.execPath, ['scripts/check-node.mjs']);
    const problem = nodeProblem(process.versions.node, minimumOf(electron.engines.node)!, electron.version);
    if (problem) await expect(run).rejects.toMatchObject({ code: 1, stderr: `${problem}\n` });
    else await expect(run).resolves.toMatchObject({ stderr: '' });
  });
});
