import { RingsideError } from '../../../../src-shared/ipc/result';

/**
 * A PromQL tokenizer just precise enough to tell where strings, selectors and placeholders are,
 * so templating can prove a substituted query kept the template's structure. It follows the
 * Prometheus lexer on what ends a token (quotes, escapes, raw newlines, comments), not on meaning.
 */
export type TokenKind = 'string' | 'identifier' | 'number' | 'operator' | 'punct' | 'placeholder' | 'comment' | 'space' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  /** offset in the source */
  start: number;
}

const PLACEHOLDER = /^(?:\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}|\$[A-Za-z_][A-Za-z0-9_]*)/;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?:(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*)?)/;
const OPERATORS = ['==', '!=', '=~', '!~', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '%', '^', '@'];
const PUNCT = new Set(['(', ')', '{', '}', '[', ']', ',', ':']);

/** Splits PromQL into tokens; an unterminated string is a bad_request naming where it starts. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let bracketDepth = 0;
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: source.slice(i, end), start: i });
    i = end;
  };
  while (i < source.length) {
    const c = source[i] as string;
    const rest = source.slice(i);
    if (/\s/.test(c)) push('space', i + (/^\s+/.exec(rest)?.[0].length ?? 1));
    else if (c === '#') push('comment', source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i));
    else if (c === '"' || c === "'" || c === '`') push('string', stringEnd(source, i));
    else if (PLACEHOLDER.test(rest)) push('placeholder', i + (PLACEHOLDER.exec(rest)?.[0].length ?? 1));
    else if (/[0-9.]/.test(c) && NUMBER.test(rest)) push('number', i + (NUMBER.exec(rest)?.[0].length ?? 1));
    else if (/[A-Za-z_]/.test(c) || (c === ':' && bracketDepth === 0)) {
      const word = bracketDepth === 0 ? /^[A-Za-z_:][A-Za-z0-9_:]*/ : /^[A-Za-z_][A-Za-z0-9_]*/;
      push('identifier', i + (word.exec(rest)?.[0].length ?? 1));
    } else if (PUNCT.has(c)) {
      if (c === '[') bracketDepth += 1;
      if (c === ']') bracketDepth = Math.max(0, bracketDepth - 1);
      push('punct', i + 1);
    } else {
      const op = OPERATORS.find((o) => rest.startsWith(o));
      push(op ? 'operator' : 'other', i + (op?.length ?? 1));
    }
  }
  return tokens;
}

/** Offset just past the closing quote of the string opened at `open`. */
function stringEnd(source: string, open: number): number {
  const quote = source[open];
  for (let j = open + 1; j < source.length; j += 1) {
    const c = source[j];
    if (quote === '`') {
      if (c === '`') return j + 1;
      continue;
    }
    if (c === '\\') {
      if (source[j + 1] === '\n' || j + 1 >= source.length) break;
      j += 1;
    } else if (c === '\n') break;
    else if (c === quote) return j + 1;
  }
  throw new RingsideError('bad_request', `The PromQL has an unterminated string starting at character ${open + 1}.`);
}

/** Tokens that carry meaning: whitespace and comments dropped. */
export const significant = (tokens: Token[]): Token[] => tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');

/**
 * The structure of a query: every token but strings kept verbatim, strings as one symbol.
 * Two queries with the same shape differ only inside string literals.
 */
export function shape(source: string): string[] {
  return significant(tokenize(source)).map((t) => (t.kind === 'string' ? '<string>' : `${t.kind}:${t.text}`));
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** The value of a double- or single-quoted PromQL string literal (Go unquoting), for checks and tests. */
export function unquote(literal: string): string {
  const quote = literal[0];
  if (quote === '`') return literal.slice(1, -1);
  let out = '';
  for (let j = 1; j < literal.length - 1; j += 1) {
    const c = literal[j] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = literal[j + 1] as string;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      j += 1;
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width > 0) {
      out += String.fromCodePoint(parseInt(literal.slice(j + 2, j + 2 + width), 16));
      j += 1 + width;
    } else if (/[0-7]/.test(e)) {
      out += String.fromCharCode(parseInt(literal.slice(j + 1, j + 4), 8));
      j += 3;
    } else throw new RingsideError('bad_request', `Unknown escape \\${e} in a PromQL string.`);
  }
  return out;
}
