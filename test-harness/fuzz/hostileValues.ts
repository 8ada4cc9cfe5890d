import fc from 'fast-check';

/**
 * A nesting `depth` levels deep, built by a loop only when the case is sent: 10,000 levels are past what
 * recursive code (JSON.stringify, structuredClone, a naive walker) survives, so it must stay a marker
 * until then and be written out iteratively.
 */
export class Deep {
  constructor(
    readonly depth: number,
    readonly kind: 'object' | 'array',
  ) {}
}

/** What a fuzz case is made of: JSON-like values plus NaN/±Infinity, deep-nesting markers and own `__proto__` keys. */
export type Hostile = null | boolean | number | string | Deep | Hostile[] | { [key: string]: Hostile };

/** Keys that name Object.prototype machinery: they must arrive as plain own keys and be refused like any other. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', '__defineGetter__'];

/** Text no request field should carry: NUL (SQLite FTS5, C strings) and UTF-16 surrogates without their pair (encodeURIComponent throws). */
export const BAD_TEXT = ['\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDBFFy', '\uDC00\uD800'];

/** Longest huge string: with the rest of a request it stays under serve mode's 1 MiB body cap (over it is a 413, tested elsewhere). */
export const HUGE_MAX = 1_000_000;

/** Set a key as an own data property: `o['__proto__'] = v` would change the prototype instead. */
export function put(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isRecord(value: unknown): value is Record<string, Hostile> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Deep);
}

/** A fresh copy (markers shared, they are immutable), so a later mutation cannot write into a value another case holds. */
export function copy(value: Hostile): Hostile {
  if (Array.isArray(value)) return value.map(copy);
  if (!isRecord(value)) return value;
  const out: Record<string, Hostile> = {};
  for (const key of Object.keys(value)) put(out, key, copy(value[key]!));
  return out;
}

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Any UTF-16 code units, lone surrogates and controls included. */
export const anyText = fc.string({ unit: codeUnit, maxLength: 40 });
export const badText = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...BAD_TEXT), fc.string({ maxLength: 8 }))
  .map(([before, bad, after]) => before + bad + after);
export const oddNumber = fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0.5, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e21);
export const deep = fc.tuple(fc.constantFrom(10, 1_000, 10_000), fc.constantFrom('object' as const, 'array' as const)).map(([d, k]) => new Deep(d, k));
export const hugeText = fc
  .tuple(fc.integer({ min: 10_000, max: HUGE_MAX - 16 }), fc.constantFrom('', ...BAD_TEXT))
  .map(([length, tail]) => 'x'.repeat(length) + tail);

/** A key an attacker might send: prototype names, plain words, any code units, bad text. */
export const hostileKey = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 3 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 2 },
  { arbitrary: anyText, weight: 1 },
  { arbitrary: badText, weight: 1 },
);

const leaf: fc.Arbitrary<Hostile> = fc.oneof(
  fc.constantFrom<Hostile>(null, true, false, ''),
  fc.constant(null).map((): Hostile => []),
  fc.constant(null).map((): Hostile => ({})),
  oddNumber,
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  anyText,
  badText,
  deep,
);

/** Build an object from entries with own-key semantics, so `__proto__` stays a key. */
const objectOf = (entries: [string, Hostile][]): Hostile => {
  const out: Record<string, Hostile> = {};
  for (const [key, value] of entries) put(out, key, value);
  return out;
};

/** A wrong value for any field: every JSON type, odd numbers, bad text, small trees with prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<Hostile> = fc.letrec<{ value: Hostile }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { arbitrary: leaf, weight: 6 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(objectOf), weight: 1 },
  ),
})).value;
