import fc from 'fast-check';
import type { ChannelName } from '../../src-shared/ipc/contract';
import { validRequests } from '../../src-shared/ipc/testing/validRequests';
import { BAD_TEXT, type Hostile } from './hostileValues';
import { invalidCases, pathsOf, withBadText, type FuzzCase, type Path } from './mutations';
import { richRequests } from './richRequests';
import { fieldsOf } from './wire';

/** The valid requests a channel's cases start from: the minimal one, then the fuller ones. */
export function requestsOf(channel: ChannelName): unknown[] {
  return [validRequests[channel], ...((richRequests[channel] as unknown[] | undefined) ?? [])];
}

/** Invalid-payload candidates for a channel, from any of its valid requests (the transport filters out the valid ones). */
export function casesFor(channel: ChannelName): fc.Arbitrary<FuzzCase> {
  const fields = fieldsOf(channel);
  return fc.oneof(...requestsOf(channel).map((request) => invalidCases(request, fields)));
}

export interface BadTextCase {
  /** the string field that carries the bad text, e.g. config.flags.url */
  field: string;
  path: Path;
  bad: string;
  payload: Hostile;
}

const WHERE = ['start', 'middle', 'end'] as const;

/**
 * Every string field of the channel's valid requests with each NUL / lone-surrogate text put in (at the
 * start, middle or end in turn). Not filtered by the schema: each of these must be refused, and one the
 * schema takes is exactly what these cases are for.
 */
export function badTextCases(channel: ChannelName): BadTextCase[] {
  const seen = new Set<string>();
  const cases: BadTextCase[] = [];
  for (const request of requestsOf(channel)) {
    for (const path of pathsOf(request).strings) {
      const field = path.join('.');
      if (seen.has(field)) continue;
      seen.add(field);
      BAD_TEXT.forEach((bad, i) => cases.push({ field, path, bad, payload: withBadText(request, path, bad, WHERE[i % WHERE.length]!) }));
    }
  }
  return cases;
}

/** A bad text as an escaped literal, for a readable failure list. */
export const shown = (text: string) => JSON.stringify(text).replace(/[\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
