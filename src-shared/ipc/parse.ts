import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type RequestOf } from './contract';
import { fail, type IpcError } from './result';

/** Longest message we echo back; a hostile payload must not make the error itself huge. */
const MAX_MESSAGE = 500;

/** One line naming the offending field, e.g. `to: must be later than from`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    // A bad record key is named by its record, with the key's own problem; the key itself is not echoed.
    const path = issue.code === 'invalid_key' ? issue.path.slice(0, -1) : issue.path;
    const field = path.length ? path.map(String).join('.') : 'request';
    if (issue.code === 'invalid_key') return `${field}: a key ${issue.issues[0]?.message ?? 'is not allowed'}`;
    const extra =
      issue.code === 'unrecognized_keys' ? ` (${issue.keys.map((k) => k.slice(0, 40)).join(', ')})` : '';
    return `${field}: ${issue.message}${extra}`;
  });
  if (issues.length > 3) parts.push(`and ${issues.length - 3} more`);
  const text = parts.join('; ');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

export type Parsed<C extends ChannelName> = { ok: true; request: RequestOf<C> } | { ok: false; error: IpcError };

/** Check a channel name and its payload against the contract before any handler sees them. */
export function parseRequest(channel: unknown, payload: unknown): Parsed<ChannelName> {
  if (!isChannelName(channel)) {
    const shown = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
    return fail('unknown_channel', `No channel named "${shown}" exists in the contract.`);
  }
  const parsed = channels[channel].request.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) return fail('bad_request', `${channel}: ${describeIssues(parsed.error.issues)}`);
  return { ok: true, request: parsed.data as RequestOf<ChannelName> };
}
