/** The passphrase check: guessable passphrases refused with a reason, strong ones accepted. */
import { describe, expect, it } from 'vitest';
import { checkPassphrase } from './passphrase-strength.chunk';

describe('passphrase strength', () => {
  it('refuses common passwords, keyboard rows, dates and the app’s own words, saying why', () => {
    expect(checkPassphrase('password1')).toMatchObject({ isStrongEnough: false, warning: expect.any(String) });
    expect(checkPassphrase('qwertyuiop')).toMatchObject({ isStrongEnough: false, warning: 'topHundred' });
    expect(checkPassphrase('zxcvbnmlkjh')).toMatchObject({ isStrongEnough: false });
    expect(checkPassphrase('12/03/1990').isStrongEnough).toBe(false);
    expect(checkPassphrase('hsdiary2026').isStrongEnough).toBe(false);
    expect(checkPassphrase('aaaaaaaaaaaa')).toMatchObject({ isStrongEnough: false, warning: 'simpleRepeat' });
  });

  it('counts the patient’s own name as guessable', () => {
    expect(checkPassphrase('wangxiaoming', ['Wang Xiaoming', 'wangxiaoming']).isStrongEnough).toBe(false);
  });

  it('accepts a long passphrase of unrelated words, in any script', () => {
    expect(checkPassphrase('violet tractor sings under marble').isStrongEnough).toBe(true);
    expect(checkPassphrase('青蛙在月光下弹钢琴给邻居听').isStrongEnough).toBe(true);
  });
});
