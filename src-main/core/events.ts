import { events, isEventName, type EventName, type PayloadOf } from '../../src-shared/ipc/contract';

/** `scope` is the workspace an event belongs to; undefined: the whole console (every window hears it). */
type Listener = (event: EventName, payload: unknown, scope?: string) => void;

/** Push events from the core to whichever transports are attached; payloads checked against the contract. */
export function createEventBus() {
  const listeners = new Set<Listener>();
  return {
    emit<E extends EventName>(event: E, payload: PayloadOf<E>, scope?: string): void {
      if (!isEventName(event)) throw new Error(`No event named ${String(event)} in the contract`);
      const checked = events[event].payload.parse(payload);
      for (const listener of [...listeners]) listener(event, checked, scope);
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

/** The bus as one workspace's session sees it: everything it emits is marked as that workspace's. */
export function scopedBus(bus: EventBus, workspace: string): EventBus {
  return {
    emit: (event, payload) => bus.emit(event, payload, workspace),
    onAny: (listener) => bus.onAny((event, payload, scope) => {
      if (scope === undefined || scope === workspace) listener(event, payload, scope);
    }),
    get listenerCount() {
      return bus.listenerCount;
    },
  };
}

/** Whether a window or tab working in `workspace` hears an event of `scope`. */
export const hears = (workspace: string, scope: string | undefined) => scope === undefined || scope === workspace;
