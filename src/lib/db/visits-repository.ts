/** Clinic visits: validated on every write and every read, like every other table. */
import { visitSchema, type Visit } from '../domain/visit';
import type { DiaryDatabase } from './database';
import { watchQuery, type Unsubscribe } from './live-query';
import { withStorage } from './lifecycle';
import { readValidRows } from './unreadable-rows';

/** Thrown when a visit does not pass its schema; names the fields for the form to word. */
export class InvalidVisitError extends Error {
  constructor(readonly fields: string[]) {
    super(`invalid visit: ${fields.join(', ')}`);
    this.name = 'InvalidVisitError';
  }
}

function readVisits(rows: unknown[]): Visit[] {
  return readValidRows('visits', visitSchema, rows);
}

const isRefused = (error: unknown) => error instanceof InvalidVisitError;

/** Add or replace a visit; throws `InvalidVisitError` and writes nothing when it is invalid. */
export async function saveVisit(db: DiaryDatabase, input: unknown): Promise<Visit> {
  const parsed = visitSchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidVisitError([...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? 'value')))]);
  const visit = parsed.data;
  await withStorage(db, () => db.visits.put(visit), { write: true, passThrough: isRefused });
  return visit;
}

export function deleteVisit(db: DiaryDatabase, id: string): Promise<Visit | undefined> {
  return withStorage(
    db,
    () =>
      db.transaction('rw', db.visits, async () => {
        const existing = await db.visits.get(id);
        await db.visits.delete(id);
        return existing ? readVisits([existing])[0] : undefined;
      }),
    { write: true },
  );
}

/** Every visit, newest first. */
export function listVisits(db: DiaryDatabase): Promise<Visit[]> {
  return withStorage(db, async () => readVisits(await db.visits.orderBy('date').reverse().toArray()));
}

/** Follow every visit (newest first) as they change, in this tab or another. */
export function watchVisits(
  db: DiaryDatabase,
  onChange: (visits: Visit[]) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(() => listVisits(db), onChange, onError);
}
