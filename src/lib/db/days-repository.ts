/** Diary days: every write and every read passes the schema, so the screens only ever see valid days. */
import { dayEntrySchema, validateDayEntry, type DayEntry } from '../domain/day';
import type { IsoDate } from '../domain/dates';
import type { DiaryDatabase } from './database';
import { InvalidDayError } from './errors';
import { withStorage } from './lifecycle';
import { watchQuery, type Unsubscribe } from './live-query';
import { readValidRows } from './unreadable-rows';

function readDays(rows: unknown[]): DayEntry[] {
  return readValidRows('days', dayEntrySchema, rows);
}

/** One row read as `readDays` reads many; no row is no day (not an unreadable one). */
function readDay(row: unknown): DayEntry | undefined {
  return row === undefined ? undefined : readDays([row])[0];
}

const isRefusedDay = (error: unknown) => error instanceof InvalidDayError;
const read = <T>(db: DiaryDatabase, work: () => Promise<T>) => withStorage(db, work, { passThrough: isRefusedDay });
const write = <T>(db: DiaryDatabase, work: () => Promise<T>) =>
  withStorage(db, work, { write: true, passThrough: isRefusedDay });

/** Validate and save a day (insert or replace); throws `InvalidDayError` and writes nothing when invalid. */
export async function saveDay(db: DiaryDatabase, input: unknown, today: IsoDate): Promise<DayEntry> {
  const validation = validateDayEntry(input, today);
  if (!validation.ok) throw new InvalidDayError(validation.problems);
  const day = validation.day;
  await write(db, () => db.days.put(day));
  return day;
}

export function getDay(db: DiaryDatabase, date: IsoDate): Promise<DayEntry | undefined> {
  return read(db, async () => readDay(await db.days.get(date)));
}

/** Days from `from` to `to`, both included, oldest first. */
export function listDays(db: DiaryDatabase, from: IsoDate, to: IsoDate): Promise<DayEntry[]> {
  return read(db, async () => readDays(await db.days.where('date').between(from, to, true, true).toArray()));
}

/** Delete a day and hand back what was deleted, so the screen can offer to undo. */
export function deleteDay(db: DiaryDatabase, date: IsoDate): Promise<DayEntry | undefined> {
  return write(db, () =>
    db.transaction('rw', db.days, async () => {
      const existing = await db.days.get(date);
      await db.days.delete(date);
      return readDay(existing);
    }),
  );
}

/** Put back a day that was just deleted. It was valid when deleted, but it still passes the schema again. */
export async function restoreDay(db: DiaryDatabase, day: DayEntry): Promise<void> {
  const result = dayEntrySchema.safeParse(day);
  if (!result.success) throw new InvalidDayError([{ field: 'date', kind: 'invalid' }]);
  await write(db, () => db.days.put(result.data));
}

export function countDays(db: DiaryDatabase): Promise<number> {
  return read(db, () => db.days.count());
}

/** Follow how many days are logged, so a count on screen is right after an import or a save in another tab. */
export function watchDayCount(
  db: DiaryDatabase,
  onChange: (count: number) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(() => db.days.count(), onChange, onError);
}

export interface RecentDays {
  /** Logged days in the window asked for, oldest first. */
  days: DayEntry[];
  /** The most recent day logged before the window's last day, wherever it is. */
  lastBefore: DayEntry | undefined;
}

/** Follow the days of a window as they change (in this tab or another); calls back with each new state. */
export function watchRecentDays(
  db: DiaryDatabase,
  from: IsoDate,
  to: IsoDate,
  onChange: (recent: RecentDays) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(
    async () => {
      const [rows, lastBeforeRow] = await Promise.all([
        db.days.where('date').between(from, to, true, true).toArray(),
        db.days.where('date').below(to).last(),
      ]);
      return { days: readDays(rows), lastBefore: readDay(lastBeforeRow) };
    },
    onChange,
    onError,
  );
}

/** Follow the days between two dates as they change. */
export function watchDays(
  db: DiaryDatabase,
  from: IsoDate,
  to: IsoDate,
  onChange: (days: DayEntry[]) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(
    async () => readDays(await db.days.where('date').between(from, to, true, true).toArray()),
    onChange,
    onError,
  );
}
