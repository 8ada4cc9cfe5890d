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

/** Longest free-text id a request may carry; longer is a malformed payload, not a lookup. */
export const Id = z.string().min(1).max(256);
export const Empty = z.object({}).strict();
/** Flag and environment names: Unleash allows URL-friendly names up to 100 characters. */
export const FlagName = z.string().min(1).max(200);
export const EnvName = z.string().min(1).max(100);
/** Why a person did something that exposes users; it goes to the audit history. */
export const Reason = z.string().trim().min(3).max(2000);

/** A UTF-16 surrogate without its pair: such a string cannot be put in a URL (encodeURIComponent throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
/** An Unleash project id: it goes into every Admin API path. */
export const ProjectName = z.string().min(1).max(100).refine(wellFormed, 'must be well-formed text (it has a lone UTF-16 surrogate)');
