import { buildApi } from '../../../src-shared/ipc/api';
import { createLoopbackInvoke } from './loopbackInvoke';

const fetchMock = vi.fn<typeof fetch>();
const invoke = () => createLoopbackInvoke({ host: '127.0.0.1:4173' });

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const answer = (status: number, body: string, type = 'application/json') =>
  fetchMock.mockResolvedValueOnce(new Response(body, { status, headers: { 'content-type': type } }));

describe('loopback invoke', () => {
  it('POSTs the request as JSON to /api/invoke/<channel> with the same-origin cookie', async () => {
    answer(200, JSON.stringify({ ok: true, value: { releases: [] } }));
    const api = buildApi(invoke());
    expect(await api.canary.releases({})).toEqual({ ok: true, value: { releases: [] } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/invoke/canary:releases');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{}' });
    expect(new Headers(init!.headers).get('content-type')).toBe('application/json');
  });

  it("passes a handler's typed error through unchanged, whatever the HTTP status", async () => {
    const error = { code: 'bad_request', message: 'audit:page: limit: Too big' };
    answer(400, JSON.stringify({ ok: false, error }));
    expect(await invoke()('audit:page', { limit: 9999 })).toEqual({ ok: false, error });
  });

  it("maps HTTP 401 to 'unauthorized', telling the user to open the URL with the token", async () => {
    answer(401, 'Ringside needs its access token', 'text/plain');
    const result = await invoke()('flags:list', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unauthorized');
    expect(result.error.message).toContain('npm run serve');
    expect(result.error.message).toContain('token');
  });

  it("maps a network failure to 'unavailable' naming the core's address", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const result = await invoke()('flags:list', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'The Ringside core at 127.0.0.1:4173 is not answering; is `npm run serve` still running?',
      },
    });
  });

  it("maps a body that is not a result envelope to 'unavailable'", async () => {
    answer(200, '<html>proxy error</html>', 'text/html');
    const garbage = await invoke()('flags:list', {});
    expect(garbage.ok || garbage.error.code).toBe('unavailable');

    answer(200, JSON.stringify({ ok: 'yes', value: 1 }));
    const wrongShape = await invoke()('flags:list', {});
    expect(wrongShape.ok || wrongShape.error.code).toBe('unavailable');

    answer(502, '');
    const empty = await invoke()('flags:list', {});
    expect(empty.ok || empty.error.message).toContain('npm run serve');
  });

  it("maps a refused origin or host to 'forbidden'", async () => {
    answer(403, 'Requests from origin http://evil.example are refused.', 'text/plain');
    const result = await invoke()('flags:list', {});
    expect(result.ok || result.error.code).toBe('forbidden');
  });
});
