import type { ConnectionCheck, WorkspaceConfig } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { Handlers, ParsedRequestOf } from '../handlers';
import type { SecretSource, WorkspaceRegistry } from './registry';

/** Channels that belong to the console, not to one workspace's session. */
export type ConsoleChannel =
  | 'app:info'
  | 'workspace:connect'
  | 'workspace:useDemo'
  | 'workspaces:list'
  | 'workspaces:save'
  | 'workspaces:remove'
  | 'workspaces:test'
  | 'workspaces:open';

export type ScopedHandlers = { [C in ConsoleChannel]: (request: ParsedRequestOf<C>, scope: string | null) => ReturnType<Handlers[C]> };

export interface ConsoleDeps {
  registry: WorkspaceRegistry;
  version: string;
  dataDir: string;
  notices: string[];
  /** per backend: reachability, TLS, authentication, permissions; absent: not offered in this mode */
  testConnection?: (config: WorkspaceConfig, secrets: SecretSource) => Promise<ConnectionCheck[]>;
  /** the desktop app opens a window on the workspace and answers true; serve mode has none (the page opens a tab) */
  openWindow?: (id: string) => boolean;
}

const slug = (name: string) =>
  name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'workspace';

/** The workspace list and its edits, "Test connection", and opening a workspace beside the current one. */
export function consoleHandlers(deps: ConsoleDeps): ScopedHandlers {
  const { registry } = deps;
  const summaryOf = async (id: string) => {
    const session = await registry.session(id);
    return { ...session.summary(), production: session.workspace.production ?? false };
  };
  async function test(config: WorkspaceConfig, secrets: SecretSource) {
    if (!deps.testConnection) throw new RingsideError('unavailable', 'Testing a connection is not available in this mode.');
    const checks = await deps.testConnection(config, secrets);
    return { checks, ok: checks.every((c) => c.ok) };
  }
  return {
    'app:info': async () => ({ version: deps.version, dataDir: deps.dataDir, notices: deps.notices }),
    'workspaces:list': async () => ({ workspaces: await registry.entries(), defaultId: registry.defaultId() }),
    'workspaces:save': (req) => registry.save(req.config, req.secrets ?? {}, req.sessionOnly ?? false),
    'workspaces:remove': async (req) => ({ removed: await registry.remove(req.id) }),
    'workspaces:test': async (req) => {
      if (req.id !== undefined) {
        const entry = await registry.entry(req.id);
        if (!entry.config) throw new RingsideError('bad_request', 'The demo workspace has no connections to test.');
        return test(entry.config, await registry.secretSource(req.id));
      }
      const config = req.config!;
      return test(config, await registry.secretSource(config.id, req.secrets ?? {}));
    },
    'workspaces:open': async (req) => {
      await registry.entry(req.id);
      const opened = deps.openWindow?.(req.id) ?? false;
      return { path: `/?workspace=${encodeURIComponent(req.id)}`, opened };
    },
    // The settings form's one-step connect: an Unleash workspace saved, checked by a real read, made the default.
    'workspace:connect': async (req) => {
      const config = { id: slug(req.name), name: req.name, production: false, flags: { provider: 'unleash' as const, url: req.flags.url, project: req.flags.project }, policy: { environments: {} } };
      if (registry.isFixed(config.id)) throw new RingsideError('conflict', `A workspace with the id "${config.id}" already exists; choose another name.`);
      const existed = (await registry.entries()).some((e) => e.id === config.id);
      await registry.save(config, { 'flags.token': req.flags.token }, false);
      try {
        // Prove the connection with a real read before it becomes the default; a 401 or a wrong URL stops here.
        const session = await registry.session(config.id);
        await session.workspace.flags?.listFlags();
      } catch (error) {
        if (!existed) await registry.remove(config.id);
        throw error;
      }
      registry.setDefault(config.id);
      return summaryOf(config.id);
    },
    'workspace:useDemo': async () => {
      const demo = (await registry.entries()).find((e) => e.source === 'demo');
      if (!demo) throw new RingsideError('unavailable', 'This console was started without the demo workspace.');
      registry.setDefault(demo.id);
      return summaryOf(demo.id);
    },
  };
}
