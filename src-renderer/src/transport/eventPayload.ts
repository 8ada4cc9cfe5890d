import type { RingsideBridge, Subscribe } from '../../../src-shared/ipc/api';
import { events, isEventName, type EventName, type PayloadOf } from '../../../src-shared/ipc/contract';

export type CheckedEvent = { [E in EventName]: { event: E; payload: PayloadOf<E> } }[EventName];

/** The payload parsed against the contract, or null: nothing unchecked reaches a callback. */
export function checkPayload<E extends EventName>(event: E, payload: unknown): PayloadOf<E> | null {
  const parsed = events[event].payload.safeParse(payload);
  return parsed.success ? (parsed.data as PayloadOf<E>) : null;
}

/** A `{ event, payload }` message off the wire, checked; null for anything else. */
export function checkMessage(raw: unknown): CheckedEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { event, payload } = raw as { event?: unknown; payload?: unknown };
  if (!isEventName(event)) return null;
  const checked = checkPayload(event, payload);
  return checked === null ? null : ({ event, payload: checked } as CheckedEvent);
}

/** Wrap a bridge's subscribe so payloads are validated here too, whatever the transport did. */
export function withValidatedEvents(bridge: RingsideBridge): RingsideBridge {
  const subscribe: Subscribe = (event, callback) =>
    bridge.subscribe(event, (payload) => {
      const checked = checkPayload(event, payload);
      if (checked !== null) callback(checked);
    });
  return { api: bridge.api, subscribe };
}
