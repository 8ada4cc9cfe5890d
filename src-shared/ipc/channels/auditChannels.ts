import { z } from 'zod';
import { AuditEvent } from '../../domain/audit';
import { BackendKind } from '../../domain/backend';
import { DoraReport } from '../../domain/dora';
import { Empty, SafeText, type ChannelDef } from './fields';

/** Where a page of the audit ends (time, then id); the next page starts after it. */
const AuditCursor = z.object({ time: z.number().int(), id: z.number().int().positive() }).strict();

/**
 * The longest value each text filter takes, in characters. The one source: the schemas below
 * and the Audit view's fields both read it, so a field refuses what main would refuse.
 */
export const AUDIT_FILTER_LIMITS = {
  text: 10_000,
  source: 40,
  environment: 100,
  objectId: 256,
  actor: 256,
  action: 100,
} as const;
export type AuditTextFilter = keyof typeof AUDIT_FILTER_LIMITS;

const limited = (key: AuditTextFilter) => SafeText.max(AUDIT_FILTER_LIMITS[key]).optional();

/** The Audit view's filters, shared by search, count and export. */
export const auditFilter = {
  text: limited('text'),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  source: limited('source'),
  environment: limited('environment'),
  objectId: limited('objectId'),
  actor: limited('actor'),
  action: limited('action'),
};

/** The audit history: search, counts, sync, export, DORA, the hash chain. */
export const auditChannels = {
  'audit:page': {
    doc: 'Audit events newest first, a page at a time (beforeId is the cursor from the last page).',
    request: z
      .object({
        limit: z.number().int().min(1).max(500),
        beforeId: z.number().int().positive().optional(),
      })
      .strict(),
    response: z.object({ events: z.array(AuditEvent), nextBeforeId: z.number().int().nullable() }),
  },
  'audit:search': {
    doc: 'Full-text search (action, object, actor, reason, payload) with filters, newest first by time; next page after `before`, beforeId anchors a list, offset jumps in it.',
    request: z
      .object({
        ...auditFilter,
        limit: z.number().int().min(1).max(500),
        before: AuditCursor.optional(),
        beforeId: z.number().int().positive().optional(),
        offset: z.number().int().min(0).max(100_000_000).optional(),
      })
      .strict(),
    response: z.object({ events: z.array(AuditEvent), next: AuditCursor.nullable() }),
  },
  'audit:count': {
    doc: 'How many events a filter matches (afterId: only those newer than an event already shown).',
    request: z.object({ ...auditFilter, afterId: z.number().int().nonnegative().optional() }).strict(),
    /** maxId: the newest id of the workspace when counted, to anchor a list (beforeId = maxId + 1) */
    response: z.object({ count: z.number().int(), maxId: z.number().int().nullable() }),
  },
  'audit:status': {
    doc: "The audit's sources with their last sync time and state (offline banner), and the flag server sync's progress.",
    request: Empty,
    response: z.object({
      offline: z.boolean(),
      sources: z.array(
        z.object({
          source: z.string(),
          backend: BackendKind,
          configured: z.boolean(),
          state: z.string(),
          lastSyncAt: z.number().nullable(),
          message: z.string().nullable(),
        }),
      ),
      flagSync: z.object({
        running: z.boolean(),
        paused: z.boolean(),
        syncedAt: z.number().nullable(),
        cursor: z.number().nullable(),
        resumeFrom: z.object({ top: z.number(), low: z.number(), count: z.number() }).nullable(),
      }),
      events: z.number().int(),
    }),
  },
  'audit:sync': {
    doc: "Sync the flag server's event log into the audit now (resume: also lift a pause set by audit:cancelSync).",
    request: z.object({ resume: z.boolean().optional() }).strict(),
    response: z.object({ added: z.number().int(), complete: z.boolean(), cancelled: z.boolean() }),
  },
  'audit:cancelSync': {
    doc: 'Stop a running flag server sync after its current page (pages already synced stay) and pause it until audit:sync resumes.',
    request: Empty,
    response: z.object({ cancelled: z.boolean() }),
  },
  'audit:export': {
    doc: "Stream the current filter's events to a CSV or JSON Lines file in the data folder's exports/, with a header recording the filter and the chain's state.",
    request: z.object({ ...auditFilter, format: z.enum(['csv', 'jsonl']) }).strict(),
    response: z.object({
      fileName: z.string(),
      path: z.string(),
      /** where serve mode offers the file for download */
      downloadPath: z.string(),
      rows: z.number().int(),
      bytes: z.number().int(),
      chain: z.object({
        ok: z.boolean(),
        checked: z.number().int(),
        firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
        verifiedAt: z.number(),
      }),
    }),
  },
  'audit:dora': {
    doc: 'DORA figures per week from the history (deployments, lead time, change failure rate, recovery time), each with the events it counted.',
    request: z
      .object({
        weeks: z.number().int().min(1).max(52).optional(),
        failureWindowHours: z.number().min(0.25).max(24 * 14).optional(),
      })
      .strict(),
    response: DoraReport,
  },
  'audit:verify': {
    doc: "Recompute the audit history's hash chain and name the first edited, deleted or reordered row.",
    request: Empty,
    response: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
    }),
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
