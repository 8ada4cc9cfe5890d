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
