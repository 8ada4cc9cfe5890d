import { buildApi, type RingsideBridge, type Subscribe } from '../../../src-shared/ipc/api';
import type { ChannelName, EventName, RequestOf, ResponseOf } from '../../../src-shared/ipc/contract';
import { parseRequest } from '../../../src-shared/ipc/parse';
import { fail, ok, type ErrorCode, type IpcError, type Result } from '../../../src-shared/ipc/result';
import { fakeAuditHandlers } from './fakeAudit';
import { fakeFlagHandlers } from './fakeFlagServer';
import { fakeGovernanceHandlers } from './fakeGovernance';
import { fakeRingHandlers } from './fakeRings';
import * as fixtures from './fixtures';

type Handler<C extends ChannelName> = (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;
export type HandlerMap = { [C in ChannelName]: Handler<C> };

/** Calls to a held channel wait until the test lets them through or answers them with an error. */
export interface Hold {
  /** how many calls are waiting now */
  readonly waiting: number;
  /** Let every waiting call (and later ones) reach the handler; the hold ends. */
  release(): void;
  /** Answer every waiting call with this error; the hold ends. */
  failWith(code: ErrorCode, message: string): void;
}

export interface FakeBridge extends RingsideBridge {
  /** every invoke, in order, with the request as it crossed the "wire" */
  calls: { channel: ChannelName; request: unknown }[];
  requestsTo<C extends ChannelName>(channel: C): RequestOf<C>[];
  /** Replace one channel's handler. */
  respond<C extends ChannelName>(channel: C, handler: Handler<C>): void;
  /** Push an event exactly as given, unchecked, as a transport would deliver it. */
  emit(event: EventName, payload: unknown): void;
  subscriberCount(event?: EventName): number;
  /** Keep calls to a channel pending until the returned hold is released or failed. */
  hold(channel: ChannelName): Hold;
  /** The next `times` calls to a channel answer this error instead of reaching the handler. */
  failNext(channel: ChannelName, code: ErrorCode, message: string, times?: number): void;
}

interface Gate {
  waiting: number;
  answer: Promise<IpcError | null>;
}

/** Copy through JSON, as both real transports do: the renderer never shares objects with main. */
const wire = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function defaultHandlers(): Partial<HandlerMap> {
  const audit = fixtures.auditEvents(120);
  let seriesCalls = 0;
  return {
    'app:info': () => ok({ version: '0.1.0', dataDir: '/tmp/ringside', notices: [] }),
    'workspace:current': () => ok(fixtures.workspace),
    'workspace:identity': () => ok({ workspace: fixtures.workspace.id, actor: 'oncall', source: 'os' as const, defaultActor: 'oncall' }),
    'workspace:setIdentity': (req) =>
      ok({ workspace: fixtures.workspace.id, actor: req.actor ?? 'oncall', source: req.actor === null ? ('os' as const) : ('settings' as const), defaultActor: 'oncall' }),
    ...fakeFlagHandlers(),
    ...fakeRingHandlers(),
    'canary:releases': () => ok({ releases: fixtures.releases }),
    'canary:series': (req) => {
      const release = fixtures.releases.find((r) => r.id === req.releaseId);
      if (!release) return fail('not_found', `No release "${req.releaseId}" in workspace Demo fleet.`);
      seriesCalls += 1;
      // Each refresh answers a higher canary level, so a test can see values move.
      return ok({ series: fixtures.flatSeries(release, req.from, req.to, 100 + 10 * seriesCalls) });
    },
    'canary:judge': (req) => ok(fixtures.passVerdict(req.releaseId)),
    'canary:markers': () => ok({ markers: [] }),
    'rollouts:list': () => ok({ rollouts: fixtures.rollouts }),
    'audit:page': (req) => {
      const older = req.beforeId === undefined ? audit : audit.filter((e) => e.id < req.beforeId!);
      const events = older.slice(0, req.limit);
      const last = events[events.length - 1];
      return ok({ events, nextBeforeId: older.length > req.limit && last ? last.id : null });
    },
    ...fakeAuditHandlers(audit),
    ...fakeGovernanceHandlers(),
  };
}

/** An in-memory RingsideBridge over the fixtures; every handler can be replaced per test. */
export function createFakeBridge(overrides: Partial<HandlerMap> = {}): FakeBridge {
  const handlers: Record<string, (request: unknown) => unknown> = { ...defaultHandlers(), ...overrides } as never;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeBridge['calls'] = [];
  const holds = new Map<ChannelName, Gate>();
  const failures = new Map<ChannelName, IpcError[]>();

  const api = buildApi(async (channel, request) => {
    const sent = wire(request);
    calls.push({ channel, request: sent });
    // Main parses every request with the contract before a handler sees it; so does the fake.
    const parsed = parseRequest(channel, sent);
    if (!parsed.ok) return parsed;
    const gate = holds.get(channel);
    if (gate) {
      gate.waiting += 1;
      const error = await gate.answer;
      gate.waiting -= 1;
      if (error) return fail(error.code, error.message);
    }
    const failure = failures.get(channel)?.shift();
    if (failure) return fail(failure.code, failure.message);
    const handler = handlers[channel];
    if (!handler) return fail('unknown_channel', `No channel named "${channel}" exists in the contract.`);
    return wire((await handler(parsed.request)) as Result<unknown>);
  });

  const subscribe: Subscribe = (event, callback) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const entry = callback as (payload: unknown) => void;
    set.add(entry);
    return () => void set.delete(entry);
  };

  return {
    api,
    subscribe,
    calls,
    requestsTo: <C extends ChannelName>(channel: C) =>
      calls.filter((c) => c.channel === channel).map((c) => c.request as RequestOf<C>),
    respond(channel, handler) {
      handlers[channel] = handler as (request: unknown) => unknown;
    },
    emit(event, payload) {
      for (const callback of [...(listeners.get(event) ?? [])]) callback(payload);
    },
    subscriberCount(event) {
      if (event) return listeners.get(event)?.size ?? 0;
      return [...listeners.values()].reduce((n, set) => n + set.size, 0);
    },
    hold(channel) {
      let answer: (error: IpcError | null) => void = () => {};
      const gate: Gate = { waiting: 0, answer: new Promise((resolve) => (answer = resolve)) };
      holds.set(channel, gate);
      const end = (error: IpcError | null) => {
        if (holds.get(channel) === gate) holds.delete(channel);
        answer(error);
      };
      return {
        get waiting() {
          return gate.waiting;
        },
        release: () => end(null),
        failWith: (code, message) => end({ code, message }),
      };
    },
    failNext(channel, code, message, times = 1) {
      failures.set(channel, [...(failures.get(channel) ?? []), ...Array.from({ length: times }, () => ({ code, message }))]);
    },
  };
}
