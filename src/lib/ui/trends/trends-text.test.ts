/** The short name on a chart's event label: whole graphemes, no bidi control left open, isolated. */
import { describe, expect, it } from 'vitest';
import { shortName } from './trends-text';

const FSI = '\u2068';
const PDI = '\u2069';

describe('shortName', () => {
  it('takes three letters of a Latin name and two graphemes of any other, isolated', () => {
    expect(shortName('Upadacitinib')).toBe(`${FSI}Upa${PDI}`);
    expect(shortName('乌帕替尼')).toBe(`${FSI}乌帕${PDI}`);
  });

  it('never cuts through an emoji or leaves an override open', () => {
    expect(shortName('👩🏽‍⚕️👩🏽‍⚕️👩🏽‍⚕️')).toBe(`${FSI}👩🏽‍⚕️👩🏽‍⚕️${PDI}`);
    // The old cut, name.slice(0, 2), kept the override and dropped its closing U+202C: the label read reversed.
    expect(shortName('\u202EUpa\u202C')).toBe(`${FSI}Upa${PDI}`);
  });
});
