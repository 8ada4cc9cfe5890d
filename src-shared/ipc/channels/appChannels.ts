import { z } from 'zod';
import { WorkspaceSummary } from '../../domain/backend';
import { Empty, type ChannelDef } from './fields';

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
        name: z.string().trim().min(1).max(120),
        flags: z
          .object({
            url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
            project: z.string().min(1).max(100),
            token: z.string().min(1).max(4096),
          })
          .strict(),
      })
      .strict(),
    response: WorkspaceSummary,
  },
  'workspace:useDemo': {
    doc: 'Switch back to the embedded demo fleet (the saved connection is forgotten, its token deleted).',
    request: Empty,
    response: WorkspaceSummary,
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
