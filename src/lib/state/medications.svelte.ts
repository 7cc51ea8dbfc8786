/** Every medication with its events and phases, following the database; the Medications and Trends screens read it. */
import type { IsoDate } from '../domain/dates';
import type { DoseLog, Medication, RegimenEvent } from '../domain/medication';
import { buildPhases, type Phase } from '../domain/phases';
import { sortEvents } from '../domain/regimen';
import { compareCodeUnits } from '../domain/text-order';
import { diaryDb, watchMedicationRecords, type MedicationRecords } from '../db';

export interface MedicationView {
  medication: Medication;
  /** Oldest first. */
  events: RegimenEvent[];
  phases: Phase[];
  current: Phase | undefined;
}

export class MedicationsData {
  #records = $state.raw<MedicationRecords | null>(null);
  error = $state.raw<unknown>(null);
  readonly #today: () => IsoDate;

  constructor(today: () => IsoDate) {
    this.#today = today;
  }

  follow(): () => void {
    return watchMedicationRecords(
      diaryDb,
      (records) => {
        this.#records = records;
        this.error = null;
      },
      (error) => (this.error = error),
    );
  }

  get isLoaded(): boolean {
    return this.#records !== null;
  }

  get doseLogs(): DoseLog[] {
    return this.#records?.doseLogs ?? [];
  }

  /** Medications in the order they were first started (those without events last), each with its phases. */
  get items(): MedicationView[] {
    const records = this.#records;
    if (!records) return [];
    const today = this.#today();
    return records.medications
      .map((medication) => {
        const events = sortEvents(records.events.filter((event) => event.medicationId === medication.id));
        const phases = buildPhases(events, today);
        return { medication, events, phases, current: phases.at(-1) };
      })
      .sort(
        (a, b) =>
          compareCodeUnits(a.events[0]?.date ?? '9999', b.events[0]?.date ?? '9999') ||
          a.medication.name.localeCompare(b.medication.name),
      );
  }
}
