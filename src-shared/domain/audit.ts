import { z } from 'zod';

export const AuditSource = z.enum(['console', 'guard', 'canary', 'flag-server', 'rollout', 'demo']);
export type AuditSource = z.infer<typeof AuditSource>;

export const AuditEvent = z.object({
  id: z.number().int(),
  time: z.number(),
  source: AuditSource,
  actor: z.string(),
  workspace: z.string(),
  environment: z.string().nullable(),
  objectType: z.enum(['flag', 'rollout', 'plan', 'release', 'workspace']),
  objectId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
  result: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** An event before the store gives it an id. */
export type NewAuditEvent = Omit<AuditEvent, 'id'>;
