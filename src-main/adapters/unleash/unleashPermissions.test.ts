import { RingsideError } from '../../../src-shared/ipc/result';
import { changeRequestRequired, explainWriteError, SKIP_CHANGE_REQUEST } from './unleashErrors';
import { capabilityChecks, hasPermission, identityOf, UnleashMe, unreportedChecks } from './unleashPermissions';

// Trimmed from what a real unleash-server 7.5.1 answered GET /api/admin/user (values changed, shapes kept).
const ADMIN_TOKEN_ANSWER = {
  user: {
    username: 'ringside-ci',
    permissions: ['ADMIN'],
    environment: '*',
    type: 'admin',
    secret: '*:*.0123456789abcdef0123456789abcdef',
    projects: ['*'],
    internalAdminTokenUserId: -42,
  },
  permissions: [{ permission: 'ADMIN' }],
  feedback: [],
  splash: {},
};
const EDITOR_ANSWER = {
  user: { accountType: 'User', id: 2, name: 'Ed Itor', username: 'editor1', email: 'ed@example.com', imageUrl: 'https://gravatar.com/x', seenAt: null },
  permissions: [
    { project: 'default', permission: 'CREATE_FEATURE' },
    { permission: 'UPDATE_CONTEXT_FIELD' },
    { project: 'default', environment: 'development', permission: 'UPDATE_FEATURE_ENVIRONMENT' },
    { project: 'default', environment: 'production', permission: 'UPDATE_FEATURE_ENVIRONMENT' },
    { project: 'default', environment: 'development', permission: 'UPDATE_FEATURE_STRATEGY' },
    { project: 'default', environment: 'production', permission: 'UPDATE_FEATURE_STRATEGY' },
    { project: 'default', environment: 'production', permission: 'CREATE_FEATURE_STRATEGY' },
  ],
  feedback: [],
  splash: {},
};
const VIEWER_ANSWER = { user: { accountType: 'User', id: 3, name: 'Vi Ewer', username: 'viewer1', email: 'vi@example.com' }, permissions: [], feedback: [], splash: {} };
/** A project member who may toggle in development only, and change strategies nowhere. */
const DEV_ONLY_ANSWER = {
  user: { id: 7, name: 'Junior Dev', username: null, email: 'junior@example.com' },
  permissions: [
    { project: 'payments', environment: 'development', permission: 'UPDATE_FEATURE_ENVIRONMENT' },
    { project: 'default', environment: 'production', permission: 'UPDATE_FEATURE_ENVIRONMENT' },
  ],
};

const me = (answer: unknown) => UnleashMe.parse(answer);
const by = (checks: ReturnType<typeof capabilityChecks>) => Object.fromEntries(checks.map((c) => [`${c.capability}@${c.scope}`, c]));

describe('Unleash permissions read from GET /api/admin/user', () => {
  it('an admin API token may do everything, acts as no one in particular, and its secret is not kept', () => {
    const parsed = me(ADMIN_TOKEN_ANSWER);
    expect(JSON.stringify(parsed)).not.toContain('0123456789abcdef');
    expect(identityOf(parsed)).toBeNull();
    const checks = capabilityChecks(parsed, 'default', ['development', 'production']);
    expect(checks).toHaveLength(4);
    expect(checks.every((c) => c.allowed && c.reason === null)).toBe(true);
    expect(by(checks)['flags.toggle@production']?.permission).toBe('UPDATE_FEATURE_ENVIRONMENT');
    expect(by(checks)['flags.strategy@production']?.permission).toBe('UPDATE_FEATURE_STRATEGY');
  });

  it('an editor may toggle and edit strategies in both environments of the default project, and nowhere else', () => {
    const parsed = me(EDITOR_ANSWER);
    expect(identityOf(parsed)).toBe('editor1');
    expect(capabilityChecks(parsed, 'default', ['development', 'production']).every((c) => c.allowed)).toBe(true);
    const elsewhere = by(capabilityChecks(parsed, 'payments', ['production']));
    expect(elsewhere['flags.toggle@production']).toMatchObject({ allowed: false, permission: 'UPDATE_FEATURE_ENVIRONMENT' });
    expect(elsewhere['flags.toggle@production']?.reason).toBe(
      'Unleash user editor1 does not have UPDATE_FEATURE_ENVIRONMENT in production of project payments; ask an Unleash admin for a role that grants it.',
    );
  });

  it('a viewer may do nothing, and each denial names the permission it lacks', () => {
    const checks = capabilityChecks(me(VIEWER_ANSWER), 'default', ['production']);
    expect(checks.map((c) => [c.capability, c.allowed])).toEqual([
      ['flags.toggle', false],
      ['flags.strategy', false],
    ]);
    expect(checks[1]?.reason).toContain('UPDATE_FEATURE_STRATEGY in production of project default');
  });

  it('environment and project scoping follow Unleash: development of payments only, the email when there is no username', () => {
    const parsed = me(DEV_ONLY_ANSWER);
    expect(identityOf(parsed)).toBe('junior@example.com');
    const checks = by(capabilityChecks(parsed, 'payments', ['development', 'production']));
    expect(checks['flags.toggle@development']?.allowed).toBe(true);
    expect(checks['flags.toggle@production']?.allowed).toBe(false);
    expect(checks['flags.strategy@development']?.allowed).toBe(false);
  });

  it('matches permissions as Unleash does: no project or environment means any, "*" means any, ADMIN means every permission', () => {
    const perms = [{ permission: 'UPDATE_FEATURE_STRATEGY', project: '*', environment: '*' }, { permission: 'CREATE_PROJECT' }];
    expect(hasPermission(perms, 'UPDATE_FEATURE_STRATEGY', 'any', 'prod')).toBe(true);
    expect(hasPermission(perms, 'UPDATE_FEATURE_ENVIRONMENT', 'any', 'prod')).toBe(false);
    expect(hasPermission([{ permission: 'UPDATE_FEATURE_ENVIRONMENT', project: 'a', environment: 'dev' }], 'UPDATE_FEATURE_ENVIRONMENT', 'b', 'dev')).toBe(false);
    expect(hasPermission([{ permission: 'ADMIN' }], 'SKIP_CHANGE_REQUEST', 'a', 'prod')).toBe(true);
  });

  it('when the server does not say, every check is allowed with the reason that the server decides', () => {
    const checks = unreportedChecks(['production']);
    expect(checks.every((c) => c.allowed && c.reason === 'not reported by the server; the server decides on each change')).toBe(true);
  });
});

describe('the change-request rule in a 403', () => {
  // What the HTTP client makes of the real 7.5 answer, with and without the permission parsed out of it.
  const quoted = new RingsideError(
    'forbidden',
    'Unleash answered 403: the token may not do this. It said: You don\'t have the required permissions to perform this operation. To perform this action, you need the "SKIP_CHANGE_REQUEST" permission.',
  );
  const named = new RingsideError('forbidden', 'Unleash answered 403: the token lacks the permission SKIP_CHANGE_REQUEST.', null, SKIP_CHANGE_REQUEST);
  const other = new RingsideError('forbidden', 'Unleash answered 403: the token lacks the permission UPDATE_FEATURE_ENVIRONMENT.', null, 'UPDATE_FEATURE_ENVIRONMENT');

  it('is recognised by the permission the client parsed, or by the permission named in the message', () => {
    expect(changeRequestRequired(named)).toBe(true);
    expect(changeRequestRequired(quoted)).toBe(true);
    expect(changeRequestRequired(other)).toBe(false);
    expect(changeRequestRequired(new RingsideError('not_found', 'SKIP_CHANGE_REQUEST'))).toBe(false);
    expect(changeRequestRequired(new Error('SKIP_CHANGE_REQUEST'))).toBe(false);
  });

  it('is explained as a change that needs a second person; other errors pass unchanged', () => {
    const explained = explainWriteError(quoted, 'production', 'default') as RingsideError;
    expect(explained).toBeInstanceOf(RingsideError);
    expect(explained.code).toBe('forbidden');
    expect(explained.permission).toBe(SKIP_CHANGE_REQUEST);
    expect(explained.message).toMatch(/^production in default requires a change request: a second person must approve this change\. Request it from Ringside/);
    expect(explainWriteError(other, 'production', 'default')).toBe(other);
  });
});
