import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import type { Medication } from '../domain/medication';
import { DiaryDatabase } from './database';
import {
  addMedication,
  deleteMedication,
  deleteRegimenEvent,
  loadMedicationRecords,
  restoreMedication,
  saveDoseLog,
  saveRegimenEvent,
  watchMedicationRecords,
  type MedicationRecords,
} from './medications-repository';
import { InvalidRegimenError } from './errors';

const TODAY = '2026-11-26';
const upadacitinib: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' };
let db: DiaryDatabase;

beforeEach(async () => {
  db = new DiaryDatabase(`meds-${crypto.randomUUID()}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('medications repository', () => {
  it('adds a medication with its start, and records a dose change, interruption and resume', async () => {
    await addMedication(db, upadacitinib, eventFactory.start('2026-03-12', 15), TODAY);
    await saveRegimenEvent(db, eventFactory.doseChange('2026-04-12', 30), TODAY);
    await saveRegimenEvent(db, eventFactory.interruption('2026-05-02', 'infection'), TODAY);
    await saveRegimenEvent(db, eventFactory.resume('2026-05-12'), TODAY);
    const records = await loadMedicationRecords(db);
    expect(records.medications).toEqual([upadacitinib]);
    expect(records.events.map((event) => event.kind).sort()).toEqual([
      'dose-change',
      'interruption',
      'resume',
      'start',
    ]);
  });

  it('refuses an impossible history and writes nothing', async () => {
    await addMedication(db, upadacitinib, eventFactory.start('2026-03-12', 15), TODAY);
    await expect(saveRegimenEvent(db, eventFactory.resume('2026-04-01'), TODAY)).rejects.toMatchObject({
      problems: [{ kind: 'resume-without-interruption' }],
    });
    await expect(saveRegimenEvent(db, eventFactory.doseChange('2026-03-01', 30), TODAY)).rejects.toMatchObject({
      problems: [{ kind: 'before-start' }],
    });
    await expect(saveRegimenEvent(db, eventFactory.doseChange('2027-01-01', 30), TODAY)).rejects.toMatchObject({
      problems: [{ kind: 'future' }],
    });
    await expect(
      addMedication(db, { ...upadacitinib, id: 'med-2' }, eventFactory.doseChange('2026-01-01', 30), TODAY),
    ).rejects.toBeInstanceOf(InvalidRegimenError);
    expect((await loadMedicationRecords(db)).events).toHaveLength(1);
    expect(await db.medications.count()).toBe(1);
  });

  it('refuses an event for a medication that does not exist, and bad fields by name', async () => {
    await expect(
      saveRegimenEvent(db, { ...eventFactory.start('2026-03-12', 15), medicationId: 'nope' }, TODAY),
    ).rejects.toMatchObject({ invalidFields: ['medicationId'] });
    await expect(
      addMedication(db, { ...upadacitinib, name: '' }, eventFactory.start('2026-03-12', 15), TODAY),
    ).rejects.toMatchObject({ invalidFields: ['name'] });
  });

  it('will not delete the start from under a dose change', async () => {
    const start = eventFactory.start('2026-03-12', 15);
    await addMedication(db, upadacitinib, start, TODAY);
    const raise = await saveRegimenEvent(db, eventFactory.doseChange('2026-04-12', 30), TODAY);
    await expect(deleteRegimenEvent(db, start.id, TODAY)).rejects.toMatchObject({
      problems: [{ kind: 'before-start' }],
    });
    expect(await deleteRegimenEvent(db, raise.id, TODAY)).toEqual(raise);
  });

  it('deletes a medication with everything of it, and can put it all back', async () => {
    await addMedication(db, upadacitinib, eventFactory.start('2026-03-12', 15), TODAY);
    await saveDoseLog(db, {
      id: 'd1',
      medicationId: 'med-1',
      scheduledFor: '2026-03-12T08:00',
      status: 'taken',
      at: 1,
    });
    const removed = await deleteMedication(db, 'med-1');
    expect(await loadMedicationRecords(db)).toEqual({ medications: [], events: [], doseLogs: [] });
    await restoreMedication(db, removed);
    const back = await loadMedicationRecords(db);
    expect(back.medications).toHaveLength(1);
    expect(back.events).toHaveLength(1);
    expect(back.doseLogs).toHaveLength(1);
  });
});

/**
 * The rows tests/e2e/user-text.e2e.ts writes (issue 12, item 9): a name with a right-to-left override, one
 * of 80 letters, UUID ids. They pass the schema and reach the screens' subscription; that the Medications
 * screen once showed none of them came from the test writing past Dexie and then changing only the hash:
 * Dexie's live-query cache (kept per database name for the life of the page) still held the empty tables.
 */
describe('names as people type them', () => {
  const rows = [
    { id: '6f1c8a52-2a3b-4c1d-9e8f-0a1b2c3d4e5f', name: '\u202Egnp.exe', drugClass: 'other', color: '#d55e00' },
    { id: '7a2d9b63-3b4c-4d2e-8f9a-1b2c3d4e5f60', name: 'W'.repeat(80), drugClass: 'other', color: '#0072b2' },
  ] as const;

  function firstRecords(): Promise<MedicationRecords> {
    return new Promise((resolve, reject) => {
      const stop = watchMedicationRecords(
        db,
        (records) => {
          setTimeout(stop);
          resolve(records);
        },
        reject,
      );
    });
  }

  it('reads back a name with a bidi override and one of 80 letters, under UUID ids', async () => {
    await db.medications.bulkPut(rows.map((row) => ({ ...row })));
    expect((await loadMedicationRecords(db)).medications).toEqual(rows);
    expect((await firstRecords()).medications).toEqual(rows);
  });

  it('hands the subscription rows written past Dexie only while no earlier read of them is cached', async () => {
    const writePastDexie = () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(db.name);
        request.onsuccess = () => {
          const transaction = request.result.transaction('medications', 'readwrite');
          for (const row of rows) transaction.objectStore('medications').put({ ...row });
          transaction.oncomplete = () => {
            request.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
        };
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
    expect((await firstRecords()).medications).toEqual([]);
    await writePastDexie();
    // What the e2e test met: a later subscription in the same page is answered from Dexie's cache, so a
    // test that writes with the raw IndexedDB API must load the page again, not only change the hash.
    expect((await firstRecords()).medications).toEqual([]);
    expect((await loadMedicationRecords(db)).medications).toEqual(rows);
  });
});
