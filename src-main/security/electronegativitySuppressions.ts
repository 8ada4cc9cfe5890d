import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RingsideError } from '../../src-shared/ipc/result';
import type { Finding, Severity } from './electronegativity';

/**
 * security/electronegativity-suppressions.json: the one list of Electronegativity findings judged
 * false positives on review, and of checks not run at all, each with the reason.
 */
const Reason = z.string().min(20, 'say why, for the next reviewer');
export const SuppressionsFile = z.strictObject({
  excludedChecks: z.array(z.strictObject({ check: z.string().regex(/^[A-Za-z]+Check$/, 'a check class name'), reason: Reason })),
  suppressions: z.array(
    z.strictObject({
      check: z.string().regex(/^[A-Z0-9_]+_CHECK$/, 'a check id'),
      /** repo-relative globs: * within a path segment, ** across segments */
      files: z.array(z.string().min(1)).min(1),
      reason: Reason,
    }),
  ),
});
export type SuppressionsFile = z.infer<typeof SuppressionsFile>;
export type Suppression = SuppressionsFile['suppressions'][number];

export function loadSuppressions(path: string): SuppressionsFile {
  const parsed = SuppressionsFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new RingsideError('bad_request', `${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A glob of the suppressions file as a regular expression over a forward-slash path. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" matches zero or more whole segments; a trailing "**" anything
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export interface Judged {
  /** findings no suppression covers */
  open: Finding[];
  suppressed: { finding: Finding; reason: string }[];
  /** suppressions that matched nothing in this scan's files: the list must stay true */
  unused: Suppression[];
}

/** Splits findings into suppressed and open; `scope` says which files this scan covered (for unused entries). */
export function judge(findings: readonly Finding[], file: SuppressionsFile, scope: (glob: string) => boolean): Judged {
  const entries = file.suppressions.map((s) => ({ s, patterns: s.files.map(globToRegExp), used: false }));
  const open: Finding[] = [];
  const suppressed: Judged['suppressed'] = [];
  for (const finding of findings) {
    const entry = entries.find((e) => e.s.check === finding.check && e.patterns.some((p) => p.test(finding.file)));
    if (!entry) open.push(finding);
    else {
      entry.used = true;
      suppressed.push({ finding, reason: entry.s.reason });
    }
  }
  const unused = entries.filter((e) => !e.used && e.s.files.some(scope)).map((e) => e.s);
  return { open, suppressed, unused };
}

const SEVERITIES: Severity[] = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** One line per finding: what a reviewer needs to open the place and decide. */
export const describeFinding = (f: Finding): string =>
  `${f.severity} ${f.check} at ${f.file}:${f.line}:${f.column}${f.manualReview ? ' (review)' : ''}: ${f.description}`;
