/** What a patient does to their medications, with the undo each delete offers. */
import type { IsoDate } from '../domain/dates';
import type { RegimenEvent } from '../domain/medication';
import {
  addMedication,
  deleteMedication,
  deleteRegimenEvent,
  diaryDb,
  restoreMedication,
  saveRegimenEvent,
  type MedicationRecords,
} from '../db';

export function newId(): string {
  return crypto.randomUUID();
}

export function addMedicationWithStart(medication: unknown, start: unknown, today: IsoDate) {
  return addMedication(diaryDb, medication, start, today);
}

export function recordRegimenEvent(event: unknown, today: IsoDate): Promise<RegimenEvent> {
  return saveRegimenEvent(diaryDb, event, today);
}

export function removeRegimenEvent(eventId: string, today: IsoDate): Promise<RegimenEvent | undefined> {
  return deleteRegimenEvent(diaryDb, eventId, today);
}

export function removeMedication(medicationId: string): Promise<MedicationRecords> {
  return deleteMedication(diaryDb, medicationId);
}

export function putBackMedication(records: MedicationRecords): Promise<void> {
  return restoreMedication(diaryDb, records);
}
