import { afterEach, describe, expect, test, vi } from 'vitest';
import type { IsoDate } from '../domain/dates';
import { i18n } from './locale.svelte';

/** Counts the formatters built from here on; each is a real one. */
function countBuilt<Name extends 'DateTimeFormat' | 'NumberFormat'>(name: Name): { count: number } {
  const Real = Intl[name] as new (...args: unknown[]) => object;
  const built = { count: 0 };
  vi.spyOn(Intl, name).mockImplementation(function (...args: unknown[]) {
    built.count += 1;
    return new Real(...args);
  } as never);
  return built;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await i18n.use('en');
});

describe('formatting dates and numbers', () => {
  test('a month of dates in one style builds its Intl formatter once, not once a date', () => {
    const built = countBuilt('DateTimeFormat');
    const dates: IsoDate[] = Array.from({ length: 30 }, (_, index) => `2026-11-${String(index + 1).padStart(2, '0')}`);
    const shown = dates.map((date) => i18n.formatDate(date, 'medium'));
    expect(shown[25]).toBe('Thu 26 Nov');
    expect(built.count).toBeLessThanOrEqual(1);
  });

  test('numbers: one formatter for each precision, each still right', () => {
    const built = countBuilt('NumberFormat');
    expect([1, 2.25, 3].map((value) => i18n.formatNumber(value))).toEqual(['1', '2.3', '3']);
    expect(i18n.formatNumber(2.25, 2)).toBe('2.25');
    expect(i18n.formatNumber(1234.5, 0)).toBe('1,235');
    expect(built.count).toBeLessThanOrEqual(3);
  });

  test('a language switch formats in the new language (formatters are kept by language)', async () => {
    expect(i18n.formatDate('2026-11-26', 'long')).toBe('26 November 2026');
    expect(i18n.formatList(['a', 'b', 'c'])).toBe('a, b and c');
    await i18n.use('zh-CN');
    expect(i18n.formatDate('2026-11-26', 'long')).toBe('2026年11月26日');
    expect(i18n.formatList(['a', 'b', 'c'])).toBe('a、b和c');
    await i18n.use('en');
    expect(i18n.formatDate('2026-11-26', 'long')).toBe('26 November 2026');
  });
});
