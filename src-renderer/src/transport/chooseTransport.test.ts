import { createFakeBridge } from '../test/fakeBridge';
import { chooseTransport } from './chooseTransport';

afterEach(() => {
  delete window.ringside;
  vi.unstubAllGlobals();
});

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
});
