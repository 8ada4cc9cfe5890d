import { z } from 'zod';
import { WorkspaceSummary } from '../../domain/backend';
import { Empty, HttpUrl, ProjectName, SafeText, type ChannelDef } from './fields';

/** Names the console gives its own automata in the audit; a person may not take them. */
const RESERVED_ACTOR = /^ringside-/i;

/** The name the audit gives the person at the console: what Settings accepts, checked again in main. */
export const ActorName = SafeText.trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters such as line breaks')
  .refine((name) => !RESERVED_ACTOR.test(name), "must not start with 'ringside-': those names belong to Ringside's guard and automations");

/** Who the console's actions in the active workspace are recorded as. */
export const WorkspaceIdentity = z.object({
  workspace: z.string(),
  /** the name recorded for console actions now */
  actor: z.string(),
  /** settings: set in this workspace's Settings; os: the default, the OS user */
  source: z.enum(['settings', 'os']),
  /** the OS user, what the name goes back to when it is cleared */
  defaultActor: z.string(),
});

/** The app itself and the workspace it works against. */
export const appChannels = {
  'app:info': {
    doc: 'Version, data folder and notices the user must see (for example a database moved aside).',
    request: Empty,
    response: z.object({
      version: z.string(),
      dataDir: z.string(),
      notices: z.array(z.string()),
    }),
  },
  'workspace:current': {
    doc: 'The active workspace with the state of each backend and the age of its cached data.',
    request: Empty,
    response: WorkspaceSummary,
  },
  'workspace:connect': {
    doc: 'Point the console at an Unleash server (settings form); checked by a real read before it is saved. The token never comes back.',
    request: z
      .object({
        name: SafeText.trim().min(1).max(120),
        flags: z
          .object({
            url: HttpUrl,
            project: ProjectName,
            token: SafeText.min(1).max(4096),
          })
          .strict(),
      })
      .strict(),
    response: WorkspaceSummary,
  },
  'workspace:identity': {
    doc: 'The one name the audit, the Kill switches table and exports give the person at the console in the active workspace.',
    request: Empty,
    response: WorkspaceIdentity,
  },
  'workspace:setIdentity': {
    doc: "Set that name for the active workspace (null: back to the OS user); actions from now on are recorded under it, earlier rows keep theirs.",
    request: z.object({ actor: ActorName.nullable() }).strict(),
    response: WorkspaceIdentity,
  },
  'workspace:useDemo': {
    doc: 'Switch back to the embedded demo fleet (the saved connection is forgotten, its token deleted).',
    request: Empty,
    response: WorkspaceSummary,
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
