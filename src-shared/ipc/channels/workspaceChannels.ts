import { z } from 'zod';
import { ConnectionCheck, SecretName, SecretsConfigured, WorkspaceConfig, WorkspaceId } from '../../domain/workspaceConfig';
import { Empty, SafeText, type ChannelDef } from './fields';

/** One workspace as the console lists it: its config (no secret), which secrets are set, where it came from. */
export const WorkspaceEntry = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['demo', 'live']),
  production: z.boolean(),
  /** file: from a workspace definition file (edit the file); saved: added in the console; demo: the embedded fleet */
  source: z.enum(['file', 'saved', 'demo']),
  /** null for the demo */
  config: WorkspaceConfig.nullable(),
  secrets: SecretsConfigured,
  /** secrets kept for this run only (not stored) */
  sessionOnly: z.boolean(),
  /** a session is running for it (some window or tab has it open, or it is polled) */
  open: z.boolean(),
});
export type WorkspaceEntry = z.infer<typeof WorkspaceEntry>;

/** A secret value sent once from the form to main; null removes it; absent keeps what main holds. */
const SecretValues = z.partialRecord(SecretName, SafeText.min(1).max(16_384).nullable());

/** The workspaces the console knows; each window or tab works in one of them. */
export const workspaceChannels = {
  'workspaces:list': {
    doc: 'Every workspace (demo, definition files, saved ones), and which one a window opened without a choice starts on.',
    request: Empty,
    response: z.object({ workspaces: z.array(WorkspaceEntry), defaultId: z.string() }),
  },
  'workspaces:save': {
    doc:
      'Add or edit a workspace. Secrets go to main once and never come back; the desktop app keeps them encrypted with the OS ' +
      'keychain and refuses a plain-text fallback unless sessionOnly is chosen.',
    request: z.object({ config: WorkspaceConfig, secrets: SecretValues.optional(), sessionOnly: z.boolean().optional() }).strict(),
    response: WorkspaceEntry,
  },
  'workspaces:remove': {
    doc: 'Forget a saved workspace and delete its secrets; its cached audit stays readable offline under its id.',
    request: z.object({ id: WorkspaceId }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  'workspaces:test': {
    doc: 'Test a workspace (saved, or as filled in the form): per backend, reachability, TLS, authentication and what the credentials may do.',
    request: z
      .object({ id: WorkspaceId.optional(), config: WorkspaceConfig.optional(), secrets: SecretValues.optional() })
      .strict()
      .refine((r) => (r.id === undefined) !== (r.config === undefined), { message: 'give either id (a saved workspace) or config (the form), exactly one', path: ['id'] })
      .refine((r) => r.secrets === undefined || r.config !== undefined, { message: 'goes with config', path: ['secrets'] }),
    response: z.object({ checks: z.array(ConnectionCheck), ok: z.boolean() }),
  },
  'workspaces:open': {
    doc: 'Open a workspace beside the current one: a new window in the desktop app; in serve mode the address of its tab.',
    request: z.object({ id: WorkspaceId }).strict(),
    response: z.object({ path: z.string(), opened: z.boolean() }),
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
