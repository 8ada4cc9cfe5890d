import { channels, type ChannelName } from '../../src-shared/ipc/contract';
import { Deep, isRecord, put, type Hostile } from './hostileValues';

/** The value a transport hands the core: markers built into real nesting by a loop, `__proto__` kept an own key. */
export function materialize(value: Hostile): unknown {
  if (value instanceof Deep) {
    let nested: unknown = 0;
    for (let i = 0; i < value.depth; i++) nested = value.kind === 'object' ? { a: nested } : [nested];
    return nested;
  }
  if (Array.isArray(value)) return value.map(materialize);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) put(out, key, materialize(value[key]!));
  return out;
}

/**
 * JSON text as a hostile HTTP client writes it: deep nesting written out without recursion, NaN and
 * ±Infinity (which JSON has no words for) as 1e400 / -1e400 (JSON.parse reads them as ±Infinity),
 * lone surrogates as \uD800 escapes (JSON.stringify's own, well-formed output), `__proto__` as a plain key.
 */
export function toJsonText(value: Hostile): string {
  if (value instanceof Deep) {
    const [open, close] = value.kind === 'object' ? ['{"a":', '}'] : ['[', ']'];
    return open.repeat(value.depth) + '0' + close.repeat(value.depth);
  }
  if (typeof value === 'number') return Number.isNaN(value) || value === Infinity ? '1e400' : value === -Infinity ? '-1e400' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toJsonText(value[k]!)}`).join(',')}}`;
  return JSON.stringify(value);
}

/**
 * What main receives from a renderer: the preload passes the value to ipcRenderer.invoke, which copies it
 * by structured clone. A value too deep to clone never leaves the renderer (invoke throws there); it is
 * handed to dispatch as built, so the core is shown to hold even against what the hop would stop.
 */
export function acrossPreload(value: Hostile): { payload: unknown; cloned: boolean } {
  const built = materialize(value);
  try {
    return { payload: structuredClone(built), cloned: true };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { payload: built, cloned: false };
  }
}

/**
 * Whether the channel's schema takes the payload as dispatch would (absent = {}); a mutation that left
 * the request valid is not a fuzz case. A schema that throws counts as refusing: the case is kept, so
 * the transport's answer to it is what gets checked.
 */
export function schemaAccepts(channel: ChannelName, payload: unknown): boolean {
  try {
    return channels[channel].request.safeParse(payload === undefined ? {} : payload).success;
  } catch {
    return false;
  }
}

/** The schema's top-level field names (every request is an object schema). */
export function fieldsOf(channel: ChannelName): string[] {
  const shape = (channels[channel].request as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
