/**
 * The process-wide list of secret values Ringside holds (tokens, passwords, client keys), and the
 * one function that masks them in any text on its way to an answer, a log line, the database or an
 * export. Providers register what they are constructed with; nothing else has to know the values.
 *
 * A secret is looked for in the forms it travels in: as given, URL-encoded, JSON-escaped, and in
 * base64 (an `Authorization: Basic` header, a reflected header dumped as base64) at any of the three
 * byte alignments, so it is found inside a longer base64 text too.
 */

const MASK = '***';
/** Shorter values would mask ordinary words; no real token is this short. */
const MIN_LENGTH = 6;
/** Lines of a multi-line secret (a PEM key) at least this long are masked one by one as well. */
const MIN_LINE = 16;

const registered = new Map<string, number>();
let pattern: RegExp | null = null;
let stale = false;

/** Keep `value` out of every message from now on (values shorter than 6 characters are ignored). */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string') return;
  const parts = [value, value.trim(), ...linesOf(value)];
  for (const part of new Set(parts)) {
    if (part.length < MIN_LENGTH) continue;
    registered.set(part, (registered.get(part) ?? 0) + 1);
  }
  stale = true;
}

/** A Basic sign-in: the password, and `user:password` whose base64 is what the header carries. */
export function registerBasicAuth(username: string, password: string): void {
  registerSecret(password);
  registerSecret(`${username}:${password}`);
}

/** Stop masking a value registered before (each registration is undone by one call). */
export function forgetSecret(value: string | null | undefined): void {
  if (typeof value !== 'string') return;
  for (const part of new Set([value, value.trim(), ...linesOf(value)])) {
    const count = registered.get(part);
    if (count === undefined) continue;
    if (count <= 1) registered.delete(part);
    else registered.set(part, count - 1);
  }
  stale = true;
}

/** `text` with every registered secret, in every form it travels in, replaced by `***`. */
export function maskSecrets(text: string): string {
  if (typeof text !== 'string' || registered.size === 0) return text;
  if (stale) {
    pattern = compile();
    stale = false;
  }
  return pattern ? text.replace(pattern, MASK) : text;
}

/** How many distinct values are held (tests and diagnostics; never the values). */
export const registeredSecretCount = () => registered.size;

function linesOf(value: string): string[] {
  if (!/[\r\n]/.test(value)) return [];
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= MIN_LINE && !line.startsWith('-----'));
}

function compile(): RegExp | null {
  const forms = new Set<string>();
  for (const value of registered.keys()) for (const form of formsOf(value)) if (form.length >= MIN_LENGTH) forms.add(form);
  if (forms.size === 0) return null;
  // Longest first, so a value's base64 is masked whole before a shorter value inside it.
  const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(sorted.join('|'), 'g');
}

function formsOf(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1)];
  try {
    forms.push(encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2));
  } catch {
    // a lone surrogate cannot be URL-encoded, so it cannot travel in that form either
  }
  const bytes = Buffer.from(value, 'utf8');
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Only the characters that depend on the secret's bytes alone: 6 bits each, from bit 8*shift.
    const start = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + bytes.length)) / 6);
    const core = encoded.slice(start, end);
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
