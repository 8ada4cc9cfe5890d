import { randomBytes } from 'node:crypto';

/**
 * Seeds thousands of flags into a real unleash-server 7.5 quickly, through Unleash's own bulk
 * import (`POST /api/admin/features-batch/import`): one call per chunk of flags and environment
 * (each call is one server-side transaction; the route's JSON body is capped at 500 kB), then one
 * bulk tagging call per tag value (`PUT /api/admin/projects/:project/tags`).
 *
 * - Unleash refuses the import to admin API tokens ("You can't use an admin token to import
 *   features"), so the seeder uses the admin token to create a dedicated Admin user
 *   (`ringside-bulk-seed-<hex>`, random password), logs in with simple auth and mints a personal
 *   access token, which the import accepts. Done once per server and admin token.
 * - Tags are not sent in the import: every import call deletes all tags of the flags it carries
 *   and re-adds its own one by one (one event round trip each); bulk tagging afterwards is cheaper.
 * - Only the environments to switch on are listed in `featureEnvironments`, since new flags start
 *   disabled: re-seeding a flag that is on in production does not switch it off.
 * - The import still runs Unleash's per-flag service code (≈ 60 SQL statements per flag for two
 *   environments), so the server's single Node thread is the bottleneck: ≈ 12 ms of its CPU per flag.
 *
 * With `method: 'auto'` (the default), if the import route or the token for it is unavailable the
 * seeder falls back to the per-flag Admin API with bounded concurrency (several times slower).
 */

export const SEED_FLAG_TYPES = ['release', 'experiment', 'operational', 'kill-switch', 'permission'] as const;
export type SeedFlagType = (typeof SEED_FLAG_TYPES)[number];

export interface SeedFlagsOptions {
  /** How many flags to create. */
  count: number;
  /** Name prefix; names are `${prefix}${zero-padded 1-based index}` (at least 4 digits). Default `bulk.flag-`. */
  prefix?: string;
  /** Project id; default `default`. */
  project?: string;
  /** Environments to configure; default `['development', 'production']`. */
  environments?: string[];
  /** `import` (bulk import only), `api` (per-flag Admin API only) or `auto` (import, falling back to the API). Default `auto`. */
  method?: 'auto' | 'import' | 'api';
  /** Flags per import call; default: as many as fit in ~400 kB (Unleash caps that route's JSON body at 500 kB). */
  chunkSize?: number;
  /** Import calls in flight at once (each is one server-side transaction); default 2. */
  parallel?: number;
  /** Parallel requests in the API fallback; default 8. */
  concurrency?: number;
}

export interface SeededEnvironmentState {
  enabled: boolean;
  /** flexibleRollout percentage, 5–100. */
  rollout: number;
}

export interface SeededFlag {
  name: string;
  /** 1-based index in the seed. */
  index: number;
  type: SeedFlagType;
  description: string;
  /** One `simple` tag per flag. */
  tags: { type: 'simple'; value: string }[];
  /** Keyed by environment name. */
  environments: Record<string, SeededEnvironmentState>;
}

export interface SeedFlagsResult {
  project: string;
  environments: string[];
  /** The names in creation (and sort) order. */
  names: string[];
  flags: SeededFlag[];
  /** expected[environment][flagName]: what the server should report. */
  expected: Record<string, Record<string, SeededEnvironmentState>>;
  /** How the flags actually got in. */
  method: 'import' | 'api';
  /** Why the API fallback was used (only when method is `api` under `auto`). */
  fallbackReason?: string;
  /** HTTP calls made for the seeding itself (import and bulk-tag calls, or Admin API calls). */
  calls: number;
  /** `features-batch/import` calls among them (one `features-imported` event each); 0 via the API. */
  importCalls: number;
  elapsedMs: number;
}

/** The deterministic plan for `count` flags: names, types, tags, per-environment state. */
export function planFlags(options: SeedFlagsOptions): SeededFlag[] {
  const prefix = options.prefix ?? 'bulk.flag-';
  const environments = options.environments ?? ['development', 'production'];
  const width = Math.max(4, String(options.count).length);
  const flags: SeededFlag[] = [];
  for (let index = 1; index <= options.count; index += 1) {
    const name = `${prefix}${String(index).padStart(width, '0')}`;
    const type = SEED_FLAG_TYPES[(index - 1) % SEED_FLAG_TYPES.length] as SeedFlagType;
    const envs: Record<string, SeededEnvironmentState> = {};
    environments.forEach((env, envIndex) => {
      // development (and any non-production env) on for all; production on for even indexes only.
      const enabled = env === 'production' ? index % 2 === 0 : true;
      // 5, 10, … 100 in a stride so neighbours differ, and differ between environments.
      const rollout = (((index * 7 + envIndex * 3) % 20) + 1) * 5;
      envs[env] = { enabled, rollout };
    });
    flags.push({
      name,
      index,
      type,
      description: `Bulk-seeded ${type} flag #${index}`,
      tags: [{ type: 'simple', value: `bulk-group-${index % 10}` }],
      environments: envs,
    });
  }
  return flags;
}

/** Creates `count` flags in `project` (default `default`); see the module comment for how. */
export async function seedFlags(url: string, adminToken: string, options: SeedFlagsOptions): Promise<SeedFlagsResult> {
  const started = Date.now();
  const project = options.project ?? 'default';
  const environments = options.environments ?? ['development', 'production'];
  const flags = planFlags({ ...options, environments });
  const method = options.method ?? 'auto';
  const base = url.replace(/\/+$/, '');
  const finish = (how: 'import' | 'api', calls: number, fallbackReason?: string, importCalls = 0): SeedFlagsResult => {
    const expected: Record<string, Record<string, SeededEnvironmentState>> = {};
    for (const env of environments) {
      expected[env] = Object.fromEntries(flags.map((f) => [f.name, f.environments[env] as SeededEnvironmentState]));
    }
    return {
      project,
      environments,
      names: flags.map((f) => f.name),
      flags,
      expected,
      method: how,
      ...(fallbackReason ? { fallbackReason } : {}),
      calls,
      importCalls,
      elapsedMs: Date.now() - started,
    };
  };

  if (flags.length === 0) return finish(method === 'api' ? 'api' : 'import', 0);
  if (method !== 'api') {
    let calls = 0;
    try {
      const token = await importToken(base, adminToken);
      const all = [...chunks(flags, project, environments, options.chunkSize, options.parallel ?? 2)];
      let next = 0;
      const runChunk = async (chunk: SeededFlag[]): Promise<void> => {
        for (const env of environments) {
          await importChunk(base, token, project, env, chunk, calls === 0);
          calls += 1;
        }
      };
      // The first chunk runs alone, so a route or token problem shows before anything runs in parallel.
      await runChunk(all[next++] as SeededFlag[]);
      await Promise.all(
        Array.from({ length: Math.max(1, options.parallel ?? 2) }, async () => {
          while (next < all.length) await runChunk(all[next++] as SeededFlag[]);
        }),
      );
      // Tags last, in one bulk call per tag: every import call deletes the tags of the flags it carries,
      // and the import's own per-tag path costs one event round trip per flag.
      const importCalls = calls;
      calls += await bulkTag(base, adminToken, project, flags);
      return finish('import', calls, undefined, importCalls);
    } catch (err) {
      // Each import call is one transaction, so a failed first call left nothing behind;
      // a later failure would leave a partial seed that the API path cannot complete.
      if (method === 'import' || calls > 0 || !(err instanceof ImportUnavailable)) throw err;
      const calls2 = await seedThroughApi(base, adminToken, project, environments, flags, options.concurrency ?? 8);
      return finish('api', calls2, err.message);
    }
  }
  const calls = await seedThroughApi(base, adminToken, project, environments, flags, options.concurrency ?? 8);
  return finish('api', calls);
}

/** The import route or a token for it is not available: the caller may fall back to the API. */
class ImportUnavailable extends Error {}

async function call(base: string, method: string, path: string, auth: Record<string, string>, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function expectOk(res: Response, what: string): Promise<string> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered HTTP ${res.status}: ${text.slice(0, 1000)}`);
  return text;
}

const patCache = new Map<string, Promise<string>>();

/**
 * A personal access token for the bulk import, minted once per server URL and admin token: admin
 * API tokens are refused by `features-batch/import`. Creates an Admin user
 * `ringside-bulk-seed-<hex>` with a random password (a `user-created` event), logs in with simple
 * auth and creates a PAT valid for 24 h (a `pat-created` event).
 */
export function importToken(base: string, adminToken: string): Promise<string> {
  const key = `${base}\n${adminToken}`;
  let pending = patCache.get(key);
  if (!pending) {
    pending = mintPat(base, adminToken);
    patCache.set(key, pending);
    pending.catch(() => patCache.delete(key));
  }
  return pending;
}

async function mintPat(base: string, adminToken: string): Promise<string> {
  const username = `ringside-bulk-seed-${randomBytes(4).toString('hex')}`;
  // Unleash's password policy: ≥ 10 characters with upper, lower, digit and symbol.
  const password = `Rs!${randomBytes(12).toString('hex')}Aa9`;
  const created = await call(base, 'POST', '/api/admin/user-admin', { Authorization: adminToken }, {
    username,
    name: 'Ringside bulk seed',
    password,
    rootRole: 'Admin',
    sendEmail: false,
  });
  if (!created.ok) throw new ImportUnavailable(`cannot create the import user: HTTP ${created.status}: ${(await created.text()).slice(0, 300)}`);
  await created.text();

  const login = await call(base, 'POST', '/auth/simple/login', {}, { username, password });
  if (!login.ok) throw new ImportUnavailable(`cannot log in as the import user: HTTP ${login.status}: ${(await login.text()).slice(0, 300)}`);
  await login.text();
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new ImportUnavailable('simple-auth login set no session cookie');

  const expiresAt = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  const pat = await call(base, 'POST', '/api/admin/user/tokens', { Cookie: cookie }, { description: 'ringside bulk seed', expiresAt });
  const text = await pat.text();
  if (!pat.ok) throw new ImportUnavailable(`cannot create a personal access token: HTTP ${pat.status}: ${text.slice(0, 300)}`);
  const secret = (JSON.parse(text) as { secret?: string }).secret;
  if (!secret) throw new ImportUnavailable(`the PAT answer has no secret: ${text.slice(0, 300)}`);
  return secret;
}

interface ImportData {
  features: { name: string; type: string; description: string; project: string; impressionData: boolean }[];
  featureStrategies: {
    name: string;
    featureName: string;
    title?: string;
    parameters: Record<string, string>;
    constraints: [];
    disabled: boolean;
    sortOrder: number;
  }[];
  featureEnvironments: { name: string; featureName: string; environment: string; enabled: boolean; variants: [] }[];
  featureTags: { featureName: string; tagType: string; tagValue: string }[];
  tagTypes: { name: string; description: string; icon: string }[];
  contextFields: [];
  segments: [];
  dependencies: [];
  links: [];
}

/** The import body for one chunk in one environment (`withTags: false` is what seedFlags sends; it tags in bulk afterwards). */
export function importBody(
  project: string,
  environment: string,
  flags: SeededFlag[],
  withTags = true,
): { project: string; environment: string; data: ImportData } {
  return {
    project,
    environment,
    data: {
      features: flags.map((f) => ({ name: f.name, type: f.type, description: f.description, project, impressionData: false })),
      featureStrategies: flags.map((f) => ({
        name: 'flexibleRollout',
        featureName: f.name,
        parameters: { rollout: String(f.environments[environment]?.rollout ?? 100), stickiness: 'default', groupId: f.name },
        constraints: [],
        // no `segments`: an empty list still costs a segment update per strategy
        disabled: false,
        sortOrder: 0,
      })),
      // Only the environments to switch on: a new flag starts disabled everywhere, and each entry costs
      // the server a round of checks even when nothing changes.
      featureEnvironments: flags
        .filter((f) => f.environments[environment]?.enabled)
        .map((f) => ({
          // `name` is the flag name: importToggleStatuses reads it; `featureName` keeps the row through cleanData.
          name: f.name,
          featureName: f.name,
          environment,
          enabled: true,
          variants: [],
        })),
      // Every import call deletes the chunk's tags and re-adds those it carries, one by one.
      featureTags: withTags ? flags.flatMap((f) => f.tags.map((t) => ({ featureName: f.name, tagType: t.type, tagValue: t.value }))) : [],
      tagTypes: withTags ? [{ name: 'simple', description: 'Used to simplify filtering of features', icon: '#' }] : [],
      contextFields: [],
      segments: [],
      dependencies: [],
      links: [],
    },
  };
}

const BODY_BUDGET = 400_000; // bytes; the route's express.json limit is 500 kB

function* chunks(flags: SeededFlag[], project: string, environments: string[], chunkSize: number | undefined, parallel: number): Generator<SeededFlag[]> {
  let size = chunkSize;
  if (!size) {
    const sample = flags.slice(0, Math.min(flags.length, 50));
    const perFlag = Math.max(
      ...environments.map((env) => Buffer.byteLength(JSON.stringify(importBody(project, env, sample))) / Math.max(1, sample.length)),
    );
    size = Math.max(1, Math.floor(BODY_BUDGET / (perFlag * 1.1)));
    // Enough chunks to keep `parallel` imports busy (and a first one small enough to fail fast).
    size = Math.min(size, Math.max(50, Math.ceil(flags.length / (parallel * 3))));
  }
  for (let i = 0; i < flags.length; i += size) yield flags.slice(i, i + size);
}

async function importChunk(base: string, token: string, project: string, env: string, chunk: SeededFlag[], first: boolean): Promise<void> {
  const res = await call(base, 'POST', '/api/admin/features-batch/import', { Authorization: token }, importBody(project, env, chunk, false));
  const text = await res.text();
  if (res.ok) return;
  const message = `features-batch/import (${env}, ${chunk[0]?.name}…${chunk.at(-1)?.name}) answered HTTP ${res.status}: ${text.slice(0, 1500)}`;
  // A missing route, or a refusal of the token, means the import is not usable here at all.
  if (first && (res.status === 404 || res.status === 401 || res.status === 403)) throw new ImportUnavailable(message);
  throw new Error(message);
}

/** `PUT /api/admin/projects/:project/tags` once per distinct tag (and ≤ 1,000 flags): Unleash's bulk tagging. */
async function bulkTag(base: string, adminToken: string, project: string, flags: SeededFlag[]): Promise<number> {
  const byTag = new Map<string, { tag: { type: string; value: string }; features: string[] }>();
  for (const flag of flags) {
    for (const tag of flag.tags) {
      const key = `${tag.type}:${tag.value}`;
      const entry = byTag.get(key) ?? { tag, features: [] };
      entry.features.push(flag.name);
      byTag.set(key, entry);
    }
  }
  let calls = 0;
  for (const { tag, features } of byTag.values()) {
    for (let i = 0; i < features.length; i += 1_000) {
      const res = await call(base, 'PUT', `/api/admin/projects/${encodeURIComponent(project)}/tags`, { Authorization: adminToken }, {
        features: features.slice(i, i + 1_000),
        tags: { addedTags: [tag], removedTags: [] },
      });
      await expectOk(res, `PUT /api/admin/projects/${project}/tags (${tag.type}:${tag.value})`);
      calls += 1;
    }
  }
  return calls;
}

/** The slow path: per-flag Admin API calls, `concurrency` flags at a time. Returns the number of calls. */
async function seedThroughApi(base: string, adminToken: string, project: string, environments: string[], flags: SeededFlag[], concurrency: number): Promise<number> {
  const auth = { Authorization: adminToken };
  let calls = 0;
  const send = async (method: string, path: string, body?: unknown): Promise<void> => {
    calls += 1;
    await expectOk(await call(base, method, path, auth, body), `${method} ${path}`);
  };
  const feature = (name: string) => `/api/admin/projects/${encodeURIComponent(project)}/features/${encodeURIComponent(name)}`;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < flags.length) {
      const flag = flags[next++] as SeededFlag;
      await send('POST', `/api/admin/projects/${encodeURIComponent(project)}/features`, { name: flag.name, type: flag.type, description: flag.description });
      for (const tag of flag.tags) await send('POST', `/api/admin/features/${encodeURIComponent(flag.name)}/tags`, tag);
      for (const env of environments) {
        const state = flag.environments[env] as SeededEnvironmentState;
        await send('POST', `${feature(flag.name)}/environments/${env}/strategies`, {
          name: 'flexibleRollout',
          parameters: { rollout: String(state.rollout), stickiness: 'default', groupId: flag.name },
          constraints: [],
        });
        if (state.enabled) await send('POST', `${feature(flag.name)}/environments/${env}/on`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, flags.length)) }, worker));
  return calls;
}
