/** Today takes the start-up read's days once: a check that ends after Today has asked leaves none behind. */
import { describe, expect, it, vi } from 'vitest';
import type { StartRead } from '../db/start-read';
import { findDiaryAtStart, takeRecentDaysReadAtStart } from './diary-at-start';

const TODAY = '2026-12-04';

const startRead = vi.hoisted(() => {
  const state = { check: (_read: StartRead) => undefined as void };
  return state;
});

vi.mock('../db/start-read', () => ({
  findAtStart: () => Promise.resolve({ checked: new Promise<StartRead>((resolve) => (startRead.check = resolve)) }),
}));

const read: StartRead = {
  settings: {},
  recent: { days: [], lastBefore: undefined },
};
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the start-up read handed to Today', () => {
  it('is handed over once it is checked, and only once', async () => {
    await findDiaryAtStart(TODAY, true);
    startRead.check(read);
    await settled();
    expect(takeRecentDaysReadAtStart(TODAY)).toBe(read.recent);
    expect(takeRecentDaysReadAtStart(TODAY)).toBeUndefined();
  });

  it('is not kept when its check ends after Today has asked (Today then follows the database)', async () => {
    await findDiaryAtStart(TODAY, true);
    expect(takeRecentDaysReadAtStart(TODAY)).toBeUndefined();
    startRead.check(read);
    await settled();
    expect(takeRecentDaysReadAtStart(TODAY)).toBeUndefined();
  });

  it('is not kept when the app starts on another screen', async () => {
    await findDiaryAtStart(TODAY, false);
    startRead.check(read);
    await settled();
    expect(takeRecentDaysReadAtStart(TODAY)).toBeUndefined();
  });
});
