import type { Clock } from '../ports';
import type { Workspace } from '../workspace';

/** How long what a server said about the credentials is kept before it is asked again. */
export const SERVER_VIEW_TTL_MS = 60_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A server's answer kept for a while; a failure is kept as a notice (and not cached, so the next call asks again). */
export function cached<T>(clock: Clock, read: () => Promise<T>, ttlMs = SERVER_VIEW_TTL_MS) {
  let held: { at: number; value: T } | null = null;
  let inFlight: Promise<T> | null = null;
  async function get(refresh = false): Promise<T> {
    if (!refresh && held && clock.now() - held.at < ttlMs) return held.value;
    inFlight ??= read().then(
      (value) => {
        held = { at: clock.now(), value };
        inFlight = null;
        return value;
      },
      (error: unknown) => {
        inFlight = null;
        throw error;
      },
    );
    return inFlight;
  }
  return {
    get,
    /**
     * The value held even past its TTL, refreshed in the background then (its failure keeps the old
     * value); waits only when nothing is held yet. For bookkeeping after an action, which must not
     * make the action's answer wait for a server round trip.
     */
    async settled(): Promise<T> {
      if (!held) return get();
      if (clock.now() - held.at >= ttlMs) get().catch(() => undefined);
      return held.value;
    },
    checkedAt: () => held?.at ?? null,
  };
}

export interface Identities {
  flags: string | null;
  deploy: string | null;
  notices: string[];
}

/** Who the flag server and the Kubernetes API say the credentials belong to (null where they cannot say). */
export function createIdentities(workspace: Pick<Workspace, 'flags' | 'deploy'>, clock: Clock) {
  const view = cached<Identities>(clock, async () => {
    const notices: string[] = [];
    const ask = async (kind: string, who: (() => Promise<string | null>) | undefined) => {
      if (!who) return null;
      try {
        return await who();
      } catch (error) {
        notices.push(`The ${kind} server could not say who the credentials belong to: ${message(error)}`);
        return null;
      }
    };
    const flagsGov = workspace.flags?.governance;
    const deployGov = workspace.deploy?.governance;
    const [flags, deploy] = await Promise.all([
      ask('flag', flagsGov && (() => flagsGov.whoAmI())),
      ask('Kubernetes', deployGov && (() => deployGov.whoAmI())),
    ]);
    return { flags, deploy, notices };
  });
  return {
    get: (refresh = false) => view.get(refresh),
    checkedAt: view.checkedAt,
    /** The name a request or approval is made under: the server's identity when it answers, else the console's actor. */
    async as(kind: 'flags' | 'deploy', actor: string): Promise<{ by: string; serverIdentity: string | null }> {
      const identity = (await view.get())[kind];
      return { by: identity ?? actor, serverIdentity: identity };
    },
  };
}
export type IdentityView = ReturnType<typeof createIdentities>;
