import type { RingsideBridge } from '../../../src-shared/ipc/api';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in a plain browser, where the loopback transport is used. */
    ringside?: RingsideBridge;
  }
}

export {};
