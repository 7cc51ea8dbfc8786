/** When Today suggests a backup: something new since the last one, and not put off in the last 30 days. */
import { describe, expect, it } from 'vitest';
import { backupNudge } from './backup-nudge';

const DAY = 86_400_000;

describe('backupNudge', () => {
  const now = Date.UTC(2026, 10, 26, 9);
  const base = {
    nowMs: now,
    lastBackupAt: undefined,
    lastBackupReminderAt: undefined,
    hasChangesSinceBackup: true,
    loggedDays: 20,
    isStorageAtRisk: false,
  };

  it('reminds when there never was a backup or the last is over 30 days old, and there is something new', () => {
    expect(backupNudge(base)).toBe('reminder');
    expect(backupNudge({ ...base, lastBackupAt: now - 31 * DAY })).toBe('reminder');
    expect(backupNudge({ ...base, lastBackupAt: now - 29 * DAY })).toBe('none');
    expect(backupNudge({ ...base, hasChangesSinceBackup: false })).toBe('none');
  });

  it('warns at once when the storage is at risk, and stays quiet for 30 days after "Not now"', () => {
    expect(backupNudge({ ...base, lastBackupAt: now - DAY, isStorageAtRisk: true })).toBe('at-risk');
    expect(backupNudge({ ...base, lastBackupReminderAt: now - 29 * DAY, isStorageAtRisk: true })).toBe('none');
    expect(backupNudge({ ...base, lastBackupReminderAt: now - 31 * DAY })).toBe('reminder');
  });

  it('takes a last backup or "Not now" later than now as none, so a backup dated 2200 cannot silence it', () => {
    const in2200 = Date.UTC(2200, 0, 1);
    expect(backupNudge({ ...base, lastBackupAt: in2200 })).toBe('reminder');
    expect(backupNudge({ ...base, lastBackupReminderAt: in2200 })).toBe('reminder');
    // A few hours of clock difference is not "the future".
    expect(backupNudge({ ...base, lastBackupAt: now + 3_600_000 })).toBe('none');
  });

  it('asks only once the diary holds a week of days, and never within a day of a backup', () => {
    expect(backupNudge({ ...base, loggedDays: 1 })).toBe('none');
    expect(backupNudge({ ...base, loggedDays: 1, isStorageAtRisk: true })).toBe('none');
    expect(backupNudge({ ...base, loggedDays: 6 })).toBe('none');
    expect(backupNudge({ ...base, loggedDays: 7 })).toBe('reminder');
    // Backed up this morning, a day saved since, the browser may clear the storage: not again today.
    expect(backupNudge({ ...base, lastBackupAt: now - 3 * 3_600_000, isStorageAtRisk: true })).toBe('none');
    expect(backupNudge({ ...base, lastBackupAt: now - DAY - 1, isStorageAtRisk: true })).toBe('at-risk');
  });
});
