/** The CSV writer: RFC 4180 quoting, formulas kept as text, CRLF lines after a byte order mark. */
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('CSV', () => {
  it('quotes what RFC 4180 says to quote, and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(7)).toBe('7');
    expect(csvField(false)).toBe('false');
  });

  it('keeps text that looks like a formula as text in a spreadsheet', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-2)).toBe('-2');
  });

  it('quotes and neutralises a semicolon, the field separator of Excel in many locales', () => {
    expect(csvField('ok;=1+1')).toBe('"\'ok;=1+1"');
    expect(csvField('ok, =1+1')).toBe('"\'ok, =1+1"');
    expect(csvField('tired; sore')).toBe('"tired; sore"');
    expect(csvField('a;b')).toBe('"a;b"');
  });

  it('writes lines with CRLF after a byte order mark, so Excel reads Chinese as UTF-8', () => {
    expect(
      toCsv([
        ['date', 'note'],
        ['2026-11-01', '今天好多了。'],
      ]),
    ).toBe('\uFEFFdate,note\r\n2026-11-01,今天好多了。\r\n');
  });
});
