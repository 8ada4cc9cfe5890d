import type { RingsideApi, RingsideBridge } from '../../../src-shared/ipc/api';

let current: RingsideBridge | null = null;

/** The transport the module-level load actions talk through; set by the session. */
export function attachBridge(bridge: RingsideBridge | null): void {
  current = bridge;
}

/** Null between sessions: a late timer then does nothing instead of throwing. */
export function currentApi(): RingsideApi | null {
  return current?.api ?? null;
}

export function currentBridge(): RingsideBridge | null {
  return current;
}
