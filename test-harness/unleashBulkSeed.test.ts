import { readFileSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from './postgres.js';
import { startUnleash, type UnleashServer } from './unleash.js';
import { startFaultProxy } from './faultProxy.js';
import { planFlags, seedFlags, type SeedFlagsResult } from './unleashBulkSeed.js';

interface SearchFeature {
  name: string;
  type: string;
  project: string;
  environments: { name: string; enabled: boolean }[];
  tags?: { type: string; value: string }[];
}

const COUNT = 2_050;

/** CPU time (user + system) a process has used so far, from /proc; 0 where there is no /proc. */
function serverCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

let pg: PostgresServer;
let unleash: UnleashServer;
let seeded: SeedFlagsResult;

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${unleash.url}${path}`, { headers: { Authorization: unleash.adminToken, accept: 'application/json' } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Every flag of a project through the search API, paged at its cap of 100 until `total`. */
async function searchAll(project: string, namePrefix?: string): Promise<{ features: SearchFeature[]; total: number; pages: number }> {
  const features: SearchFeature[] = [];
  let total = Number.POSITIVE_INFINITY;
  let pages = 0;
  const query = namePrefix ? `&query=${encodeURIComponent(namePrefix)}` : '';
  while (features.length < total) {
    const page = await get<{ features: SearchFeature[]; total: number }>(
      `/api/admin/search/features?project=IS:${project}&limit=100&offset=${features.length}&sortBy=name&sortOrder=asc${query}`,
    );
    pages += 1;
    total = page.total;
    if (page.features.length === 0) break;
    features.push(...page.features);
  }
  return { features, total, pages };
}

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
}, 120_000);

afterAll(async () => {
  await unleash?.stop();
  await pg?.stop();
}, 60_000);

describe('seedFlags against a real unleash-server 7.5', () => {
  // The target is well under 60 s on 2 idle cores (≈ 25 s of unleash-server CPU); the bound below leaves room for a busy machine.
  it(`seeds ${COUNT} flags through the bulk import`, async () => {
    const cpuBefore = serverCpuMs(unleash.pid);
    seeded = await seedFlags(unleash.url, unleash.adminToken, { count: COUNT, method: 'import' });
    const cpu = serverCpuMs(unleash.pid) - cpuBefore;
    console.log(
      `seedFlags: ${COUNT} flags × 2 environments in ${seeded.elapsedMs} ms via ${seeded.method} (${seeded.calls} calls); ` +
        `unleash-server used ${cpu} ms CPU; load average ${loadAverage()}`,
    );
    expect(seeded.method).toBe('import');
    expect(seeded.names).toHaveLength(COUNT);
    expect(seeded.names[0]).toBe('bulk.flag-0001');
    expect(seeded.names.at(-1)).toBe('bulk.flag-2050');
    expect([...seeded.names].sort()).toEqual(seeded.names);
    expect(seeded.elapsedMs).toBeLessThan(90_000);
  }, 120_000);

  it('lists all of them through the paged search with the expected state per environment', async () => {
    const { features, total, pages } = await searchAll('default');
    expect(total).toBe(COUNT);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(COUNT / 100));
    const byName = new Map(features.map((f) => [f.name, f]));
    expect(byName.size).toBe(COUNT);
    const mismatches: string[] = [];
    for (const flag of seeded.flags) {
      const found = byName.get(flag.name);
      if (!found) {
        mismatches.push(`${flag.name}: missing`);
        continue;
      }
      if (found.type !== flag.type) mismatches.push(`${flag.name}: type ${found.type} != ${flag.type}`);
      for (const env of seeded.environments) {
        const want = seeded.expected[env]?.[flag.name]?.enabled;
        const got = found.environments.find((e) => e.name === env)?.enabled;
        if (got !== want) mismatches.push(`${flag.name}@${env}: enabled ${got} != ${want}`);
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    const enabledInProd = features.filter((f) => f.environments.find((e) => e.name === 'production')?.enabled).length;
    expect(enabledInProd).toBe(Math.floor(COUNT / 2));
    expect(features.every((f) => f.environments.find((e) => e.name === 'development')?.enabled)).toBe(true);
    expect(new Set(features.map((f) => f.type))).toEqual(new Set(['release', 'experiment', 'operational', 'kill-switch', 'permission']));
  }, 60_000);

  it('gives each flag its description, simple tag and a flexibleRollout strategy with the planned rollout in both environments', async () => {
    for (const flag of [seeded.flags[0], seeded.flags[1], seeded.flags[1337], seeded.flags.at(-1)]) {
      if (!flag) throw new Error('plan too short');
      const detail = await get<{
        name: string;
        description: string;
        type: string;
        environments: { name: string; enabled: boolean; strategies: { name: string; parameters: Record<string, string> }[] }[];
      }>(`/api/admin/projects/default/features/${encodeURIComponent(flag.name)}`);
      expect(detail).toMatchObject({ name: flag.name, type: flag.type, description: flag.description });
      for (const env of ['development', 'production']) {
        const e = detail.environments.find((x) => x.name === env);
        expect(e, `${flag.name}@${env}`).toMatchObject({
          enabled: flag.environments[env]?.enabled,
          strategies: [{ name: 'flexibleRollout', parameters: { rollout: String(flag.environments[env]?.rollout), stickiness: 'default', groupId: flag.name } }],
        });
      }
      const tags = await get<{ tags: { type: string; value: string }[] }>(`/api/admin/features/${encodeURIComponent(flag.name)}/tags`);
      expect(tags.tags.map(({ type, value }) => ({ type, value }))).toEqual(flag.tags);
    }
    // Rollouts vary across flags and between the two environments of one flag.
    expect(new Set(seeded.flags.map((f) => f.environments.production?.rollout)).size).toBe(20);
    expect(seeded.flags[0]?.environments.development?.rollout).not.toBe(seeded.flags[0]?.environments.production?.rollout);
  }, 60_000);

  it('reports what the import wrote to the event log', async () => {
    const events = await get<{ events: { type: string }[]; total: number }>('/api/admin/search/events?limit=1&offset=0');
    const byType: Record<string, number> = {};
    for (const type of ['feature-created', 'feature-metadata-updated', 'feature-strategy-add', 'feature-environment-enabled', 'feature-environment-disabled', 'feature-tagged', 'tag-created', 'user-created', 'features-imported']) {
      byType[type] = (await get<{ total: number }>(`/api/admin/search/events?type=IS:${type}&limit=1`)).total;
    }
    console.log('events by type', byType);
    const imported = await get<{ total: number }>('/api/admin/search/events?type=IS:features-imported&limit=1');
    const created = await get<{ total: number }>('/api/admin/search/events?type=IS:feature-created&limit=1');
    console.log(`event log after seeding: ${events.total} events, ${created.total} feature-created, ${imported.total} features-imported`);
    expect(created.total).toBe(COUNT);
    expect(imported.total).toBe(seeded.importCalls);
  });

  it('falls back to the per-flag Admin API when the import route is missing, with the same plan', async () => {
    const proxy = await startFaultProxy(unleash.url);
    let small: SeedFlagsResult;
    try {
      proxy.fault({ kind: 'status', status: 404, body: '{"message":"not found"}', match: { method: 'POST', path: /\/features-batch\/import$/ } });
      small = await seedFlags(proxy.url, unleash.adminToken, { count: 12, prefix: 'api.flag-', concurrency: 4 });
      expect(proxy.count({ path: /\/features-batch\/import$/ })).toBe(1);
    } finally {
      await proxy.close();
    }
    expect(small.method).toBe('api');
    expect(small.fallbackReason).toMatch(/HTTP 404/);
    expect(small.names).toEqual(planFlags({ count: 12, prefix: 'api.flag-' }).map((f) => f.name));
    const { features, total } = await searchAll('default', 'api.flag-');
    expect(total).toBe(12);
    for (const f of features) {
      for (const env of ['development', 'production']) {
        expect(f.environments.find((e) => e.name === env)?.enabled, `${f.name}@${env}`).toBe(small.expected[env]?.[f.name]?.enabled);
      }
    }
  }, 60_000);
});
