import { shape, tokenize, unquote } from './tokens';

describe('PromQL tokens', () => {
  it('separates strings, selectors, durations and operators', () => {
    expect(shape('sum by (code) (rate(x{a=~"b|c", d!="e"}[5m:30s] offset 1h)) > 0.5')).toEqual([
      'identifier:sum', 'identifier:by', 'punct:(', 'identifier:code', 'punct:)', 'punct:(', 'identifier:rate', 'punct:(',
      'identifier:x', 'punct:{', 'identifier:a', 'operator:=~', '<string>', 'punct:,', 'identifier:d', 'operator:!=', '<string>',
      'punct:}', 'punct:[', 'number:5m', 'punct::', 'number:30s', 'punct:]', 'identifier:offset', 'number:1h', 'punct:)',
      'punct:)', 'operator:>', 'number:0.5',
    ]);
  });

  it('ends a comment at the line end and keeps # inside strings', () => {
    expect(shape('up # {{x}} "\nor x{a="#"}')).toEqual(['identifier:up', 'identifier:or', 'identifier:x', 'punct:{', 'identifier:a', 'operator:=', '<string>', 'punct:}']);
  });

  it('finds placeholders outside strings only', () => {
    expect(tokenize('x{a={{ v }},b=$w,c="{{v}}"}').filter((t) => t.kind === 'placeholder').map((t) => t.text)).toEqual(['{{ v }}', '$w']);
  });

  it('refuses an unterminated string or a raw newline inside one', () => {
    expect(() => tokenize('x{a="b}')).toThrow('unterminated string starting at character 5');
    expect(() => tokenize('x{a="b\nc"}')).toThrow(/unterminated/);
    expect(() => tokenize('x{a="b\\"}')).toThrow(/unterminated/);
    expect(shape('x{a=`multi\nline`}')).toHaveLength(6);
  });

  it('unquotes Go escapes', () => {
    expect(unquote('"a\\"b\\\\c\\n\\t\\u00e9\\x41\\101"')).toBe('a"b\\c\n\téAA');
    expect(unquote("'it\\'s'")).toBe("it's");
    expect(unquote('`raw\\n`')).toBe('raw\\n');
  });
});
