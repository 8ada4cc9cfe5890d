import type { Figure, Stat } from './results';

/** A recorded figure with what the runner works out from it. */
export interface Row extends Figure {
  /** Ringside's median over the anchor's, null without an anchor. */
  ratio: number | null;
  /** The target met, missed, or null when the row has none. */
  met: boolean | null;
  /** When it was measured (ISO), and in which kind of run. */
  measuredAt: string;
  run: 'full' | 'quick';
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string | null;
  chromium: string | null;
  scipy: string | null;
}

export interface Results {
  generatedAt: string;
  machine: Machine;
  rows: Row[];
}

const compare = { '<=': (a: number, b: number) => a <= b, '<': (a: number, b: number) => a < b, '>=': (a: number, b: number) => a >= b, '>': (a: number, b: number) => a > b };

export function evaluate(figure: Figure, measuredAt: string, run: Row['run']): Row {
  const anchor = figure.anchor && 'stat' in figure.anchor ? figure.anchor.stat : null;
  const ratio = anchor && anchor.median !== 0 && Number.isFinite(anchor.median) ? figure.ringside.median / anchor.median : null;
  const met = figure.target ? Number.isFinite(figure.target.measured) && compare[figure.target.op](figure.target.measured, figure.target.value) : null;
  return { ...figure, ratio, met, measuredAt, run };
}

/** The rows of one run, recorded as JSON lines; a line that is not a figure is named, not skipped silently. */
export function parseParts(text: string): { figures: Figure[]; problems: string[] } {
  const figures: Figure[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value = JSON.parse(line) as Figure;
      if (typeof value.id !== 'string' || typeof value.figure !== 'string' || typeof value.ringside?.median !== 'number') throw new Error('not a figure');
      figures.push(value);
    } catch (error) {
      problems.push(`line ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { figures, problems };
}

/** A full run's rows replace the same ids in the last results; rows not measured again keep their old figure and date. */
export function merge(previous: Row[], fresh: Row[]): Row[] {
  const byId = new Map(fresh.map((r) => [r.id, r]));
  // keep the table's order: previous order, fresh rows in place of theirs, new rows after their group
  const out: Row[] = previous.map((r) => byId.get(r.id) ?? r);
  for (const r of fresh) {
    if (previous.some((p) => p.id === r.id)) continue;
    const lastOfGroup = out.map((o) => o.group).lastIndexOf(r.group);
    if (lastOfGroup < 0) out.push(r);
    else out.splice(lastOfGroup + 1, 0, r);
  }
  return grouped(out);
}

/** Rows of one group together, groups in the order they first appear, rows in their own order. */
export function grouped(rows: Row[]): Row[] {
  const order = [...new Set(rows.map((r) => r.group))];
  return order.flatMap((g) => rows.filter((r) => r.group === g));
}

/** A number in its unit, with as many digits as it needs. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

const statCells = (stat: Stat | null, unit: string) => (stat ? [formatValue(stat.median, unit), stat.p95 === null ? '—' : formatValue(stat.p95, unit)] : ['—', '—']);

/** figure, Ringside median, p95, anchor median, p95, ratio, target, met — one array of cells per row. */
export function cells(row: Row): string[] {
  const anchor = row.anchor ?? null;
  const anchorStat = anchor && 'stat' in anchor ? anchor.stat : null;
  const anchorName = anchor ? ('stat' in anchor ? anchor.name : `${anchor.name}: ${anchor.missing}`) : '';
  return [
    row.figure,
    ...statCells(row.ringside, row.unit),
    anchorName,
    ...statCells(anchorStat, row.unit),
    row.ratio === null ? "—" : `${row.ratio >= 0.1 ? row.ratio.toFixed(2) : row.ratio.toPrecision(2)}×`,
    row.target?.text ?? '—',
    row.met === null ? '—' : row.met ? 'met' : 'NOT MET',
  ];
}

export const HEADER = ['figure', 'Ringside median', 'p95', 'anchor', 'median', 'p95', 'ratio', 'target', 'met'];

/** The table for a terminal: grouped, columns padded. */
export function textTable(rows: Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.min(c === 0 || c === 3 ? 60 : c === 7 ? 32 : 24, Math.max(...table.map((r) => r[c]!.length))));
  const line = (r: string[]) => r.map((cell, c) => (cell.length > widths[c]! ? `${cell.slice(0, widths[c]! - 1)}…` : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const out: string[] = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  ')];
  let group = '';
  for (const row of grouped(rows)) {
    if (row.group !== group) {
      group = row.group;
      out.push(`[${group}]`);
    }
    out.push(line(cells(row)));
  }
  return out.join('\n');
}

const md = (text: string) => text.replace(/\|/g, '\\|');

/** The README's Performance section, generated from bench/results/latest.json. */
export function markdownSection(results: Results): string {
  const m = results.machine;
  const lines = [
    `Generated by \`npm run bench\` from \`bench/results/latest.json\` (${results.generatedAt.slice(0, 10)}); do not edit by hand.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, SQLite ${m.sqlite ?? '?'}, ` +
      `${m.chromium ?? 'no Chromium'}, ${m.scipy ? `scipy ${m.scipy}` : 'no scipy (the judge has no anchor)'}.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
  ];
  let group = '';
  for (const row of results.rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push(`| **${md(group)}** |${' |'.repeat(HEADER.length - 1)}`);
    }
    lines.push(`| ${cells(row).map(md).join(' | ')} |`);
  }
  const notes = results.rows.filter((r) => r.note);
  if (notes.length) {
    lines.push('', 'Notes:', '');
    for (const r of notes) lines.push(`- ${md(r.figure)}: ${r.note}`);
  }
  const missed = results.rows.filter((r) => r.met === false);
  lines.push('', missed.length ? `Targets not met: ${missed.map((r) => r.figure).join('; ')}.` : 'Every target in the table is met.');
  return lines.join('\n');
}

export const START_MARK = '<!-- bench:start -->';
export const END_MARK = '<!-- bench:end -->';

/** Put the section between the README's markers; a README without them is an error, not a silent no-op. */
export function replaceSection(readme: string, section: string): string {
  const start = readme.indexOf(START_MARK);
  const end = readme.indexOf(END_MARK);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START_MARK} … ${END_MARK} markers for the Performance section`);
  return `${readme.slice(0, start + START_MARK.length)}\n${section}\n${readme.slice(end)}`;
}
