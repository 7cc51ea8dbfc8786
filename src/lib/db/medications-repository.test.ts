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
