import { z } from 'zod';
import { MetricSeries, Release } from '../../domain/canary';
import { ChartMarker, Verdict } from '../../domain/verdict';
import { Empty, Id, type ChannelDef } from './fields';

/** Canary analysis: releases, series, verdicts, chart markers. */
export const canaryChannels = {
  'canary:releases': {
    doc: 'Releases that have a canary to compare against its baseline.',
    request: Empty,
    response: z.object({ releases: z.array(Release) }),
  },
  'canary:series': {
    doc: 'Canary and baseline series of every metric of a release over [from, to] (epoch ms).',
    request: z
      .object({
        releaseId: Id,
        from: z.number().int().nonnegative(),
        to: z.number().int().nonnegative(),
        maxPoints: z.number().int().min(2).max(11_000).optional(),
      })
      .strict()
      .refine((r) => r.to > r.from, { message: 'must be later than from', path: ['to'] }),
    response: z.object({ series: z.array(MetricSeries) }),
  },
  'canary:judge': {
    doc:
      'The canary verdict of a release over the last windowMs (default 30 min): outcome, what decided it, score and the numbers behind it. ' +
      "Over the default window it is the release's one judgement of the current 3 s step, the same the rings and the guard use; " +
      "over another window a one-off that does not move the stop-the-line rules' breach counts.",
    request: z
      .object({ releaseId: Id, windowMs: z.number().int().min(60_000).max(24 * 3_600_000).optional() })
      .strict(),
    response: Verdict,
  },
  'canary:markers': {
    doc: 'Flag toggles, kill switches, rollout steps and guard actions of a release within [from, to], for the charts.',
    request: z
      .object({ releaseId: Id, from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
      .strict()
      .refine((r) => r.to > r.from, { message: 'must be later than from', path: ['to'] }),
    response: z.object({ markers: z.array(ChartMarker) }),
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
