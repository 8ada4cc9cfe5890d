import { relative } from 'node:path';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Playwright's list reporter marks a skipped test with "-" but never says why. This one, listed
 * after it, prints each skipped test with the reason its spec gave under the summary, so a
 * newcomer sees e.g. that the Electron journey needs the Electron binary.
 */
export default class SkipReasons implements Reporter {
  private readonly skipped: { title: string; reason: string }[] = [];

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const skip = [...result.annotations, ...test.annotations].find((a) => a.type === 'skip' || a.type === 'fixme');
    const [, , , ...titles] = test.titlePath();
    const where = `${relative(process.cwd(), test.location.file)}:${test.location.line}:${test.location.column}`;
    this.skipped.push({ title: `${where} › ${titles.join(' › ')}`, reason: skip?.description ?? 'no reason given' });
  }

  onEnd(_result: FullResult): void {
    if (!this.skipped.length) return;
    const lines = this.skipped.map((s) => `  skipped ${s.title}\n    why: ${s.reason}`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
