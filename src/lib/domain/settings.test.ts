import { describe, expect, it } from 'vitest';
import { pickLocale } from './settings';
import { settingsSchema } from './settings-schema';

describe('pickLocale', () => {
  it('keeps a saved choice over the browser languages', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
  });

  it('takes the first browser language we speak', () => {
    expect(pickLocale(undefined, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(pickLocale(undefined, ['zh-Hans-CN'])).toBe('zh-CN');
    expect(pickLocale(undefined, ['fr-FR', 'en-US'])).toBe('en');
    expect(pickLocale(undefined, ['de'])).toBe('en');
    expect(pickLocale(undefined, [])).toBe('en');
  });
});

describe('settingsSchema', () => {
  it('refuses a language we do not have', () => {
    expect(settingsSchema.safeParse({ locale: 'fr' }).success).toBe(false);
    expect(settingsSchema.safeParse({ locale: 'zh-CN' }).success).toBe(true);
  });
});
