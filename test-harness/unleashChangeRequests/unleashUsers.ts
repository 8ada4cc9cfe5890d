import { randomBytes } from 'node:crypto';
import { runCommand } from '../process.js';

export interface UnleashPerson {
  id: number;
  username: string;
  email: string;
  /** a personal access token of this user (`user:<hex>`), sent as the raw Authorization header */
  token: string;
}

/**
 * A real user of a real Unleash 7.5 with a personal access token, made the way a person would:
 * an admin creates the user with a password (POST /api/admin/user-admin), the user signs in
 * (POST /auth/simple/login) and creates a token in their profile (POST /api/admin/user/tokens).
 */
export async function createUnleashPerson(
  url: string,
  adminToken: string,
  who: { username: string; name: string; rootRole: 'Admin' | 'Editor' | 'Viewer' },
): Promise<UnleashPerson> {
  const email = `${who.username}@example.com`;
  const password = `Pw-${randomBytes(12).toString('hex')}-x9!`;
  const created = await call(url, 'POST', '/api/admin/user-admin', { authorization: adminToken }, {
    email,
    name: who.name,
    username: who.username,
    rootRole: who.rootRole,
    password,
    sendEmail: false,
  });
  const login = await fetch(`${url}/auth/simple/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: who.username, password }),
  });
  if (login.status !== 200) throw new Error(`signing in as ${who.username} answered ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const pat = await call(url, 'POST', '/api/admin/user/tokens', { cookie }, {
    description: `ringside tests (${who.username})`,
    expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
  });
  return { id: (created as { id: number }).id, username: who.username, email, token: (pat as { secret: string }).secret };
}

async function call(url: string, method: string, path: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * Make the open-source server require change requests in one environment of a project: the row the
 * Enterprise UI would write (migration 20221110104933-add-change-request-settings: `project`,
 * `environment`, primary key on both; 20221115072335 added `required_approvals`, default 1).
 * Unleash reads it on every change (ChangeRequestAccessReadModel.isChangeRequestsEnabled): no restart.
 */
export async function requireChangeRequests(databaseUrl: string, project: string, environment: string, requiredApprovals = 1): Promise<void> {
  const db = new URL(databaseUrl);
  const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const sql =
    `INSERT INTO change_request_settings (project, environment, required_approvals) ` +
    `VALUES (${literal(project)}, ${literal(environment)}, ${Math.trunc(requiredApprovals)}) ON CONFLICT DO NOTHING`;
  await runCommand('/usr/lib/postgresql/15/bin/psql', [
    '-h',
    db.hostname,
    '-p',
    db.port || '5432',
    '-U',
    decodeURIComponent(db.username || 'postgres'),
    '-d',
    decodeURIComponent(db.pathname.slice(1)),
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    sql,
  ]);
}
