import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrometheusProvider, type PrometheusConnection } from './prometheusProvider';

// A stand-in Prometheus: each query text picks an answer, so every failure mode is one request.
type Answer = { status?: number; body: unknown; delayMs?: number };
const matrix = (values: Array<[number, string]>) => ({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'x' }, values }] } });
const failure = (errorType: string, error: string) => ({ status: 'error', errorType, error });
const PARSE_ERROR = 'invalid parameter "query": 1:5: parse error: unexpected character: \'!\'';
const MANY_TO_MANY =
  'found duplicate series for the match group {instance="127.0.0.1:9090"} on the right hand-side of the operation: ' +
  '[{__name__="up", instance="127.0.0.1:9090", job="a"}, {__name__="up", instance="127.0.0.1:9090", job="b"}];many-to-many matching not allowed';

const answers: Record<string, Answer> = {
  nonfinite: { body: matrix([[1, 'NaN'], [2, '+Inf'], [3, '-Inf'], [4, '1.5'], [5, '1e+300'], [6, '-0'], [7.25, '42']]) },
  vector: { body: { status: 'success', data: { resultType: 'vector', result: [{ metric: { a: '1' }, value: [10.5, '3'] }, { metric: {}, value: [10.5, 'NaN'] }] } } },
  scalar: { body: { status: 'success', data: { resultType: 'scalar', result: [10, '+Inf'] } } },
  string: { body: { status: 'success', data: { resultType: 'string', result: [10, 'hello'] } } },
  'up +! 1': { status: 400, body: failure('bad_data', PARSE_ERROR) },
  errorIn200: { body: failure('internal', 'something broke inside') },
  execution: { status: 422, body: failure('execution', 'query processing would load too many samples into memory in query execution') },
  manyToMany: { status: 422, body: failure('execution', MANY_TO_MANY) },
  tooLong: { status: 422, body: failure('execution', `${MANY_TO_MANY} ${MANY_TO_MANY}`) },
  overloaded: { status: 503, body: failure('timeout', 'query timed out in expression evaluation') },
  proxy503: { status: 503, body: '<html>Service Unavailable</html>' },
  html: { body: '<html>login</html>' },
  shape: { body: { status: 'success', data: { resultType: 'matrix', result: 'oops' } } },
  huge: { body: matrix(Array.from({ length: 11_001 }, (_, i) => [i, '1'] as [number, string])) },
  slow: { body: matrix([[1, '1']]), delayMs: 60 },
};

let server: Server;
let base: string;
const seen: Array<{ path: string; params: URLSearchParams; headers: IncomingHttpHeaders }> = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: url.pathname, params: url.searchParams, headers: req.headers });
    const answer = answers[url.searchParams.get('query') ?? ''] ?? { body: matrix([]) };
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  maxInFlight = 0;
});

const provider = (extra: Partial<PrometheusConnection> = {}) =>
  createPrometheusProvider({ url: base, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 }, ...extra });
const range = (query: string) => provider().queryRange({ query, start: 0, end: 60_000, stepMs: 15_000 });

describe('Prometheus provider', () => {
  it('parses NaN, +Inf and -Inf and keeps them as numbers', async () => {
    const [series] = await range('nonfinite');
    expect(series?.labels).toEqual({ job: 'x' });
    expect(series?.points).toEqual([[1000, NaN], [2000, Infinity], [3000, -Infinity], [4000, 1.5], [5000, 1e300], [6000, -0], [7250, 42]]);
  });

  it('sends query_range with seconds, the step and an evaluation timeout', async () => {
    await provider({ timeoutMs: 7_500 }).queryRange({ query: 'up', start: 1_700_000_000_123, end: 1_700_000_060_123, stepMs: 15_000 });
    expect(seen[0]?.path).toBe('/api/v1/query_range');
    expect(Object.fromEntries(seen[0]?.params ?? [])).toEqual({ query: 'up', start: '1700000000.123', end: '1700000060.123', step: '15', timeout: '6.75' });
  });

  it('raises a step that would exceed 11,000 points, and refuses a nonsense range', async () => {
    await provider().queryRange({ query: 'up', start: 0, end: 86_400_000, stepMs: 1 });
    expect(seen[0]?.params.get('step')).toBe('8');
    await expect(provider().queryRange({ query: 'up', start: 10, end: 0, stepMs: 1 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(provider().queryRange({ query: 'up', start: 0, end: 10, stepMs: 0 })).rejects.toThrow('step must be positive');
    await expect(provider().queryRange({ query: ' ', start: 0, end: 10, stepMs: 1 })).rejects.toThrow('query is empty');
    expect(seen).toHaveLength(1);
  });

  it('answers instant queries from vector and scalar results', async () => {
    await expect(provider().query('vector', 10_000)).resolves.toEqual([
      { labels: { a: '1' }, points: [[10_500, 3]] },
      { labels: {}, points: [[10_500, NaN]] },
    ]);
    expect(seen[0]?.path).toBe('/api/v1/query');
    expect(seen[0]?.params.get('time')).toBe('10');
    await expect(provider().query('scalar')).resolves.toEqual([{ labels: {}, points: [[10_000, Infinity]] }]);
    await expect(provider().query('string')).rejects.toThrow('returns a string, not numbers');
  });

  it('surfaces bad_data verbatim as a bad_request', async () => {
    const error = await range('up +! 1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_request', message: `Prometheus rejected the query (bad_data): ${PARSE_ERROR}` });
    expect(seen).toHaveLength(1);
  });

  it('surfaces status:error in a 200 answer with its errorType', async () => {
    await expect(range('errorIn200')).rejects.toMatchObject({ code: 'bad_response', message: 'Prometheus answered an error (internal): something broke inside' });
  });

  it('maps 422 to "could not execute", verbatim, and cuts an error longer than 300 characters', async () => {
    await expect(range('execution')).rejects.toMatchObject({
      code: 'bad_response',
      message: 'Prometheus could not execute the query (execution): query processing would load too many samples into memory in query execution',
    });
    await expect(range('manyToMany')).rejects.toMatchObject({ message: `Prometheus could not execute the query (execution): ${MANY_TO_MANY}` });
    const long = (await range('tooLong').catch((e: unknown) => e)) as Error;
    const kept = long.message.replace('Prometheus could not execute the query (execution): ', '');
    expect(kept).toHaveLength(301);
    expect(kept.endsWith('…')).toBe(true);
    expect(`${MANY_TO_MANY} ${MANY_TO_MANY}`.startsWith(kept.slice(0, -1))).toBe(true);
  });

  it('maps 503 to "overloaded or unavailable" after retrying', async () => {
    await expect(range('overloaded')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^Prometheus is overloaded or unavailable \(timeout\): query timed out in expression evaluation\. Try again shortly/),
    });
    expect(seen).toHaveLength(2);
    await expect(range('proxy503')).rejects.toMatchObject({
      code: 'unavailable',
      message: 'Prometheus answered 503: it is overloaded or unavailable. Try again shortly.',
    });
  });

  it('names a body that is not JSON, or not the Prometheus API shape', async () => {
    await expect(range('html')).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('not JSON (an HTML page)') });
    await expect(range('shape')).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('unexpected shape (data.result') });
  });

  it('refuses a series of more than 11,000 points rather than passing it on', async () => {
    await expect(range('huge')).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('11001 points for one series') });
  });

  it('keeps at most maxInFlight queries in flight', async () => {
    const four = provider();
    const results = await Promise.all(Array.from({ length: 12 }, () => four.queryRange({ query: 'slow', start: 0, end: 1000, stepMs: 1000 })));
    expect(results).toHaveLength(12);
    expect(seen).toHaveLength(12);
    expect(maxInFlight).toBe(4);
    maxInFlight = 0;
    const two = provider({ maxInFlight: 2 });
    await Promise.all(Array.from({ length: 6 }, () => two.query('slow')));
    expect(maxInFlight).toBe(2);
  });

  it('sends bearer, basic and extra headers', async () => {
    await provider({ auth: { bearer: 'tok-123' }, headers: { 'X-Scope-OrgID': 'team-pay' } }).query('vector');
    await provider({ auth: { username: 'ringside', password: 'pä:ss' } }).query('vector');
    await provider().query('vector');
    expect(seen[0]?.headers.authorization).toBe('Bearer tok-123');
    expect(seen[0]?.headers['x-scope-orgid']).toBe('team-pay');
    expect(seen[1]?.headers.authorization).toBe(`Basic ${Buffer.from('ringside:pä:ss').toString('base64')}`);
    expect(seen[2]?.headers.authorization).toBeUndefined();
    expect(() => provider({ auth: { bearer: 'tok\nX-Evil: 1' } })).toThrow(/line break or control character/);
    expect(() => provider({ auth: { username: 'a:b', password: 'c' } })).toThrow(/may not contain ":"/);
  });
});
