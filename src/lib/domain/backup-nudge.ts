/** Whether Today should suggest a backup, from the times involved (`nowMs` is a parameter, not the clock). */
import { isInTheFuture } from './timestamps';

export const BACKUP_REMINDER_DAYS = 30;
/** A diary worth keeping: asking after the very first saved day reads as a nag, not as care. */
export const DAYS_WORTH_A_BACKUP = 7;
const MS_PER_DAY = 86_400_000;

export type BackupNudge = 'none' | 'reminder' | 'at-risk';

/**
 * Whether Today should suggest a backup: only once the diary holds a week of days, something was saved
 * since the last backup, that backup is more than a day old and the patient has not put the reminder off in
 * the last 30 days; then at once when the browser may clear the storage, else once the last backup is more
 * than 30 days old (or there never was one).
 */
export function backupNudge(input: {
  nowMs: number;
  lastBackupAt: number | undefined;
  lastBackupReminderAt: number | undefined;
  hasChangesSinceBackup: boolean;
  /** Days in the diary. */
  loggedDays: number;
  isStorageAtRisk: boolean;
}): BackupNudge {
  if (!input.hasChangesSinceBackup || input.loggedDays < DAYS_WORTH_A_BACKUP) return 'none';
  const window = BACKUP_REMINDER_DAYS * MS_PER_DAY;
  // A time later than now (a clock set wrong, or a value from an older app) is no backup and no "later".
  const known = (time: number | undefined) =>
    time === undefined || isInTheFuture(time, input.nowMs) ? undefined : time;
  const lastReminder = known(input.lastBackupReminderAt);
  const lastBackup = known(input.lastBackupAt);
  if (lastReminder !== undefined && input.nowMs - lastReminder < window) return 'none';
  if (lastBackup !== undefined && input.nowMs - lastBackup < MS_PER_DAY) return 'none';
  if (input.isStorageAtRisk) return 'at-risk';
  if (lastBackup === undefined || input.nowMs - lastBackup > window) return 'reminder';
  return 'none';
}
