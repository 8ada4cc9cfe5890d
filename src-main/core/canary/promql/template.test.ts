import { RingsideError } from '../../../../src-shared/ipc/result';
import { HOSTILE_VALUES } from './hostileValues';
import { renderTemplate } from './template';
import { shape, significant, tokenize, unquote } from './tokens';

const ERROR_RATIO =
  'sum(rate(http_requests_total{service="checkout",version="{{version}}",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="checkout",version=$version}[1m]))';

describe('renderTemplate', () => {
  it('substitutes quoted and bare placeholders as literals', () => {
    expect(renderTemplate(ERROR_RATIO, { version: 'v2' })).toBe(
      'sum(rate(http_requests_total{service="checkout",version="v2",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="checkout",version="v2"}[1m]))',
    );
    expect(renderTemplate('up{pod="checkout-{{ version }}-{{zone}}"}', { version: '1.2', zone: 'eu' })).toBe('up{pod="checkout-1.2-eu"}');
  });

  it.each(HOSTILE_VALUES.map((v) => [v.slice(0, 40), v]))('never changes the structure for %j', (_, value) => {
    const rendered = renderTemplate(ERROR_RATIO, { version: value });
    expect(shape(rendered)).toEqual(shape(ERROR_RATIO.replace('$version', '""')));
    const versions = significant(tokenize(rendered)).filter((t, i, all) => all[i - 2]?.text === 'version').map((t) => unquote(t.text));
    expect(versions).toEqual([value, value]);
  });

  it('quotes regex metacharacters after =~ and !~ so the value matches only itself', () => {
    expect(renderTemplate('up{version=~"{{v}}|stable",pod!~{{v}}}', { v: '1.2.*' })).toBe('up{version=~"1\\\\.2\\\\.\\\\*|stable",pod!~"1\\\\.2\\\\.\\\\*"}');
  });

  it.each([
    ['a metric name', '{{metric}}{job="x"}'],
    ['a label name', 'up{ {{metric}}="x"}'],
    ['a function argument', 'label_replace(up, "dst", "{{metric}}", "src", ".*")'],
    ['a range', 'rate(up[{{metric}}])'],
    ['a number', 'up > $metric'],
    ['a comment', 'up # {{metric}}'],
  ])('refuses a placeholder in %s', (_, template) => {
    expect(() => renderTemplate(template, { metric: 'up' })).toThrow(/is outside a label value; placeholders may only stand for a label value/);
  });

  it('leaves label_replace group references alone', () => {
    expect(renderTemplate('label_replace(up{v="{{v}}"}, "dst", "$1-$name", "src", "(.*)")', { v: 'x' })).toBe(
      'label_replace(up{v="x"}, "dst", "$1-$name", "src", "(.*)")',
    );
  });

  it('names an unknown variable, a single-quoted value and a placeholder after a backslash', () => {
    expect(() => renderTemplate('up{v="{{verison}}"}', { version: 'x' })).toThrow('no value was given for "verison"');
    expect(() => renderTemplate("up{v='{{v}}'}", { v: 'x' })).toThrow(/single-quoted or raw string; put it in double quotes/);
    expect(() => renderTemplate('up{v="\\{{v}}"}', { v: 'x' })).toThrow(/follows a backslash/);
    expect(renderTemplate('up{v="\\\\{{v}}"}', { v: 'x' })).toBe('up{v="\\\\x"}');
  });

  it('refuses values with control characters and templates that do not tokenize', () => {
    expect(() => renderTemplate('up{v="{{v}}"}', { v: 'a\u0000' })).toThrow(RingsideError);
    expect(() => renderTemplate('up{v="{{v}}}', { v: 'a' })).toThrow(/unterminated string/);
  });

  it('ignores inherited properties as variables', () => {
    expect(() => renderTemplate('up{v="{{toString}}"}', {})).toThrow('no value was given for "toString"');
  });
});
