import { RingsideError } from '../../../../src-shared/ipc/result';
import { labelName, labelValue, metricName, quoteRegex, regexValue, selector } from './escape';
import { HOSTILE_VALUES } from './hostileValues';
import { shape, significant, tokenize, unquote } from './tokens';

const SELECTOR_SHAPE = ['identifier:http_requests_total', 'punct:{', 'identifier:version', 'operator:=', '<string>', 'punct:}'];

describe('labelValue', () => {
  it('writes a Go-escaped double-quoted literal', () => {
    expect(labelValue('plain')).toBe('"plain"');
    expect(labelValue('a"b\\c\nd\re\tf')).toBe('"a\\"b\\\\c\\nd\\re\\tf"');
    expect(labelValue('')).toBe('""');
  });

  it.each(HOSTILE_VALUES.map((v) => [v.slice(0, 40), v]))('keeps the selector shape for %j', (_, value) => {
    const query = selector('http_requests_total', { version: value });
    expect(shape(query)).toEqual(SELECTOR_SHAPE);
    const literal = significant(tokenize(query))[4];
    expect(unquote(literal?.text ?? '')).toBe(value);
    // and inside a larger expression nothing after the literal moves either
    expect(shape(`sum(rate(${query}[5m])) or vector(0)`)).toEqual(shape('sum(rate(http_requests_total{version=""}[5m])) or vector(0)'));
  });

  it('refuses control characters other than tab, newline and CR, naming the value', () => {
    for (const bad of ['nul\u0000', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', 'c1\u0085']) {
      expect(() => labelValue(bad)).toThrow(RingsideError);
    }
    expect(() => labelValue('esc\u001b[31m')).toThrow(/"esc\\u001b\[31m" contains the control character U\+001B/);
  });

  it('refuses a lone surrogate but keeps astral characters', () => {
    expect(() => labelValue('bad\uD800')).toThrow(/not valid Unicode/);
    expect(labelValue('🚀')).toBe('"🚀"');
  });

  it('refuses a value that is not a string', () => {
    expect(() => labelValue(42 as unknown as string)).toThrow(/must be a string/);
  });
});

describe('names', () => {
  it('accepts the Prometheus grammar', () => {
    expect(metricName('http_requests_total')).toBe('http_requests_total');
    expect(metricName('job:rate5m:sum')).toBe('job:rate5m:sum');
    expect(labelName('__name__')).toBe('__name__');
    expect(labelName('_x9')).toBe('_x9');
  });

  it.each(['', '9lives', 'a-b', 'up{}', 'a b', 'x"} or vector(1)', 'ünï'])('refuses metric name %j, naming it', (name) => {
    expect(() => metricName(name)).toThrow(new RegExp(`^${JSON.stringify(name).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} is not a valid metric name`));
  });

  it('refuses a colon in a label name', () => {
    expect(() => labelName('a:b')).toThrow('"a:b" is not a valid label name');
    expect(() => selector('up', { 'bad name': 'x' })).toThrow('"bad name" is not a valid label name');
  });
});

describe('selector', () => {
  it('builds metric{a="…",b="…"}', () => {
    expect(selector('up')).toBe('up');
    expect(selector('http_requests_total', { service: 'checkout', version: 'v"2' })).toBe(
      'http_requests_total{service="checkout",version="v\\"2"}',
    );
  });

  it('writes a keyword-named metric through __name__', () => {
    expect(selector('sum', { job: 'x' })).toBe('{__name__="sum",job="x"}');
    expect(selector('offset')).toBe('{__name__="offset"}');
    expect(() => selector('sum', { __name__: 'y' })).toThrow(/sets __name__ twice/);
  });
});

describe('regex literals', () => {
  it('quotes every RE2 metacharacter, then escapes for PromQL', () => {
    expect(quoteRegex('v1.2+(rc)|[x]{2}^$*?\\')).toBe('v1\\.2\\+\\(rc\\)\\|\\[x\\]\\{2\\}\\^\\$\\*\\?\\\\');
    expect(regexValue('a.b')).toBe('"a\\\\.b"');
  });
});
