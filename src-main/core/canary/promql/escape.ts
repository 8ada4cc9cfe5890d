import { RingsideError } from '../../../../src-shared/ipc/result';

/**
 * Safe building blocks for PromQL. A value from outside (a version, a pod name, a label someone
 * typed) only ever enters a query as a string literal, so it can never add an `or vector(1)`.
 */

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// Control characters other than tab, newline and CR: C0, DEL and C1. Go could escape some of
// them, but a label value holding one is a bug or an attack, so it is refused, not smuggled.
const forbidden = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Words the PromQL lexer turns into keywords: as a bare metric name they would not parse as one.
const KEYWORDS = new Set(
  'and or unless atan2 sum avg count min max group stddev stdvar topk bottomk count_values quantile offset by without on ignoring group_left group_right bool start end inf nan'.split(
    ' ',
  ),
);

const shown = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);

/** The text between the quotes of a double-quoted PromQL string holding `value` (Go escaping). */
export function escapeLabelContent(value: string): string {
  if (typeof value !== 'string') throw new RingsideError('bad_request', `A PromQL label value must be a string, not ${typeof value}.`);
  const bad = [...value].find((c) => forbidden(c.charCodeAt(0)));
  if (bad !== undefined) {
    const code = bad.charCodeAt(0).toString(16).padStart(4, '0');
    throw new RingsideError('bad_request', `The label value ${shown(value)} contains the control character U+${code.toUpperCase()}; it cannot be used in a query.`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new RingsideError('bad_request', `The label value ${shown(value)} is not valid Unicode (a lone surrogate); it cannot be used in a query.`);
  }
  return value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] as string);
}

/** A double-quoted PromQL string literal that matches exactly `value`. */
export const labelValue = (value: string): string => `"${escapeLabelContent(value)}"`;

/** RE2 QuoteMeta: a regex that matches exactly `value`, for =~ and !~ matchers. */
export const quoteRegex = (value: string): string => value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** A string literal for a =~ or !~ matcher that matches exactly `value` and nothing else. */
export const regexValue = (value: string): string => labelValue(quoteRegex(value));

/** `name`, checked against the metric name grammar; anything else is a bad_request naming it. */
export function metricName(name: string): string {
  if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
    throw new RingsideError('bad_request', `${shown(String(name))} is not a valid metric name (letters, digits, _ and :, not starting with a digit).`);
  }
  return name;
}

/** `name`, checked against the label name grammar; anything else is a bad_request naming it. */
export function labelName(name: string): string {
  if (typeof name !== 'string' || !LABEL_NAME.test(name)) {
    throw new RingsideError('bad_request', `${shown(String(name))} is not a valid label name (letters, digits and _, not starting with a digit).`);
  }
  return name;
}

/**
 * `metric{a="…",b="…"}` with every value escaped. A metric named like a PromQL keyword (`sum`,
 * `offset`) is written `{__name__="sum",…}`, which every Prometheus-API store understands.
 */
export function selector(metric: string, labels: Record<string, string> = {}): string {
  const name = metricName(metric);
  const matchers = Object.entries(labels).map(([k, v]) => `${labelName(k)}=${labelValue(v)}`);
  if (KEYWORDS.has(name.toLowerCase())) {
    if ('__name__' in labels) throw new RingsideError('bad_request', `The selector for ${shown(name)} sets __name__ twice.`);
    return `{${[`__name__=${labelValue(name)}`, ...matchers].join(',')}}`;
  }
  return matchers.length === 0 ? name : `${name}{${matchers.join(',')}}`;
}
