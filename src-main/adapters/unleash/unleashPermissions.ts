import { z } from 'zod';
import type { Capability, CapabilityCheck } from '../../../src-shared/domain/governance';

/**
 * GET /api/admin/user ("getMe"), as Unleash 7.5 answers it. For a personal access token or a session:
 * the user (`id`, `username`, `email`, `name`) and its permissions, each `{ permission, project?,
 * environment? }` (root permissions carry neither, project ones a project, environment ones both).
 * For an admin API token: an ApiUser (`username` is the token's name, `type: "admin"`, no `id`) with
 * `[{ permission: "ADMIN" }]`. That ApiUser also carries the token's `secret`: the schema below
 * keeps only the fields named, so it never travels further than this parse.
 */
export const UnleashMe = z.object({
  user: z.object({
    id: z.number().nullish(),
    username: z.string().nullish(),
    email: z.string().nullish(),
    name: z.string().nullish(),
    /** an API token's type (admin, client, frontend); absent for users */
    type: z.string().nullish(),
    accountType: z.string().nullish(),
  }),
  permissions: z.array(z.object({ permission: z.string(), project: z.string().nullish(), environment: z.string().nullish() })),
});
export type UnleashMe = z.infer<typeof UnleashMe>;
type Permission = UnleashMe['permissions'][number];

export const ADMIN = 'ADMIN';
const ALL = '*';

/** The Unleash permission each capability needs in an environment of a project. */
export const CAPABILITY_PERMISSION: Partial<Record<Capability, string>> = {
  'flags.toggle': 'UPDATE_FEATURE_ENVIRONMENT',
  'flags.strategy': 'UPDATE_FEATURE_STRATEGY',
};

/** An API token, not a person: it has no user id (Unleash's ApiUser). */
export const isApiToken = (me: UnleashMe) => me.user.id == null;

/** Who the credentials act as, as Unleash names people; null for an API token, which is no one in particular. */
export function identityOf(me: UnleashMe): string | null {
  if (isApiToken(me)) return null;
  const { username, email, name, id } = me.user;
  return username || email || name || (id != null ? `user #${id}` : null);
}

/**
 * Unleash's own rule (AccessService.meetsAllPermissions): a permission applies when it names no
 * project or this one (or `*`), and no environment or this one (or `*`); ADMIN stands for every permission.
 */
export function hasPermission(permissions: Permission[], name: string, project: string, environment?: string): boolean {
  return permissions
    .filter((p) => !p.project || p.project === project || p.project === ALL)
    .filter((p) => !p.environment || p.environment === environment || p.environment === ALL)
    .some((p) => p.permission === name || p.permission === ADMIN);
}

/** Toggle and strategy rights per environment, from the server's own list of what these credentials hold. */
export function capabilityChecks(me: UnleashMe, project: string, environments: string[]): CapabilityCheck[] {
  const who = identityOf(me);
  return environments.flatMap((environment) =>
    (['flags.toggle', 'flags.strategy'] as const).map((capability): CapabilityCheck => {
      const permission = CAPABILITY_PERMISSION[capability] as string;
      const allowed = hasPermission(me.permissions, permission, project, environment);
      return {
        capability,
        scope: environment,
        allowed,
        reason: allowed ? null : denial(who, permission, project, environment),
        permission,
      };
    }),
  );
}

function denial(who: string | null, permission: string, project: string, environment: string): string {
  const holder = who ? `Unleash user ${who}` : 'This Unleash token';
  return `${holder} does not have ${permission} in ${environment} of project ${project}; ask an Unleash admin for a role that grants it.`;
}

/** The same checks when the server could not say: allowed, and the reason says the server decides on each change. */
export function unreportedChecks(environments: string[], why = 'not reported by the server; the server decides on each change'): CapabilityCheck[] {
  return environments.flatMap((environment) =>
    (['flags.toggle', 'flags.strategy'] as const).map((capability) => ({
      capability,
      scope: environment,
      allowed: true,
      reason: why,
      permission: CAPABILITY_PERMISSION[capability] as string,
    })),
  );
}
