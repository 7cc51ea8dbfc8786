/**
 * The schemas of the modules Today's first screen loads are built when first used, not when the module is
 * imported: built at import, they were most of the entry script's own start-up time on a slow phone.
 */
import { describe, expect, test, vi } from 'vitest';
import type * as Zod from 'zod/mini';

const built = vi.hoisted(() => ({ count: 0 }));

vi.mock('zod/mini', async (importOriginal) => {
  const zod = await importOriginal<typeof Zod>();
  const counted =
    <A extends unknown[], R>(build: (...args: A) => R) =>
    (...args: A): R => {
      built.count += 1;
      return build(...args);
    };
  return {
    ...zod,
    object: counted(zod.object),
    string: counted(zod.string),
    int: counted(zod.int),
    enum: counted(zod.enum),
    union: counted(zod.union),
    array: counted(zod.array),
  };
});

describe("the first screen's schemas", () => {
  test('are not built on import, and are built and used on first parse', async () => {
    const { validateDayEntry } = await import('./day');
    const { settingsOrDefaults } = await import('./settings-schema');
    await import('./draft-schemas');
    await import('./medication');
    await import('./patient');
    await import('./timestamps');
    expect(built.count).toBe(0);

    expect(settingsOrDefaults({ locale: 'zh-CN' })).toEqual({ locale: 'zh-CN' });
    expect(settingsOrDefaults({ locale: 'fr' })).toEqual({});
    const day = {
      date: '2026-12-01',
      pain: 4,
      drainage: 1,
      dressingChanges: 0,
      flare: false,
      regions: [],
      interventions: [],
      note: '',
      updatedAt: 1,
    };
    expect(validateDayEntry(day, '2026-12-03')).toEqual({ ok: true, day });
    expect(validateDayEntry({ ...day, pain: 11 }, '2026-12-03')).toMatchObject({
      ok: false,
      problems: [{ field: 'pain', kind: 'invalid' }],
    });
    expect(built.count).toBeGreaterThan(0);
  });
});
