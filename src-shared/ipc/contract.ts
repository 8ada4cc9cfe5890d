import { z } from 'zod';
import { BackendKind } from '../domain/backend';
import { VerdictOutcome } from '../domain/canary';
import { GuardAlert } from '../domain/plan';
import { appChannels } from './channels/appChannels';
import { auditChannels } from './channels/auditChannels';
import { canaryChannels } from './channels/canaryChannels';
import type { ChannelDef, EventDef } from './channels/fields';
import { flagChannels } from './channels/flagChannels';
import { governanceChannels } from './channels/governanceChannels';
import { releaseChannels } from './channels/releaseChannels';
import { workspaceChannels } from './channels/workspaceChannels';

/**
 * The contract: every channel between renderer and main, declared per domain in ./channels.
 * Main handlers, the preload bridge and the loopback transport are all derived from this object;
 * nothing else may define a channel.
 */
export const channels = {
  ...appChannels,
  ...flagChannels,
  ...canaryChannels,
  ...releaseChannels,
  ...auditChannels,
  ...workspaceChannels,
  ...governanceChannels,
} as const satisfies Record<`${string}:${string}`, ChannelDef>;

/** How often the transports send `app:heartbeat`: three missed beats (1.5 s) and the renderer shows the core offline. */
export const HEARTBEAT_EVERY_MS = 500;

/** Push events from main to the renderer. */
export const events = {
  'state:changed': {
    doc: 'Something the renderer shows changed in main; reload that domain.',
    payload: z.object({ domain: z.enum(['flags', 'rollouts', 'audit', 'backends', 'canary', 'plans']) }),
  },
  'sync:progress': {
    doc: 'Progress of a long sync (done of total, total null when unknown).',
    payload: z.object({ source: BackendKind, done: z.number(), total: z.number().nullable() }),
  },
  'canary:verdict': {
    doc: "A release's canary verdict changed.",
    payload: z.object({ releaseId: z.string(), outcome: VerdictOutcome, score: z.number().nullable() }),
  },
  'plans:guard': {
    doc: 'The stop-the-line guard halted a ring: what it did to the rollout and the flag, and why.',
    payload: GuardAlert,
  },
  'app:heartbeat': {
    doc:
      'The core is alive. Each transport sends it on connect and then every everyMs; the renderer calls the core offline ' +
      "after three missed beats. pollMs is how often backends are polled (0: not polled), so a chip can tell when it is stale.",
    payload: z.object({ everyMs: z.number().int().positive(), pollMs: z.number().int().nonnegative() }),
  },
} as const satisfies Record<`${string}:${string}`, EventDef>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.output<Events[E]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
