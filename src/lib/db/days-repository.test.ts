import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { DiaryDatabase } from './database';
import {
  countDays,
  deleteDay,
  getDay,
  listDays,
  restoreDay,
  saveDay,
  watchDays,
  watchRecentDays,
  type RecentDays,
} from './days-repository';
import { InvalidDayError } from './errors';
import { unreadableRowCounts } from './unreadable-rows';
import { loadSettings, updateSettings } from './settings-repository';

const TODAY = '2026-11-26';
let db: DiaryDatabase;

beforeEach(async () => {
  db = new DiaryDatabase(`days-${crypto.randomUUID()}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('days repository', () => {
  it('saves, reads back and replaces a day by its date', async () => {
    await saveDay(db, dayFactory.build({ date: '2026-11-20', pain: 4 }), TODAY);
    await saveDay(db, dayFactory.build({ date: '2026-11-20', pain: 6 }), TODAY);
    expect(await getDay(db, '2026-11-20')).toMatchObject({ pain: 6 });
    expect(await countDays(db)).toBe(1);
  });

  it('writes nothing when the day is invalid or in the future', async () => {
    await expect(saveDay(db, dayFactory.build({ pain: 11 }), TODAY)).rejects.toBeInstanceOf(InvalidDayError);
    await expect(saveDay(db, dayFactory.build({ date: '2026-11-27' }), TODAY)).rejects.toMatchObject({
      problems: [{ field: 'date', kind: 'future' }],
    });
    await expect(saveDay(db, { ...dayFactory.build(), note: 'x'.repeat(10_000) }, TODAY)).rejects.toMatchObject({
      problems: [{ field: 'note', kind: 'too-long' }],
    });
    expect(await countDays(db)).toBe(0);
  });

  it('strips fields the schema does not know before writing', async () => {
    await saveDay(db, { ...dayFactory.build(), injected: '<script>' }, TODAY);
    const raw = await db.days.get('2026-11-20');
    expect(raw).not.toHaveProperty('injected');
  });

  it('lists a range oldest first, both ends included', async () => {
    for (const date of ['2026-11-03', '2026-11-01', '2026-11-02', '2026-10-31']) {
      await saveDay(db, dayFactory.build({ date }), TODAY);
    }
    const days = await listDays(db, '2026-11-01', '2026-11-03');
    expect(days.map((day) => day.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });

  it('skips and counts a stored row that fails the schema, without deleting it', async () => {
    const before = unreadableRowCounts().get('days') ?? 0;
    await saveDay(db, dayFactory.build({ date: '2026-11-01' }), TODAY);
    // A row written by something other than this app's repository.
    await db.days.put({ ...dayFactory.build({ date: '2026-11-02' }), pain: 42 });
    const days = await listDays(db, '2026-11-01', '2026-11-30');
    expect(days.map((day) => day.date)).toEqual(['2026-11-01']);
    expect(unreadableRowCounts().get('days')).toBe(before + 1);
    expect(await countDays(db)).toBe(2);
  });

  it('deletes a day and can put it back exactly', async () => {
    const saved = await saveDay(db, dayFactory.build({ date: '2026-11-10', note: 'keep me' }), TODAY);
    const deleted = await deleteDay(db, '2026-11-10');
    expect(deleted).toEqual(saved);
    const unreadableBefore = unreadableRowCounts().get('days') ?? 0;
    expect(await getDay(db, '2026-11-10')).toBeUndefined();
    // A day that is not there is not an unreadable one.
    expect(unreadableRowCounts().get('days') ?? 0).toBe(unreadableBefore);
    await restoreDay(db, deleted as NonNullable<typeof deleted>);
    expect(await getDay(db, '2026-11-10')).toEqual(saved);
    expect(await deleteDay(db, '2000-01-01')).toBeUndefined();
  });

  it('tells watchers about changes as they happen', async () => {
    const seen: string[][] = [];
    const stop = watchDays(
      db,
      '2026-11-01',
      '2026-11-30',
      (days) => seen.push(days.map((day) => day.date)),
      () => {},
    );
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await saveDay(db, dayFactory.build({ date: '2026-11-05' }), TODAY);
    await expect.poll(() => seen.at(-1)).toEqual(['2026-11-05']);
    stop();
  });

  it('finds the last entry before a window for "same as yesterday"', async () => {
    await saveDay(db, dayFactory.build({ date: '2026-11-01', pain: 2 }), TODAY);
    await saveDay(db, dayFactory.build({ date: '2026-11-24', pain: 5 }), TODAY);
    let latest: RecentDays | undefined;
    const stop = watchRecentDays(
      db,
      '2026-11-20',
      TODAY,
      (recent) => (latest = recent),
      () => {},
    );
    await expect.poll(() => latest?.lastBefore?.date).toBe('2026-11-24');
    expect(latest?.days.map((day) => day.date)).toEqual(['2026-11-24']);
    stop();
  });
});

describe('settings repository', () => {
  it('starts empty, merges changes, and ignores an unreadable stored value', async () => {
    expect(await loadSettings(db)).toEqual({});
    await updateSettings(db, { locale: 'zh-CN' });
    await updateSettings(db, { persistenceRequestedAt: 5 });
    expect(await loadSettings(db)).toEqual({ locale: 'zh-CN', persistenceRequestedAt: 5 });
    await db.meta.put({ key: 'settings', value: { locale: 'klingon' } });
    expect(await loadSettings(db)).toEqual({});
  });
});
