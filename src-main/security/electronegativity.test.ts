import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan, scanBuilt, scanSources, type Finding, type ScanResult } from './electronegativity';
import { countBySeverity, describeFinding, globToRegExp, judge, loadSuppressions } from './electronegativitySuppressions';

/**
 * The Electronegativity gate: no high or medium finding on the sources or on the built app that
 * security/electronegativity-suppressions.json does not list with its reason, and no entry there
 * that no longer matches anything. The built part needs `npm run build` first (npm test does).
 */
const suppressions = loadSuppressions(fileURLToPath(new URL('../../security/electronegativity-suppressions.json', import.meta.url)));
const excluded = suppressions.excludedChecks.map((c) => c.check);
const gated = (f: Finding) => f.severity === 'HIGH' || f.severity === 'MEDIUM';

function gate(what: string, result: ScanResult, inScope: (glob: string) => boolean) {
  const judged = judge(result.findings, suppressions, inScope);
  const counts = countBySeverity(result.findings);
  const lines = [
    `Electronegativity on ${what}: ${result.checks} checks, ${result.findings.length} findings (` +
      Object.entries(counts)
        .map(([severity, n]) => `${severity} ${n}`)
        .join(', ') +
      `), ${judged.suppressed.length} suppressed`,
    ...judged.open.map((f) => `  open: ${describeFinding(f)}`),
  ];
  console.info(lines.join('\n'));
  expect(result.unparsed, `${what}: files Electronegativity could not parse, so did not check`).toEqual([]);
  expect(
    judged.open.filter(gated).map(describeFinding),
    `${what}: high/medium findings; fix them, or list each false positive in security/electronegativity-suppressions.json with the reason`,
  ).toEqual([]);
  expect(
    judged.unused.map((s) => `${s.check} ${s.files.join(' ')}`),
    `${what}: suppressions that match nothing any more; delete them from security/electronegativity-suppressions.json`,
  ).toEqual([]);
}

describe('Electronegativity gate', () => {
  it('flags an insecure window and a page without a CSP, naming the check, file and line', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-insecure-'));
    try {
      // A deliberately insecure sample, written to a temp folder and only scanned (never run), so
      // the gate is shown to catch exactly the settings Ringside's own window must never have.
      writeFileSync(
        join(dir, 'main.js'),
        [
          "const { BrowserWindow } = require('electron');",
          'const win = new BrowserWindow({',
          '  webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false },',
          '});',
          "win.loadURL('http://example.com/');",
        ].join('\n'),
      );
      writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
      const result = await scan(dir, 'fixture/', excluded);
      const open = judge(result.findings, suppressions, () => false).open.filter(gated);
      const byCheck = new Map(open.map((f) => [f.check, f]));
      expect([...byCheck.keys()]).toEqual(
        expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'SANDBOX_JS_CHECK', 'CSP_GLOBAL_CHECK']),
      );
      expect(byCheck.get('CONTEXT_ISOLATION_JS_CHECK')).toMatchObject({ severity: 'HIGH', file: 'fixture/main.js', line: 3 });
      expect(describeFinding(byCheck.get('WEB_SECURITY_JS_CHECK')!)).toMatch(/^MEDIUM WEB_SECURITY_JS_CHECK at fixture\/main\.js:3:\d+: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds no open high or medium finding in the sources', { timeout: 60_000 }, async () => {
    gate('the sources', await scanSources(excluded), (glob) => !glob.startsWith('out/'));
  });

  it('finds no open high or medium finding in the built app (out/)', { timeout: 60_000 }, async () => {
    gate('out/', await scanBuilt(excluded), (glob) => glob.startsWith('out/'));
  });
});

describe('electronegativity suppressions', () => {
  it('match files by glob: * inside a segment, ** across segments', () => {
    expect(globToRegExp('src-main/shell/*.ts').test('src-main/shell/window.ts')).toBe(true);
    expect(globToRegExp('src-main/*.ts').test('src-main/shell/window.ts')).toBe(false);
    expect(globToRegExp('src-main/**/*.ts').test('src-main/window.ts')).toBe(true);
    expect(globToRegExp('out/**').test('out/main/index.js')).toBe(true);
    expect(globToRegExp('out/main/index.js').test('out/main/indexXjs')).toBe(false);
  });

  it('cover a finding only for its own check', () => {
    const finding: Finding = {
      check: 'NODE_INTEGRATION_JS_CHECK',
      severity: 'HIGH',
      confidence: 'CERTAIN',
      file: 'src-main/shell/window.ts',
      line: 1,
      column: 0,
      description: '',
      manualReview: false,
    };
    expect(judge([finding], suppressions, () => true).open).toEqual([finding]);
  });

  it('report an entry that matched nothing in the files a scan covered', () => {
    const entry = { check: 'AUXCLICK_JS_CHECK', files: ['src-main/shell/*.ts'], reason: 'an entry whose finding has been fixed' };
    const file = { excludedChecks: [], suppressions: [entry] };
    expect(judge([], file, (glob) => glob.startsWith('src-main/')).unused).toEqual([entry]);
    expect(judge([], file, (glob) => glob.startsWith('out/')).unused).toEqual([]);
  });
});
