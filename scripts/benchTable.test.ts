import { cells, END_MARK, evaluate, markdownSection, merge, parseParts, replaceSection, START_MARK, textTable, type Results } from '../bench/table';
import type { Figure } from '../bench/results';

const figure = (over: Partial<Figure> = {}): Figure => ({
  id: 'kill.overhead',
  group: 'kill switch',
  figure: 'overhead beyond POST + read',
  unit: 'ms',
  ringside: { median: 3, p95: 4.5 },
  anchor: { name: 'direct POST + read', stat: { median: 12, p95: 20 } },
  target: { text: 'p95 ≤ 5 ms', measured: 4.5, op: '<=', value: 5 },
  ...over,
});
const at = '2026-12-01T00:00:00.000Z';

describe('the benchmark table', () => {
  it('works out the ratio of medians and whether each kind of target is met', () => {
    const row = evaluate(figure(), at, 'full');
    expect(row.ratio).toBe(0.25);
    expect(row.met).toBe(true);
    expect(evaluate(figure({ target: { text: '', measured: 5.01, op: '<=', value: 5 } }), at, 'full').met).toBe(false);
    expect(evaluate(figure({ target: { text: '', measured: 5, op: '<', value: 5 } }), at, 'full').met).toBe(false);
    expect(evaluate(figure({ target: { text: '', measured: 100_000, op: '>=', value: 100_000 } }), at, 'full').met).toBe(true);
    expect(evaluate(figure({ target: { text: '', measured: 99_999, op: '>', value: 100_000 } }), at, 'full').met).toBe(false);
    // a figure that could not be measured never counts as met
    expect(evaluate(figure({ target: { text: '', measured: Number.NaN, op: '<=', value: 5 } }), at, 'full').met).toBe(false);
    expect(evaluate(figure({ target: null }), at, 'full').met).toBeNull();
    expect(evaluate(figure({ anchor: { name: 'scipy', missing: 'not installed' } }), at, 'full').ratio).toBeNull();
  });

  it('shows a missing anchor with its reason, and a single measurement without a p95', () => {
    const row = evaluate(figure({ ringside: { median: 123_456, p95: null }, unit: 'events/s', anchor: { name: 'scipy', missing: 'not installed here' }, target: null }), at, 'full');
    expect(cells(row)).toEqual(['overhead beyond POST + read', '123,456 events/s', '—', 'scipy: not installed here', '—', '—', '—', '—', '—']);
    expect(cells(evaluate(figure({ target: { text: 'p95 ≤ 5 ms', measured: 9, op: '<=', value: 5 } }), at, 'full')).at(-1)).toBe('NOT MET');
  });

  it('reads the rows of a run and names a line that is not a figure', () => {
    const text = `${JSON.stringify(figure())}\n{"id": 1}\nnot json\n\n${JSON.stringify(figure({ id: 'b' }))}\n`;
    const { figures, problems } = parseParts(text);
    expect(figures.map((f) => f.id)).toEqual(['kill.overhead', 'b']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^line 2: not a figure/);
    expect(problems[1]).toMatch(/^line 3: /);
  });

  it('merges a run into the last results: same ids replaced in place, new rows after their group, others kept', () => {
    const old = ['a1', 'a2', 'b1'].map((id) => evaluate(figure({ id, group: id[0]! }), '2026-01-01T00:00:00.000Z', 'full'));
    const fresh = [evaluate(figure({ id: 'a2', group: 'a', ringside: { median: 1, p95: 1 } }), at, 'full'), evaluate(figure({ id: 'a3', group: 'a' }), at, 'full'), evaluate(figure({ id: 'c1', group: 'c' }), at, 'full')];
    const merged = merge(old, fresh);
    expect(merged.map((r) => r.id)).toEqual(['a1', 'a2', 'a3', 'b1', 'c1']);
    expect(merged[1]!.ringside.median).toBe(1);
    expect(merged[0]!.measuredAt).toBe('2026-01-01T00:00:00.000Z');
    // rows recorded interleaved (a bench adding to a group another bench began) come out together
    const interleaved = ['a1', 'b1', 'a2'].map((id) => evaluate(figure({ id, group: id[0]! }), at, 'full'));
    expect(merge([], interleaved).map((r) => r.id)).toEqual(['a1', 'a2', 'b1']);
  });

  it('prints groups in a terminal table and a README section naming the machine, with pipes escaped', () => {
    const rows = [evaluate(figure({ figure: 'a | b' }), at, 'full'), evaluate(figure({ id: 'x', group: 'audit', target: { text: '≥ 1', measured: 0, op: '>=', value: 1 } }), at, 'full')];
    const text = textTable(rows);
    expect(text).toContain('[kill switch]');
    expect(text).toContain('[audit]');
    const results: Results = {
      generatedAt: at,
      machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, os: 'Linux 6', node: '20.20.2', sqlite: '3.53.0', chromium: 'Chromium 140', scipy: null },
      rows,
    };
    const section = markdownSection(results);
    expect(section).toContain('Machine: Test CPU, 2 cores, 24 GiB');
    expect(section).toContain('no scipy');
    expect(section).toContain('a \\| b');
    expect(section).toContain('Targets not met: overhead beyond POST + read.');
  });

  it('replaces only what is between the README markers, and refuses a README without them', () => {
    const readme = `# R\n\n## Performance\n${START_MARK}\nold table\n${END_MARK}\n\n## After\n`;
    const next = replaceSection(readme, 'new table');
    expect(next).toBe(`# R\n\n## Performance\n${START_MARK}\nnew table\n${END_MARK}\n\n## After\n`);
    expect(replaceSection(next, 'new table')).toBe(next);
    expect(() => replaceSection('# R\n', 'x')).toThrow(/no <!-- bench:start -->/);
  });
});
