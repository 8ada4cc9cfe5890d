import { z } from 'zod';

/** An audit event a DORA figure counted, with why. */
export const EventRef = z.object({
  id: z.number().int(),
  time: z.number(),
  action: z.string(),
  objectId: z.string(),
  note: z.string(),
});
export type EventRef = z.infer<typeof EventRef>;

/** One figure and the events behind it; value null when nothing was there to measure. */
export const DoraFigure = z.object({ value: z.number().nullable(), counted: z.array(EventRef) });
export type DoraFigure = z.infer<typeof DoraFigure>;

const Figures = {
  /** rollouts completed */
  deploymentFrequency: DoraFigure,
  /** median commit → deployed (or flag on), where a commit time annotation exists */
  leadTimeMs: DoraFigure,
  /** share of releases followed within the window by a kill, abort or rollback */
  changeFailureRate: DoraFigure,
  /** median failure signal → kill or abort */
  recoveryMs: DoraFigure,
};

export const DoraWeek = z.object({ weekStart: z.number(), ...Figures });
export type DoraWeek = z.infer<typeof DoraWeek>;

export const DoraReport = z.object({
  from: z.number(),
  to: z.number(),
  failureWindowMs: z.number(),
  weeks: z.array(DoraWeek),
  total: z.object(Figures),
  /** events of the range the computation read */
  considered: z.number().int(),
});
export type DoraReport = z.infer<typeof DoraReport>;
