/** The database lifecycle: reopening a closed connection, other tabs' upgrades, a newer database, refused storage. */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { DiaryDatabase } from './database';
import { getDay, saveDay, watchRecentDays } from './days-repository';
import { classifyStorageError, StorageFailure } from './errors';
import { lifecycleOf, type DatabaseState } from './lifecycle';
import { loadReminderState, recordDose, saveReminder, updateReminderState } from './reminders-repository';
import { loadSettings, updateSettings } from './settings-repository';

const TODAY = '2026-11-26';
const opened: DiaryDatabase[] = [];
const raws: IDBDatabase[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const raw of raws.splice(0)) raw.close();
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function newDatabase(name = `lifecycle-${crypto.randomUUID()}`): DiaryDatabase {
  const db = new DiaryDatabase(name);
  opened.push(db);
  return db;
}

/** Another tab's connection, with the raw IndexedDB API: `version` 30 is what a Dexie version 3 asks for. */
function openRaw(name: string, version: number): { result: Promise<IDBDatabase>; wasBlocked: () => boolean } {
  let wasBlocked = false;
  const result = new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onblocked = () => (wasBlocked = true);
    request.onsuccess = () => {
      raws.push(request.result);
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  return { result, wasBlocked: () => wasBlocked };
}

function statesOf(db: DiaryDatabase): DatabaseState[] {
  const states: DatabaseState[] = [];
  lifecycleOf(db).subscribe((state) => states.push(state));
  return states;
}

describe('reopen and retry once', () => {
  it('saves a day after the connection was closed under the app', async () => {
    const db = newDatabase();
    await db.open();
    db.close();
    await saveDay(db, dayFactory.build({ pain: 6 }), TODAY);
    expect(await getDay(db, '2026-11-20')).toMatchObject({ pain: 6 });
  });

  it('logs a dose after the connection was closed under the app (as the service worker may find it)', async () => {
    const db = newDatabase();
    await db.open();
    db.close();
    await recordDose(db, { medicationId: 'med-1', scheduledFor: '2026-11-20T08:00', status: 'taken', at: 1 });
    expect(await db.doseLogs.count()).toBe(1);
  });

  it('reads after the connection was closed', async () => {
    const db = newDatabase();
    await saveDay(db, dayFactory.build(), TODAY);
    db.close();
    expect(await getDay(db, '2026-11-20')).toEqual(dayFactory.build());
  });

  it('tries once more only, then reports a closed database, having written nothing', async () => {
    const db = newDatabase();
    await db.open();
    const put = vi.spyOn(db.days, 'put').mockImplementation(() => {
      throw new Dexie.DatabaseClosedError('closed under us');
    });
    const saving = saveDay(db, dayFactory.build(), TODAY);
    await expect(saving).rejects.toBeInstanceOf(StorageFailure);
    await expect(saving).rejects.toMatchObject({ kind: 'closed' });
    expect(put).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
    expect(await db.days.count()).toBe(0);
  });

  it('does not retry other failures (a full disk)', async () => {
    const db = newDatabase();
    await db.open();
    const put = vi.spyOn(db.days, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(saveDay(db, dayFactory.build(), TODAY)).rejects.toMatchObject({ kind: 'quota' });
    expect(put).toHaveBeenCalledTimes(1);
  });
});

describe('another tab asks to upgrade the database', () => {
  it('closes at once when nothing is being typed, so the other tab is not blocked, and writes no more', async () => {
    const db = newDatabase();
    await saveDay(db, dayFactory.build(), TODAY);
    const states = statesOf(db);
    const other = openRaw(db.name, 30);
    expect((await other.result).version).toBe(30);
    expect(other.wasBlocked()).toBe(false);
    expect(states).toEqual(['upgrade-requested', 'closed-for-upgrade']);
    await expect(saveDay(db, dayFactory.build({ date: '2026-11-21' }), TODAY)).rejects.toMatchObject({
      kind: 'blocked',
      detail: 'upgrade-pending',
    });
  });

  it('keeps the connection while the patient types, so the entry is saved, then lets the upgrade go ahead', async () => {
    const db = newDatabase();
    await db.open();
    let isTyping = true;
    lifecycleOf(db).keepOpenForUpgradeWhile(() => isTyping);
    const other = openRaw(db.name, 30);
    await vi.waitFor(() => expect(lifecycleOf(db).state).toBe('upgrade-requested'));
    await vi.waitFor(() => expect(other.wasBlocked()).toBe(true));

    await saveDay(db, dayFactory.build({ note: 'typed while the other tab waited' }), TODAY);
    isTyping = false;
    lifecycleOf(db).releaseForUpgrade();

    const upgraded = await other.result;
    expect(upgraded.version).toBe(30);
    const stored = await new Promise<unknown>((resolve) => {
      const request = upgraded.transaction('days').objectStore('days').get('2026-11-20');
      request.onsuccess = () => resolve(request.result);
    });
    expect(stored).toMatchObject({ note: 'typed while the other tab waited' });
    expect(lifecycleOf(db).state).toBe('closed-for-upgrade');
  });
});

describe('the database deleted from another tab', () => {
  it('says so, lets the deletion go ahead, and never makes a new empty diary under the patient', async () => {
    const db = newDatabase();
    await saveDay(db, dayFactory.build({ pain: 6 }), TODAY);
    const states = statesOf(db);

    // What another tab's "delete everything" (or Dexie.delete) does: it would wait for this tab if blocked.
    let wasBlocked = false;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onblocked = () => (wasBlocked = true);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('delete failed'));
    });
    expect(wasBlocked).toBe(false);
    expect(states).toEqual(['deleted']);

    await expect(saveDay(db, dayFactory.build({ date: '2026-11-21' }), TODAY)).rejects.toMatchObject({
      kind: 'blocked',
      detail: 'database-deleted',
    });
    await expect(getDay(db, '2026-11-20')).rejects.toMatchObject({ detail: 'database-deleted' });
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(db.name);
    expect(lifecycleOf(db).state).toBe('deleted');
  });
});

describe('a database newer than this build', () => {
  const REMINDER_STATE_BEFORE = { notifiedAt: { 'med-1@2026-11-20T08:00': 1 }, snoozedUntil: {}, trackedSince: {} };

  async function makeNewer(): Promise<string> {
    const name = `newer-${crypto.randomUUID()}`;
    const old = newDatabase(name);
    await saveDay(old, dayFactory.build({ pain: 4 }), TODAY);
    await updateReminderState(old, () => REMINDER_STATE_BEFORE);
    old.close();
    (await openRaw(name, 30).result).close();
    return name;
  }

  it('can still be read (and so backed up), but every write is refused and nothing changes', async () => {
    const db = newDatabase(await makeNewer());
    expect(await getDay(db, '2026-11-20')).toMatchObject({ pain: 4 });
    expect(lifecycleOf(db).state).toBe('newer');
    await expect(saveDay(db, dayFactory.build({ pain: 9 }), TODAY)).rejects.toMatchObject({
      kind: 'blocked',
      detail: 'newer-database',
    });
    await expect(updateSettings(db, { locale: 'en' })).rejects.toMatchObject({ detail: 'newer-database' });
    expect(await getDay(db, '2026-11-20')).toMatchObject({ pain: 4 });
  });

  it('refuses dose logs, reminders and reminder state too (the page and the service worker alike)', async () => {
    const db = newDatabase(await makeNewer());
    const dose = { medicationId: 'med-1', scheduledFor: '2026-11-20T08:00', status: 'taken', at: 1 } as const;
    await expect(recordDose(db, dose)).rejects.toMatchObject({ kind: 'blocked', detail: 'newer-database' });
    await expect(
      saveReminder(db, { id: 'r1', kind: 'diary', enabled: true, times: ['20:00'], days: [] }),
    ).rejects.toMatchObject({ detail: 'newer-database' });
    await expect(updateReminderState(db, (state) => state)).rejects.toMatchObject({ detail: 'newer-database' });
    expect(await db.doseLogs.count()).toBe(0);
    expect(await db.reminders.count()).toBe(0);
    // Reading still works, so reminders can still be shown: the state written before, unchanged.
    await expect(loadReminderState(db)).resolves.toEqual(REMINDER_STATE_BEFORE);
  });

  it('refuses even when a write is the first thing the app does', async () => {
    const db = newDatabase(await makeNewer());
    await expect(saveDay(db, dayFactory.build({ pain: 9 }), TODAY)).rejects.toMatchObject({ detail: 'newer-database' });
    expect(await db.days.count()).toBe(1);
  });
});

describe('this build’s own upgrade, blocked by another tab', () => {
  it('fails fast (so the app can say "close other tabs"), then opens once the other tab lets go', async () => {
    const name = `blocked-${crypto.randomUUID()}`;
    const holder = await openRaw(name, 1).result; // an old tab that never closes for an upgrade
    const db = newDatabase(name);
    await expect(loadSettings(db)).rejects.toMatchObject({ kind: 'blocked', detail: 'upgrade-blocked' });
    expect(lifecycleOf(db).state).toBe('upgrade-blocked');
    holder.close();
    await vi.waitFor(() => expect(lifecycleOf(db).state).toBe('open'));
    expect(await loadSettings(db)).toEqual({});
  });
});

describe('storage refused (a private window)', () => {
  it('is "unavailable" for reads and writes, and the state says so', async () => {
    const open = vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      );
    });
    const db = newDatabase();
    await expect(saveDay(db, dayFactory.build(), TODAY)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(lifecycleOf(db).state).toBe('unavailable');
    await expect(getDay(db, '2026-11-20')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(open).toHaveBeenCalled();
  });

  it('is said at once to a live view too, which Dexie would leave waiting for an open that never comes', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'InvalidStateError');
    });
    const db = newDatabase();
    const changes = vi.fn();
    const errors: unknown[] = [];
    const unsubscribe = watchRecentDays(db, '2026-11-13', TODAY, changes, (error) => errors.push(error));
    try {
      await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 1000 });
      expect(errors[0]).toMatchObject({ kind: 'unavailable' });
      expect(changes).not.toHaveBeenCalled();
    } finally {
      unsubscribe();
    }
  });
});

describe('classifyStorageError', () => {
  const named = (name: string, inner?: string) =>
    Object.assign(new Error(name), { name, ...(inner ? { inner: { name: inner } } : {}) });

  it.each([
    [named('QuotaExceededError'), 'quota', undefined],
    [named('AbortError', 'QuotaExceededError'), 'quota', undefined],
    [named('DatabaseClosedError', 'DatabaseClosedError'), 'closed', undefined],
    [named('InvalidStateError'), 'closed', undefined],
    [named('DatabaseClosedError', 'InvalidStateError'), 'unavailable', undefined],
    [named('OpenFailedError', 'InvalidStateError'), 'unavailable', undefined],
    [named('MissingAPIError'), 'unavailable', undefined],
    [named('VersionError'), 'blocked', 'newer-database'],
    [named('BlockedError'), 'blocked', 'upgrade-blocked'],
    [new Error('something else'), 'unknown', undefined],
  ])('%s is %s', (error, kind, detail) => {
    expect(classifyStorageError(error)).toMatchObject({ kind, detail });
  });
});
