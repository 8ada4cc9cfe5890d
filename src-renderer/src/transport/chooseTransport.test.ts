import { createFakeBridge } from '../test/fakeBridge';
import { chooseTransport } from './chooseTransport';

afterEach(() => {
  delete window.ringside;
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Just enough of a browser WebSocket for the loopback transport. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {}
}

const beat = { everyMs: 500, pollMs: 5000 };

describe('chooseTransport', () => {
  it('uses the preload bridge when there is one, validating its events', async () => {
    const fake = createFakeBridge();
    window.ringside = fake;
    const transport = chooseTransport();
    expect(transport.kind).toBe('electron');
    expect((await transport.bridge.api.workspace.current({})).ok).toBe(true);

    const changed = vi.fn();
    transport.bridge.subscribe('state:changed', changed);
    fake.emit('state:changed', { domain: 'everything' });
    expect(changed).not.toHaveBeenCalled();
    fake.emit('state:changed', { domain: 'rollouts' });
    expect(changed).toHaveBeenCalledWith({ domain: 'rollouts' });
    transport.close();
  });

  it("follows main's heartbeat over the preload bridge, refuses calls while main is silent and reports its return", async () => {
    vi.useFakeTimers();
    const fake = createFakeBridge();
    window.ringside = fake;
    const transport = chooseTransport();
    const back = vi.fn();
    transport.onReconnect(back);

    fake.emit('app:heartbeat', beat);
    expect(transport.liveness.current()).toMatchObject({ status: 'online', via: 'electron', pollMs: 5000 });
    vi.advanceTimersByTime(1_500);
    expect(transport.liveness.current()).toMatchObject({ status: 'offline', reason: 'silent' });

    const sentBefore = fake.calls.length;
    const refused = await transport.bridge.api.flags.setEnabled({ flag: 'checkout.kill', environment: 'production', enabled: false });
    expect(refused).toEqual({ ok: false, error: { code: 'offline', message: expect.stringContaining('nothing was changed') } });
    expect(fake.calls).toHaveLength(sentBefore);

    fake.emit('app:heartbeat', beat);
    expect(back).toHaveBeenCalledOnce();
    expect((await transport.bridge.api.workspace.current({})).ok).toBe(true);
    transport.close();
  });

  it('falls back to the loopback bridge over fetch in a plain browser', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ ok: true, value: { rollouts: [] } })));
    vi.stubGlobal('fetch', fetchMock);
    const transport = chooseTransport();
    expect(transport.kind).toBe('loopback');
    expect(await transport.bridge.api.rollouts.list({})).toEqual({ ok: true, value: { rollouts: [] } });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/invoke/rollouts:list');
    transport.close();
  });

  it('says the page is signed out when the core answers again but refuses its token', async () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    const fetchMock = vi.fn<typeof fetch>(async () => new Response('Ringside needs its access token', { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    const transport = chooseTransport(window, { WebSocket: FakeSocket as never });
    transport.bridge.subscribe('state:changed', () => {});
    const socket = FakeSocket.all[0]!;
    socket.onopen?.({});
    socket.onclose?.({});
    expect(transport.liveness.current()).toMatchObject({ status: 'offline', reason: 'closed' });
    expect(fetchMock).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.onclose?.({});
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.liveness.current()).toMatchObject({ status: 'offline', reason: 'signed-out' });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/invoke/app:info');
    const refused = await transport.bridge.api.flags.list({});
    expect(refused.ok || refused.error.message).toContain('?token=');
    expect(fetchMock).toHaveBeenCalledOnce();
    transport.close();
  });
});
