import { act, cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { App } from '../App';
import { startSession } from '../store/session';
import { resetStore } from '../store/useRingside';
import { createFakeBridge, type FakeBridge } from './fakeBridge';

const teardowns: (() => void)[] = [];

afterEach(() => {
  cleanup();
  for (const teardown of teardowns.splice(0)) teardown();
  localStorage.clear();
  resetStore();
});

/**
 * Let every pending fake-bridge answer land inside act(): the fake answers within microtasks,
 * so one macrotask turn is enough.
 */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Start a session on a fake bridge and render the console (or `ui`), loaded; undone after each test. */
export async function renderConsole(bridge: FakeBridge = createFakeBridge(), ui: ReactElement = <App />) {
  const endSession = startSession({ bridge });
  teardowns.push(endSession);
  const view = render(ui);
  await settle();
  return { bridge, endSession, ...view };
}
