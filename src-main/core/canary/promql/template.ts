import { RingsideError } from '../../../../src-shared/ipc/result';
import { escapeLabelContent, labelValue, quoteRegex, regexValue } from './escape';
import { shape, tokenize, type Token } from './tokens';

/**
 * User-defined PromQL with `{{name}}` or `$name` placeholders. A placeholder may stand only for
 * a label value: bare after a matcher (`version={{version}}`) or inside a double-quoted matcher
 * value (`version="{{version}}"`, `pod=~"checkout-{{version}}-.*"`). Values go in as escaped
 * literals (regex-quoted after =~ and !~), so they match themselves and nothing else; anything
 * that could change the query's structure is refused with a message naming it.
 */
export type TemplateVars = Record<string, string>;

const IN_STRING = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const MATCH_OPS = new Set(['=', '!=', '=~', '!~']);
const REGEX_OPS = new Set(['=~', '!~']);
const EXAMPLE = 'e.g. version="{{version}}"';

const placeholderName = (text: string): string => text.replace(/^\{\{\s*|\s*\}\}$|^\$/g, '');

/** The template with every placeholder replaced by an escaped literal; throws bad_request otherwise. */
export function renderTemplate(template: string, vars: TemplateVars): string {
  const tokens = tokenize(template);
  const lookup = (name: string, at: Token): string => {
    if (!Object.hasOwn(vars, name)) {
      throw new RingsideError('bad_request', `The query template uses ${at.text.trim() || name} but no value was given for "${name}".`);
    }
    return vars[name] as string;
  };

  let braceDepth = 0;
  let previous: Token | undefined;
  const out: string[] = [];
  for (const token of tokens) {
    const labelValuePosition = braceDepth > 0 && previous?.kind === 'operator' && MATCH_OPS.has(previous.text);
    const regex = labelValuePosition && REGEX_OPS.has(previous?.text ?? '');
    out.push(renderToken(token, labelValuePosition, regex, vars, lookup));
    if (token.kind === 'punct' && token.text === '{') braceDepth += 1;
    if (token.kind === 'punct' && token.text === '}') braceDepth = Math.max(0, braceDepth - 1);
    if (token.kind !== 'space' && token.kind !== 'comment') previous = token;
  }
  const rendered = out.join('');

  // Belt and braces: the rendered query must tokenize to the template's shape with every bare
  // placeholder now a string; if escaping were ever wrong, this catches it before Prometheus does.
  const expected = shape(template).map((s) => (s.startsWith('placeholder:') ? '<string>' : s));
  const actual = shape(rendered);
  if (expected.length !== actual.length || expected.some((s, i) => s !== actual[i])) {
    throw new RingsideError('internal', 'Rendering the query template changed its structure; the query was not sent.');
  }
  return rendered;
}

function renderToken(
  token: Token,
  labelValuePosition: boolean,
  regex: boolean,
  vars: TemplateVars,
  lookup: (name: string, at: Token) => string,
): string {
  const where = `at character ${token.start + 1}`;
  if (token.kind === 'placeholder') {
    if (!labelValuePosition) {
      throw new RingsideError(
        'bad_request',
        `The placeholder ${token.text} ${where} is outside a label value; placeholders may only stand for a label value (${EXAMPLE}).`,
      );
    }
    const value = lookup(placeholderName(token.text), token);
    return regex ? regexValue(value) : labelValue(value);
  }
  if (token.kind !== 'string' && token.kind !== 'comment') return token.text;

  const found = [...token.text.matchAll(IN_STRING)];
  // `$name` is also label_replace's group reference, so outside label values only names the
  // caller supplied count as placeholders; `{{name}}` always does.
  const inValue = labelValuePosition && token.kind === 'string';
  const meant = inValue ? found : found.filter((m) => m[1] !== undefined || Object.hasOwn(vars, m[2] as string));
  if (meant.length === 0) return token.text;
  const first = (meant[0] as RegExpMatchArray)[0];
  if (!inValue) {
    throw new RingsideError(
      'bad_request',
      `The placeholder ${first} ${where} is outside a label value; placeholders may only stand for a label value (${EXAMPLE}).`,
    );
  }
  if (!token.text.startsWith('"')) {
    throw new RingsideError('bad_request', `The placeholder ${first} ${where} is in a single-quoted or raw string; put it in double quotes (${EXAMPLE}).`);
  }
  return token.text.replace(IN_STRING, (whole, braced: string | undefined, dollar: string | undefined, offset: number) => {
    // After an odd run of backslashes the first substituted character would be taken as an escape.
    if ((/\\*$/.exec(token.text.slice(0, offset))?.[0].length ?? 0) % 2 === 1) {
      throw new RingsideError('bad_request', `The placeholder ${whole} ${where} follows a backslash; remove the backslash.`);
    }
    const value = lookup((braced ?? dollar) as string, { ...token, text: whole });
    return escapeLabelContent(regex ? quoteRegex(value) : value);
  });
}
