import { act, render, screen, within } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/result';
import { App } from '../App';
import { startSession } from '../store/session';
import { createFakeBridge, type FakeBridge } from '../test/fakeBridge';
import { NOW, workspace } from '../test/fixtures';
import { settle } from '../test/renderConsole';
import { chooseTransport } from '../transport/chooseTransport';
import type { Liveness } from '../transport/liveness';
import { manualTime } from '../transport/testing/manualTime';
import { offlineWords } from './OfflineBanner';

const beat = { everyMs: 500, pollMs: 5_000 };
const ends: (() => void)[] = [];

afterEach(() => {
  for (const end of ends.splice(0)) end();
  delete window.ringside;
  vi.useRealTimers();
});

/** The console over the Electron path (fake preload bridge), with the heartbeat timeout on a hand-driven clock. */
async function renderLiveConsole(bridge: FakeBridge = createFakeBridge()) {
  const time = manualTime(NOW);
  window.ringside = bridge;
  const transport = chooseTransport(window, { liveness: time });
  const endSession = startSession(transport);
  ends.push(() => {
    endSession();
    transport.close();
  });
  render(<App />);
  await settle();
  return { bridge, time };
}

const controlsIn = (element: HTMLElement) => [...element.querySelectorAll<HTMLElement>('button, input, select, textarea')];

describe('the console when the core stops answering', () => {
  it('turns the whole console offline when the heartbeat stops, and comes back with fresh data when it resumes', async () => {
    const { bridge, time } = await renderLiveConsole();
    act(() => bridge.emit('app:heartbeat', beat));
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    const main = screen.getByRole('main');
    const enabled = controlsIn(main).filter((c) => !c.matches(':disabled'));
    expect(enabled.length).toBeGreaterThan(0);

    act(() => time.advance(1_500));
    const banner = screen.getByTestId('offline-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain("Offline: Ringside's main process is not answering");
    expect(banner.textContent).toContain('actions are disabled');
    // one state for the whole console: every control of the view is disabled and points at the banner
    expect(controlsIn(main).every((c) => c.matches(':disabled'))).toBe(true);
    expect(main.querySelector('fieldset')!.getAttribute('aria-describedby')).toBe('offline-banner');
    expect(screen.getByRole('button', { name: 'Workspace settings' }).matches(':disabled')).toBe(true);
    expect(screen.getByTestId('core-offline').textContent).toBe('core offline');
    for (const kind of ['flags', 'deploy', 'metrics']) expect(screen.getByTestId(`backend-${kind}`).getAttribute('data-state')).toBe('unknown');
    // the navigation still works: the cached views stay readable
    expect(within(screen.getByRole('navigation')).getAllByRole('button').every((b) => !b.matches(':disabled'))).toBe(true);

    const flagReadsBefore = bridge.requestsTo('flags:list').length;
    const statusReadsBefore = bridge.requestsTo('workspace:current').length;
    act(() => bridge.emit('app:heartbeat', beat));
    await settle();
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    expect(enabled.every((c) => c.isConnected && !c.matches(':disabled'))).toBe(true);
    expect(bridge.requestsTo('flags:list').length).toBeGreaterThan(flagReadsBefore);
    expect(bridge.requestsTo('workspace:current').length).toBeGreaterThan(statusReadsBefore);
    expect(screen.getByTestId('backend-flags').getAttribute('data-state')).toBe('online');
  });

  it('turns a chip stale by itself once its last answer is older than the poll allows', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: NOW });
    const fresh = { ...workspace, backends: [{ ...workspace.backends[0]!, lastSyncAt: NOW - 10_000 }] };
    const bridge = createFakeBridge({ 'workspace:current': () => ok(fresh) });
    const { time } = await renderLiveConsole(bridge);
    const keepBeating = async (ms: number) => {
      for (let t = 0; t < ms; t += 500) {
        act(() => time.advance(500));
        act(() => bridge.emit('app:heartbeat', beat));
        await act(() => vi.advanceTimersByTimeAsync(500));
      }
    };
    act(() => bridge.emit('app:heartbeat', beat));
    const chip = () => screen.getByTestId('backend-flags');
    expect(chip().getAttribute('data-state')).toBe('online');

    // nothing new from the core about this backend: the chip ages past 2 polls (+2 s) on its own
    await keepBeating(2_000);
    expect(chip().getAttribute('data-state')).toBe('online');
    await keepBeating(1_000);
    expect(chip().getAttribute('data-state')).toBe('stale');
    expect(chip().querySelector('.chip-state')!.textContent).toBe('stale');
    expect(screen.queryByTestId('offline-banner')).toBeNull();

    // the page re-reads the statuses each poll; an answer the core recorded makes it current again
    bridge.respond('workspace:current', () => ok({ ...fresh, backends: [{ ...fresh.backends[0]!, lastSyncAt: Date.now() }] }));
    await keepBeating(5_000);
    expect(chip().getAttribute('data-state')).toBe('online');
  });
});

describe('offline wording', () => {
  const at = (reason: 'silent' | 'closed' | 'signed-out', via: 'electron' | 'loopback'): Extract<Liveness, { status: 'offline' }> => ({
    status: 'offline',
    since: NOW,
    reason,
    via,
    pollMs: 5000,
  });

  it('tells a serve-mode page what to run, and a signed-out page which URL to open', () => {
    const down = offlineWords(at('closed', 'loopback'), '127.0.0.1:4173');
    expect(down.title).toMatch(/^Offline: the Ringside core at 127\.0\.0\.1:4173 is not answering \(since \d\d:\d\d:\d\d\)\.$/);
    expect(down.detail).toContain('Is `npm run serve` still running?');
    expect(down.detail).toContain('reconnects and reloads by itself');

    const signedOut = offlineWords(at('signed-out', 'loopback'), '127.0.0.1:4173');
    expect(signedOut.title).toContain('no longer accepts this page');
    expect(signedOut.detail).toContain('Open the URL that `npm run serve` printed (it ends in ?token=…)');
  });
});
