import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberedHeight, rememberHeight } from './layout-memory';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('layout memory', () => {
  it('gives back the height kept for the same width and language, and nothing for another', () => {
    expect(rememberedHeight('today-doses', 390, 'en')).toBe(0);
    rememberHeight('today-doses', 390, 'en', 182.6);
    expect(rememberedHeight('today-doses', 390, 'en')).toBe(183);
    expect(rememberedHeight('today-doses', 412, 'en')).toBe(0);
    expect(rememberedHeight('today-doses', 390, 'zh-CN')).toBe(0);
    rememberHeight('today-doses', 390, 'en', 0);
    expect(rememberedHeight('today-doses', 390, 'en')).toBe(0);
  });

  it('ignores what it cannot trust, and a browser that refuses storage', () => {
    for (const junk of ['{', '"tall"', JSON.stringify({ width: 390, lang: 'en', heightPx: 1e9 })]) {
      localStorage.setItem('hs-diary.layout.today-doses', junk);
      expect(rememberedHeight('today-doses', 390, 'en')).toBe(0);
    }
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    expect(() => rememberHeight('today-doses', 390, 'en', 100)).not.toThrow();
  });
});
