import { useRingside } from '../../store/useRingside';

/**
 * The names that mean "the person at this console": the name Ringside records for them here, and
 * what the flag server or Kubernetes say the credentials belong to. A request under any of them is
 * their own, which someone else must approve.
 */
export function useMyNames(kind: 'flags' | 'deploy' | 'any'): string[] {
  const actor = useRingside((s) => s.identity.data?.actor ?? null);
  const flags = useRingside((s) => s.policy.data?.identity.flags ?? null);
  const deploy = useRingside((s) => s.policy.data?.identity.deploy ?? null);
  const names = [actor, kind !== 'deploy' ? flags : null, kind !== 'flags' ? deploy : null];
  return names.filter((n): n is string => Boolean(n));
}

export const isMine = (who: string, mine: readonly string[]) => mine.includes(who);

/** Said beside an Approve the person may not use on their own request. */
export const OWN_REQUEST = 'You requested this; someone else must approve.';
