import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { isPortOpen } from './ports.js';
import { startPostgres, type PostgresServer } from './postgres.js';
import { startPrometheus, type PrometheusServer } from './prometheus.js';
import { startUnleash, type UnleashServer } from './unleash.js';

// Real servers on 127.0.0.1: one postgres, one unleash over it, one prometheus scraping a tiny service.
describe('test harness', { timeout: 120_000 }, () => {
  let postgres: PostgresServer | undefined;
  let unleash: UnleashServer | undefined;
  let prometheus: PrometheusServer | undefined;
  let service: Server | undefined;

  afterAll(async () => {
    await prometheus?.stop();
    await unleash?.stop();
    await postgres?.stop();
    await new Promise<void>((resolve) => (service ? service.close(() => resolve()) : resolve()));
  }, 60_000);

  it('starts postgres and creates a database', async () => {
    postgres = await startPostgres();
    expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`);
    expect(await isPortOpen(postgres.port)).toBe(true);
    const url = await postgres.createDatabase('unleash_first');
    expect(url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/unleash_first`);
  }, 60_000);

  it('starts unleash with an admin token that the admin API accepts', async () => {
    if (!postgres) throw new Error('postgres did not start');
    unleash = await startUnleash({ databaseUrl: await postgres.createDatabase() });
    expect(unleash.adminToken).toMatch(/^\*:\*\.[0-9a-f]{32}$/);

    const authed = await fetch(`${unleash.url}/api/admin/projects/default/features`, {
      headers: { Authorization: unleash.adminToken },
    });
    expect(authed.status).toBe(200);
    const body = (await authed.json()) as { features?: unknown };
    expect(Array.isArray(body.features)).toBe(true);

    const anonymous = await fetch(`${unleash.url}/api/admin/projects/default/features`);
    expect(anonymous.status).toBe(401);
  }, 90_000);

  it('stops unleash by PID so its port refuses connections', async () => {
    if (!unleash) throw new Error('unleash did not start');
    const { port, pid } = unleash;
    await unleash.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  }, 20_000);

  it('starts prometheus scraping a local service until its target is up', async () => {
    let hits = 0;
    service = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      hits += 1;
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(`# HELP harness_requests_total Scrapes served.\n# TYPE harness_requests_total counter\nharness_requests_total ${hits}\n`);
    });
    await new Promise<void>((resolve) => service?.listen(0, '127.0.0.1', resolve));
    const target = `127.0.0.1:${(service.address() as AddressInfo).port}`;

    prometheus = await startPrometheus({ scrapeTargets: [target] });
    await prometheus.waitForTargetsUp(15_000);
    const up = await prometheus.query('up');
    expect(up).toContainEqual(expect.objectContaining({ metric: expect.objectContaining({ instance: target, job: 'harness' }) }));
    const counter = await prometheus.query('harness_requests_total');
    expect(Number(counter[0]?.value[1])).toBeGreaterThan(0);

    const { port } = prometheus;
    await prometheus.stop();
    expect(await isPortOpen(port)).toBe(false);
  }, 40_000);
});
