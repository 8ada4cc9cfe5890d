import { events, isEventName, type EventName, type PayloadOf } from '../../src-shared/ipc/contract';

type Listener = (event: EventName, payload: unknown) => void;

/** Push events from the core to whichever transports are attached; payloads checked against the contract. */
export function createEventBus() {
  const listeners = new Set<Listener>();
  return {
    emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
      if (!isEventName(event)) throw new Error(`No event named ${String(event)} in the contract`);
      const checked = events[event].payload.parse(payload);
      for (const listener of [...listeners]) listener(event, checked);
    },
    /** Every event; returns the dispose function. */
    onAny(listener: Listener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
