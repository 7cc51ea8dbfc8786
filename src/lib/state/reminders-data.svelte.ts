/** The reminder rows as the schedule editors and Settings see them, and the saves those editors make. */
import type { Reminder } from '../domain/medication';
import { DIARY_REMINDER_ID, doseReminderId } from '../domain/schedule';
import { diaryDb } from '../db';
import { saveReminder, watchReminders } from '../db/reminders-repository';

/** The reminder rows, for the schedule editors and Settings. */
export class RemindersData {
  list = $state.raw<Reminder[]>([]);
  isLoaded = $state(false);

  follow(): () => void {
    return watchReminders(
      diaryDb,
      (list) => {
        this.list = list;
        this.isLoaded = true;
      },
      () => (this.isLoaded = true),
    );
  }

  find(id: string): Reminder | undefined {
    return this.list.find((reminder) => reminder.id === id);
  }
}

/** Save a medication's reminder: its own times (and weekday for the weekly kinds), or switched off. */
export function saveDoseReminder(
  medicationId: string,
  change: { times: string[]; days: number[]; enabled: boolean },
): Promise<Reminder> {
  return saveReminder(diaryDb, { id: doseReminderId(medicationId), kind: 'dose', medicationId, ...change });
}

export function saveDiaryReminder(change: { time: string; enabled: boolean }): Promise<Reminder> {
  return saveReminder(diaryDb, {
    id: DIARY_REMINDER_ID,
    kind: 'diary',
    times: [change.time],
    days: [],
    enabled: change.enabled,
  });
}
