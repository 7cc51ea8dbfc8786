import Dexie from 'dexie';
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { createLegacyDatabase, VERSION_FIXTURES } from '../../../tests/fixtures/legacy-database';
import { addDays, type IsoDate } from '../domain/dates';
import { DiaryDatabase, SCHEMA_VERSION } from './database';
import { watchRecentDays, type RecentDays } from './days-repository';
import { updateSettings } from './settings-repository';
import { findAtStart, type StartRead } from './start-read';
import { unreadableRowCounts } from './unreadable-rows';

const TODAY = '2026-11-26';
const FROM = addDays(TODAY, -14);
const names: string[] = [];

function freshName(): string {
  const name = `start-read-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** The start-up read's answer, its rows checked. */
async function checkedAtStart(from: IsoDate, to: IsoDate, name: string): Promise<StartRead | null> {
  const found = await findAtStart(from, to, name);
  return found && found.checked;
}

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((info) => info.name === name);
}

/** Open (and close) a database with plain IndexedDB, as another build or another tab would; fails if blocked. */
function openNative(name: string, version: number, upgrade?: (db: IDBDatabase) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onblocked = () => reject(new Error('blocked by a connection left open'));
    request.onsuccess = () => {
      request.result.close();
      resolve(request.result.version);
    };
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

/** What Today's live query answers for the same window. */
function watchedOnce(db: DiaryDatabase, from: IsoDate, to: IsoDate): Promise<RecentDays> {
  return new Promise((resolve, reject) => {
    const stop = watchRecentDays(
      db,
      from,
      to,
      (recent) => {
        stop();
        resolve(recent);
      },
      reject,
    );
  });
}

describe('findAtStart (the first screen, without Dexie)', () => {
  it('answers an empty diary when there is no database, and leaves none behind for Dexie to create', async () => {
    const name = freshName();
    expect(await checkedAtStart(FROM, TODAY, name)).toEqual({
      settings: {},
      recent: { days: [], lastBefore: undefined },
    });
    expect(await databaseExists(name)).toBe(false);

    const db = new DiaryDatabase(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables).toHaveLength(8);
    db.close();
  });

  it('reads the settings and the days Today shows, as Dexie wrote them', async () => {
    const name = freshName();
    const db = new DiaryDatabase(name);
    await updateSettings(db, { locale: 'zh-CN', persistenceRequestedAt: 5 });
    await db.days.bulkPut([
      dayFactory.build({ date: '2026-10-01', pain: 2 }),
      dayFactory.build({ date: '2026-11-20', pain: 7, flare: true, regions: ['axilla-left'] }),
      dayFactory.build({ date: TODAY, pain: 4 }),
    ]);
    db.close();

    const read = await checkedAtStart(FROM, TODAY, name);
    expect(read?.settings).toEqual({ locale: 'zh-CN', persistenceRequestedAt: 5 });
    expect(read?.recent.days.map((day) => [day.date, day.pain])).toEqual([
      ['2026-11-20', 7],
      [TODAY, 4],
    ]);
    expect(read?.recent.lastBefore).toMatchObject({ date: '2026-11-20', regions: ['axilla-left'] });
  });

  it('gives the same answer as the live query Today follows afterwards, whatever the diary holds', async () => {
    const offsets = fc.uniqueArray(fc.integer({ min: -60, max: 0 }), { maxLength: 25 });
    await fc.assert(
      fc.asyncProperty(offsets, async (dayOffsets) => {
        const name = freshName();
        const db = new DiaryDatabase(name);
        await db.open();
        await db.days.bulkPut(
          dayOffsets.map((offset) => dayFactory.build({ date: addDays(TODAY, offset), pain: -offset % 11 })),
        );
        const expected = await watchedOnce(db, FROM, TODAY);
        db.close();
        expect(await checkedAtStart(FROM, TODAY, name)).toEqual({ settings: {}, recent: expected });
      }),
      { numRuns: 25 },
    );
  });

  it('skips and counts a row that fails its schema, and an unreadable settings value falls back to defaults', async () => {
    const name = freshName();
    const db = new DiaryDatabase(name);
    await db.open();
    await db.meta.put({ key: 'settings', value: { locale: 'klingon' } });
    await db.days.put(dayFactory.build({ date: '2026-11-24' }));
    await db.days.put({ ...dayFactory.build({ date: '2026-11-25' }), pain: 42 });
    db.close();
    const before = unreadableRowCounts().get('days') ?? 0;

    const read = await checkedAtStart(FROM, TODAY, name);
    expect(read?.settings).toEqual({});
    expect(read?.recent.days.map((day) => day.date)).toEqual(['2026-11-24']);
    // The unreadable 25th is the last day before today: not offered to copy, counted twice (window and last).
    expect(read?.recent.lastBefore).toBeUndefined();
    expect(unreadableRowCounts().get('days')).toBe(before + 2);
  });

  it('reads every committed fixture of an earlier schema version', async () => {
    for (const fixture of VERSION_FIXTURES) {
      const name = freshName();
      await createLegacyDatabase(name, fixture.schemaVersion, fixture.tables);
      const fixtureDays = (fixture.tables.days ?? []) as { date: string }[];
      const newest = fixtureDays
        .map((day) => day.date)
        .sort()
        .at(-1) as IsoDate;
      const read = await checkedAtStart(addDays(newest, -14), newest, name);
      // A fixture at this build's version is read here; an older one would be left to Dexie to upgrade.
      if (fixture.schemaVersion === SCHEMA_VERSION) expect(read?.recent.days.at(-1)?.date).toBe(newest);
      else expect(read).toBeNull();
    }
  });

  it('leaves a database saved by a newer build to Dexie, and never holds up its upgrade', async () => {
    const name = freshName();
    // What a Dexie version 3 build leaves behind.
    await openNative(name, 30, (db) => {
      db.createObjectStore('days', { keyPath: 'date' });
      db.createObjectStore('meta', { keyPath: 'key' });
    });
    expect(await checkedAtStart(FROM, TODAY, name)).toBeNull();

    // After a read at the current version, an upgrade by another tab goes ahead without waiting.
    const current = freshName();
    await new DiaryDatabase(current).open().then((db) => db.close());
    await checkedAtStart(FROM, TODAY, current);
    const upgraded = await openNative(current, 30);
    expect(upgraded).toBe(30);
  });

  it('leaves a database without the diary stores to Dexie', async () => {
    const name = freshName();
    await openNative(name, 10, (db) => db.createObjectStore('days', { keyPath: 'date' }));
    expect(await checkedAtStart(FROM, TODAY, name)).toBeNull();
  });
});
