import { readFileSync } from 'node:fs';
import { markdownSection, replaceSection, type Results } from '../bench/table';

/** The README's Performance section is what `npm run bench` generated from the committed results, not hand-edited. */
describe("the README's Performance section", () => {
  it('is the table generated from bench/results/latest.json, every row filled', () => {
    const results = JSON.parse(readFileSync('bench/results/latest.json', 'utf8')) as Results;
    const readme = readFileSync('README.md', 'utf8');
    expect(replaceSection(readme, markdownSection(results))).toBe(readme);
    expect(results.rows.length).toBeGreaterThan(0);
    for (const row of results.rows) {
      expect(Number.isFinite(row.ringside.median), row.id).toBe(true);
      expect(row.run, row.id).toBe('full');
    }
    expect(results.machine.cores).toBeGreaterThan(0);
  });
});
