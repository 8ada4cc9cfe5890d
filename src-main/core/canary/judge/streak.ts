/**
 * When a hard rule trips: consecutive breaches, not one bad scrape.
 *
 * A rule's condition holding in one window is a breach. The rule trips — fails the verdict, and
 * with it calls the stop-the-line guard — only once it has breached on `tripAfter` consecutive
 * counted evaluations (default 3, per rule). Flagger calls this number `threshold`. Argo Rollouts'
 * `failureLimit` plays the same part but counts failed measurements in total and names how many
 * are allowed, so `tripAfter: 3` is closest to Argo's `failureLimit: 2` (the exported
 * AnalysisTemplate uses that: it can only trip sooner than Ringside, never later).
 *
 * One evaluation is one judgement of the release over its window. It counts for a rule when
 *  - the rule was evaluated: both samples hold at least minSamples finite values (rules.ts).
 *    A rule that could not be checked is neither a breach nor a recovery: the count stays;
 *  - its window ends at least `intervalMs` (default 30 s) after the last counted one (Argo's
 *    `interval`). Asking again sooner — the next poll, a second view — reads the same scrapes
 *    again and is no new evidence, so it does not move the count; the rule still shows what
 *    that window says. A window ending before the last counted one (a clock set back) counts.
 * A counted breach adds one (up to tripAfter); a counted clean evaluation sets the count to 0,
 * so a breach followed by a recovery never adds up with a later breach. A tripped rule stays
 * tripped until a counted clean evaluation.
 *
 * The count is state the caller keeps: the canary service holds it per release, and the ring
 * service stores it in the plan's run beside the guard's latch, so a restart continues the count.
 */
import type { RuleStreak } from '../../../../src-shared/domain/verdict';
import type { Rule, RuleCheck } from './rules';

export const DEFAULT_TRIP_AFTER = 3;
export const DEFAULT_RULE_INTERVAL_MS = 30_000;

/** A rule's identity across evaluations: changing its threshold or statistic starts a new count. */
export function ruleKey(rule: Rule): string {
  return `${rule.kind}:${rule.metric}:${rule.statistic ?? 'mean'}:${rule.threshold}`;
}

export interface RuleResult extends RuleCheck {
  key: string;
  /** consecutive breaching evaluations, this one included when it counted (at most tripAfter) */
  breaches: number;
  tripAfter: number;
  /** breaches reached tripAfter: the rule fails the verdict */
  tripped: boolean;
  /** whether this evaluation moved the count */
  counted: boolean;
  /** the window end of the last counted evaluation */
  countedAt: number | null;
}

/**
 * Fold one window's check into the rule's streak. `at` is the evaluation's window end; without
 * it (a one-off judgement) every evaluated check counts.
 */
export function advanceStreak(check: RuleCheck, prior: RuleStreak | undefined, at?: number): RuleResult {
  const key = ruleKey(check.rule);
  const tripAfter = check.rule.tripAfter ?? DEFAULT_TRIP_AFTER;
  const interval = check.rule.intervalMs ?? DEFAULT_RULE_INTERVAL_MS;
  const previous = Math.min(prior?.breaches ?? 0, tripAfter);
  const last = prior?.countedAt ?? null;
  const due = at === undefined || last === null || at - last >= interval || at < last;
  const counted = check.evaluated && due;
  const breaches = counted ? (check.breached ? Math.min(previous + 1, tripAfter) : 0) : previous;
  const countedAt = counted && at !== undefined ? at : last;
  return { ...check, key, breaches, tripAfter, tripped: breaches >= tripAfter, counted, countedAt };
}

/** What to keep of the results for the next evaluation. */
export function streaksOf(results: readonly Pick<RuleResult, 'key' | 'breaches' | 'countedAt'>[]): RuleStreak[] {
  return results.map(({ key, breaches, countedAt }) => ({ key, breaches, countedAt }));
}
