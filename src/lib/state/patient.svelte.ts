/** The patient's details for the report (name, date of birth, clinic number), read from and saved to the settings. */
import type { PatientDetails } from '../domain/patient';
import { database } from './database';

class Patient {
  /** `undefined` until read; then what is saved (an empty record when nothing is). */
  details = $state.raw<PatientDetails | undefined>(undefined);

  async load(): Promise<PatientDetails> {
    const { diaryDb, loadSettings } = await database();
    const details = (await loadSettings(diaryDb)).patient ?? {};
    this.details = details;
    return details;
  }

  /** Saves checked details (see `parsePatientForm`); a storage failure is thrown for the form to word. */
  async save(details: PatientDetails): Promise<void> {
    const { diaryDb, updateSettings } = await database();
    const saved = await updateSettings(diaryDb, { patient: details });
    this.details = saved.patient ?? {};
  }
}

export const patient = new Patient();
