import { csvCell, csvLine, toCsv } from './csv';

describe('csvCell', () => {
  it('writes plain text and numbers as they are', () => {
    expect(csvCell('checkout.kill')).toBe('checkout.kill');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
  ])('neutralises the formula %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('neutralises and quotes a formula that also needs quotes', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('leaves a formula character that is not first alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('2026-01-01')).toBe('2026-01-01');
  });

  it('quotes a cell with leading or trailing blanks so readers keep them (and a spaced formula stays text)', () => {
    expect(csvCell(' =1')).toBe('" =1"');
    expect(csvCell('owner ')).toBe('"owner "');
  });

  it('writes one streamed record with its CRLF', () => {
    expect(csvLine([1, 'a,b', null, '=x'])).toBe('1,"a,b",,\'=x\r\n');
  });

  it('keeps hostile markup as text', () => {
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('toCsv', () => {
  it('writes a header and records separated by CRLF', () => {
    expect(toCsv(['flag', 'owner', 'age'], [['a', 'ana, ops', 3], ['b', null, 10]])).toBe(
      'flag,owner,age\r\na,"ana, ops",3\r\nb,,10\r\n',
    );
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['flag'], [])).toBe('flag\r\n');
  });
});
