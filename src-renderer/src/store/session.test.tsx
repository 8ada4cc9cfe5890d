import { act, screen } from '@testing-library/react';
import { ok } from '../../../src-shared/ipc/result';
import { createFakeBridge } from '../test/fakeBridge';
import { flag, flagsListing } from '../test/fixtures';
import { renderConsole, settle } from '../test/renderConsole';
import { startSession } from './session';
import { useRingside } from './useRingside';

describe('session', () => {
  it('loads every domain at start', async () => {
    const { bridge } = await renderConsole();
    const channels = new Set(bridge.calls.map((c) => c.channel));
    for (const channel of ['app:info', 'workspace:current', 'workspaces:list', 'policy:get', 'flags:list', 'canary:releases', 'rollouts:list']) {
      expect(channels).toContain(channel);
    }
    expect(useRingside.getState().selectedReleaseId).toBe('checkout-2.4.0');
  });

  it('leaves the audit list (a count of the whole history) to the Audit view, then keeps it current', async () => {
    const { bridge } = await renderConsole();
    const audit = () => bridge.calls.map((c) => c.channel).filter((c) => c === 'audit:count' || c === 'audit:search');
    expect(audit()).toEqual([]);
    // an audit event before the view was ever shown reads nothing either
    act(() => bridge.emit('state:changed', { domain: 'audit' }));
    await settle();
    expect(audit()).toEqual([]);

    act(() => useRingside.getState().setView('audit'));
    await settle();
    expect(audit()).toEqual(['audit:count', 'audit:search']);
    act(() => useRingside.getState().setView('flags'));
    act(() => bridge.emit('state:changed', { domain: 'audit' }));
    await settle();
    // shown once, the list counts what arrived since, on the Audit view or not
    expect(audit()).toEqual(['audit:count', 'audit:search', 'audit:count']);
  });

  it('reloads the domain named by state:changed, and only that one', async () => {
    const { bridge } = await renderConsole();
    bridge.respond('flags:list', () =>
      ok(flagsListing({ flags: [flag('only.one', false)], fetchedAt: Date.now() })),
    );
    const before = bridge.calls.length;
    act(() => bridge.emit('state:changed', { domain: 'flags' }));
    await settle();
    expect(bridge.calls.slice(before).map((c) => c.channel)).toEqual(['flags:list']);
    expect(screen.getAllByTestId('flag-row').map((r) => r.dataset.flag)).toEqual(['only.one']);

    act(() => bridge.emit('state:changed', { domain: 'backends' }));
    await settle();
    expect(bridge.calls.slice(before + 1).map((c) => c.channel)).toEqual(['workspace:current']);
  });

  it('keeps the last good data beside a later error', async () => {
    const { bridge } = await renderConsole();
    bridge.respond('flags:list', () => ({ ok: false, error: { code: 'offline', message: 'Unleash is unreachable.' } }));
    act(() => bridge.emit('state:changed', { domain: 'flags' }));
    await settle();
    expect(screen.getByTestId('error-note').textContent).toContain('Unleash is unreachable.');
    expect(screen.getAllByTestId('flag-row')).toHaveLength(3);
  });

  it('ignores a late answer that a newer request overtook', async () => {
    const bridge = createFakeBridge();
    let release: () => void = () => {};
    let calls = 0;
    bridge.respond('flags:list', async () => {
      calls += 1;
      const name = calls === 1 ? 'slow.old' : 'fast.new';
      if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
      return ok(flagsListing({ flags: [flag(name, true)], fetchedAt: Date.now() }));
    });
    await renderConsole(bridge);
    act(() => bridge.emit('state:changed', { domain: 'flags' }));
    await settle();
    release();
    await settle();
    expect(useRingside.getState().flags.data?.flags.map((f) => f.name)).toEqual(['fast.new']);
  });

  it('disposes every subscription on teardown, after which pushes do nothing', async () => {
    const bridge = createFakeBridge();
    const end = startSession({ bridge });
    await settle();
    expect(bridge.subscriberCount()).toBeGreaterThanOrEqual(3);
    const onReconnectDispose = vi.fn();
    const end2 = startSession({ bridge, onReconnect: () => onReconnectDispose });
    end();
    end2();
    expect(bridge.subscriberCount()).toBe(0);
    expect(onReconnectDispose).toHaveBeenCalledOnce();

    const before = bridge.calls.length;
    bridge.emit('state:changed', { domain: 'flags' });
    await settle();
    expect(bridge.calls.length).toBe(before);
  });

  it('reloads everything when the event channel reconnects', async () => {
    const bridge = createFakeBridge();
    let reconnect: () => void = () => {};
    const end = startSession({ bridge, onReconnect: (cb) => ((reconnect = cb), () => {}) });
    await settle();
    const before = bridge.calls.length;
    reconnect();
    await settle();
    // info, workspace, workspaces, policy, flags, releases, rollouts, plans, windows (the audit list was never shown)
    expect(bridge.calls.length - before).toBe(9);
    end();
  });
});
