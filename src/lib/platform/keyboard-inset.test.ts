import { describe, expect, it } from 'vitest';
import { keyboardInsetPx } from './keyboard-inset';

describe('keyboardInsetPx', () => {
  it('is the part of the layout viewport below the visual one', () => {
    expect(keyboardInsetPx(844, { height: 500, offsetTop: 0 })).toBe(344);
    expect(keyboardInsetPx(844, { height: 500, offsetTop: 100 })).toBe(244);
  });

  it('is 0 with the keyboard down, and never negative (pinch zoom, rounding)', () => {
    expect(keyboardInsetPx(844, { height: 844, offsetTop: 0 })).toBe(0);
    expect(keyboardInsetPx(844, { height: 844.4, offsetTop: 0.3 })).toBe(0);
  });
});
