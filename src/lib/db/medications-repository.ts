/**
 * Medications, their regimen events and dose logs. Every write passes the schema and, for events, the
 * history check, inside one transaction, so an impossible history never reaches the database.
 */
import type { IsoDate } from '../domain/dates';
import {
  doseLogSchema,
  medicationSchema,
  regimenEventSchema,
  type DoseLog,
  type Medication,
  type RegimenEvent,
} from '../domain/medication';
import { checkRegimenChange } from '../domain/regimen';
import type { DiaryDatabase } from './database';
import { InvalidRegimenError } from './errors';
import { withStorage } from './lifecycle';
import { readValidRows } from './unreadable-rows';
import { watchQuery, type Unsubscribe } from './live-query';

function fieldsOf(error: { issues: { path: PropertyKey[] }[] }): string[] {
  return [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'value')))];
}

const isRefusedChange = (error: unknown) => error instanceof InvalidRegimenError;
const read = <T>(db: DiaryDatabase, work: () => Promise<T>) => withStorage(db, work, { passThrough: isRefusedChange });
const write = <T>(db: DiaryDatabase, work: () => Promise<T>) =>
  withStorage(db, work, { write: true, passThrough: isRefusedChange });

export interface MedicationRecords {
  medications: Medication[];
  events: RegimenEvent[];
  doseLogs: DoseLog[];
}

/** A new medication with its first event (normally its start), written together or not at all. */
export async function addMedication(
  db: DiaryDatabase,
  medication: unknown,
  firstEvent: unknown,
  today: IsoDate,
): Promise<Medication> {
  const parsedMedication = medicationSchema.safeParse(medication);
  const parsedEvent = regimenEventSchema.safeParse(firstEvent);
  if (!parsedMedication.success) throw new InvalidRegimenError([], fieldsOf(parsedMedication.error));
  if (!parsedEvent.success) throw new InvalidRegimenError([], fieldsOf(parsedEvent.error));
  const event = { ...parsedEvent.data, medicationId: parsedMedication.data.id };
  const problems = checkRegimenChange([], { put: event }, today);
  if (problems.length > 0) throw new InvalidRegimenError(problems);
  return write(db, () =>
    db.transaction('rw', db.medications, db.regimenEvents, async () => {
      await db.medications.add(parsedMedication.data);
      await db.regimenEvents.add(event);
      return parsedMedication.data;
    }),
  );
}

export async function updateMedication(db: DiaryDatabase, medication: unknown): Promise<Medication> {
  const parsed = medicationSchema.safeParse(medication);
  if (!parsed.success) throw new InvalidRegimenError([], fieldsOf(parsed.error));
  return write(db, async () => {
    await db.medications.put(parsed.data);
    return parsed.data;
  });
}

/** Delete a medication with all its events and dose logs; hands them back so the screen can undo. */
export function deleteMedication(db: DiaryDatabase, medicationId: string): Promise<MedicationRecords> {
  return write(db, () =>
    db.transaction('rw', db.medications, db.regimenEvents, db.doseLogs, async () => {
      const medication = await db.medications.get(medicationId);
      const events = await db.regimenEvents.where('medicationId').equals(medicationId).toArray();
      const doseLogs = await db.doseLogs.where('medicationId').equals(medicationId).toArray();
      await db.regimenEvents.where('medicationId').equals(medicationId).delete();
      await db.doseLogs.where('medicationId').equals(medicationId).delete();
      await db.medications.delete(medicationId);
      return { medications: medication ? [medication] : [], events, doseLogs };
    }),
  );
}

/** Put back what `deleteMedication` removed. */
export function restoreMedication(db: DiaryDatabase, records: MedicationRecords): Promise<void> {
  return write(db, () =>
    db.transaction('rw', db.medications, db.regimenEvents, db.doseLogs, async () => {
      await db.medications.bulkPut(records.medications);
      await db.regimenEvents.bulkPut(records.events);
      await db.doseLogs.bulkPut(records.doseLogs);
    }),
  );
}

/**
 * Add or replace one event, after checking the medication's whole history with it; throws
 * `InvalidRegimenError` naming the problem and writes nothing when the result would be impossible.
 */
export async function saveRegimenEvent(db: DiaryDatabase, input: unknown, today: IsoDate): Promise<RegimenEvent> {
  const parsed = regimenEventSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRegimenError([], fieldsOf(parsed.error));
  const event = parsed.data;
  return write(db, () =>
    db.transaction('rw', db.medications, db.regimenEvents, async () => {
      if (!(await db.medications.get(event.medicationId))) throw new InvalidRegimenError([], ['medicationId']);
      const history = await db.regimenEvents.where('medicationId').equals(event.medicationId).toArray();
      const problems = checkRegimenChange(
        readValidRows('regimenEvents', regimenEventSchema, history),
        { put: event },
        today,
      );
      if (problems.length > 0) throw new InvalidRegimenError(problems);
      await db.regimenEvents.put(event);
      return event;
    }),
  );
}

/** Delete one event unless the history left behind would be impossible (say, the start under a dose change). */
export function deleteRegimenEvent(
  db: DiaryDatabase,
  eventId: string,
  today: IsoDate,
): Promise<RegimenEvent | undefined> {
  return write(db, () =>
    db.transaction('rw', db.regimenEvents, async () => {
      const event = await db.regimenEvents.get(eventId);
      if (!event) return undefined;
      const history = await db.regimenEvents.where('medicationId').equals(event.medicationId).toArray();
      const problems = checkRegimenChange(
        readValidRows('regimenEvents', regimenEventSchema, history),
        { removeId: eventId },
        today,
      );
      if (problems.length > 0) throw new InvalidRegimenError(problems);
      await db.regimenEvents.delete(eventId);
      return event;
    }),
  );
}

export async function saveDoseLog(db: DiaryDatabase, input: unknown): Promise<DoseLog> {
  const parsed = doseLogSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRegimenError([], fieldsOf(parsed.error));
  return write(db, async () => {
    await db.doseLogs.put(parsed.data);
    return parsed.data;
  });
}

export async function loadMedicationRecords(db: DiaryDatabase): Promise<MedicationRecords> {
  return read(db, async () => {
    const [medications, events, doseLogs] = await Promise.all([
      db.medications.toArray(),
      db.regimenEvents.toArray(),
      db.doseLogs.toArray(),
    ]);
    return {
      medications: readValidRows('medications', medicationSchema, medications),
      events: readValidRows('regimenEvents', regimenEventSchema, events),
      doseLogs: readValidRows('doseLogs', doseLogSchema, doseLogs),
    };
  });
}

/** Follow every medication, event and dose log as they change, in this tab or another. */
export function watchMedicationRecords(
  db: DiaryDatabase,
  onChange: (records: MedicationRecords) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(() => loadMedicationRecords(db), onChange, onError);
}
