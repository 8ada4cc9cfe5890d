import { z } from 'zod';

/** A channel of the contract: its request and response schemas and one line saying what it does. */
export interface ChannelDef {
  doc: string;
  request: z.ZodType;
  response: z.ZodType;
}
/** A push event from main to the renderer. */
export interface EventDef {
  doc: string;
  payload: z.ZodType;
}

/** A UTF-16 surrogate without its pair: such a string cannot be put in a URL (encodeURIComponent throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

/**
 * Why a request string may not go on to SQL, a URL or a header, or null. A NUL ends the text early in
 * C code (SQLite's FTS5 tokenizer, header writers) and a lone surrogate has no UTF-8 form
 * (encodeURIComponent throws), so a request carrying either is a malformed payload: bad_request.
 */
export function unsafeText(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (!wellFormed(s)) return 'must be well-formed text (it has a lone UTF-16 surrogate)';
  return null;
}

/** The one check every string of a request goes through (see unsafeText). */
export const safeText = z.superRefine<string>((s, ctx) => {
  const problem = unsafeText(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
});

/** The base of every request string: build fields from it (`SafeText.min(1).max(100)`), never from z.string(). */
export const SafeText = z.string().check(safeText);

/** An http(s) address given in a request (a Prometheus for a gate, an Unleash to connect to). */
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).check(safeText);

/** Longest free-text id a request may carry; longer is a malformed payload, not a lookup. */
export const Id = SafeText.min(1).max(256);
export const Empty = z.object({}).strict();
/** Flag and environment names: Unleash allows URL-friendly names up to 100 characters. */
export const FlagName = SafeText.min(1).max(200);
export const EnvName = SafeText.min(1).max(100);
/** Why a person did something that exposes users; it goes to the audit history. */
export const Reason = SafeText.trim().min(3).max(2000);
/** An Unleash project id: it goes into every Admin API path. */
export const ProjectName = SafeText.min(1).max(100);
