/**
 * The app's own state that a backup carries in `meta` (the reminders' memory of announced and snoozed
 * doses, what the last calendar file held), checked as strictly as a table's rows: an imported row is read
 * back by the reminders and written into calendar files, so none may hold a value its schema refuses, and
 * a problem names the entry and its field (`calendarExport.<uid>.until`, say).
 */
import {
  CALENDAR_EXPORT_KEY,
  CALENDAR_UID_PATTERN,
  calendarExportEntrySchema,
  MAX_CALENDAR_EVENTS,
} from './calendar-plan';
import { checkWith, type RowCheck } from './backup-row-check';
import { RELAY_STATE_KEY } from './relay-plan';
import { REMINDER_STATE_KEY, reminderStateSchema } from './reminder-state';
import { timestampSchema } from './timestamps';

/** Dose and medication ids the reminder state is kept by; they become notification tags. */
const REMINDER_KEY_PATTERN = /^[A-Za-z0-9_.:@-]{1,100}$/;
const MAX_REMINDER_STATE_ENTRIES = 10_000;

/**
 * A keyed piece of state, checked entry by entry so a problem names the entry and its field:
 * `calendarExport.<uid>.until`, say.
 */
function checkKeyedState<T>(
  name: string,
  value: unknown,
  isKey: (key: string) => boolean,
  maxEntries: number,
  checkEntry: (entry: unknown, path: PropertyKey[]) => RowCheck<T>,
): RowCheck<Record<string, T>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, field: name, issue: value === undefined ? { kind: 'missing' } : { kind: 'wrong-type' } };
  const entries = Object.entries(value);
  if (entries.length > maxEntries)
    return { ok: false, field: name, issue: { kind: 'too-big', limit: maxEntries, unit: 'items' } };
  const checked: Record<string, T> = {};
  for (const [key, entry] of entries) {
    if (!isKey(key)) return { ok: false, field: name, issue: { kind: 'bad-format' } };
    const result = checkEntry(entry, [name, key]);
    if (!result.ok) return result;
    checked[key] = result.row;
  }
  return { ok: true, row: checked };
}

const isTime = (value: unknown) => timestampSchema.safeParse(value).success;

/**
 * The app's own state kept in `meta`, each checked as strictly as a table's rows: an imported row is read
 * back by the reminders and written into calendar files, so none may carry a value its schema refuses.
 */
export const META_STATE_CHECKS: Readonly<Record<string, (value: unknown) => RowCheck<unknown>>> = {
  [CALENDAR_EXPORT_KEY]: (value) =>
    checkKeyedState(
      CALENDAR_EXPORT_KEY,
      value,
      (uid) => CALENDAR_UID_PATTERN.test(uid),
      MAX_CALENDAR_EVENTS,
      (entry, path) => checkWith(calendarExportEntrySchema, entry, path),
    ),
  [REMINDER_STATE_KEY]: (value) => {
    const shape = checkWith(reminderStateSchema, value, [REMINDER_STATE_KEY]);
    if (!shape.ok) return shape;
    for (const part of ['notifiedAt', 'snoozedUntil', 'trackedSince'] as const) {
      const record = shape.row[part];
      if (record === undefined) continue;
      const checked = checkKeyedState(
        `${REMINDER_STATE_KEY}.${part}`,
        record,
        (key) => REMINDER_KEY_PATTERN.test(key),
        MAX_REMINDER_STATE_ENTRIES,
        (entry): RowCheck<number> =>
          isTime(entry)
            ? { ok: true, row: entry as number }
            : { ok: false, field: `${REMINDER_STATE_KEY}.${part}`, issue: { kind: 'invalid' } },
      );
      if (!checked.ok) return checked;
    }
    return shape;
  },
};

/**
 * `meta` rows that stay on this device and never go into a backup. The relay state holds the capability
 * secrets of this device's reminders on the relay, for this device's push subscription: on another device
 * they would be of no use (its pushes go to its own subscription) and would let whoever holds the file
 * change or delete this device's reminders. A restored device turns closed-app reminders on again itself.
 */
export const DEVICE_ONLY_META_KEYS: ReadonlySet<string> = new Set([RELAY_STATE_KEY]);
