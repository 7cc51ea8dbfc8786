/**
 * What the service worker does with reminders, written as plain functions of the database and the time so
 * they can be tested and so the event listeners (reminders.ts) stay thin:
 * - a notification's Taken button logs the dose (same stable id as a tap in the app: one log, not two);
 * - its Snooze button records a snooze of 15 minutes, which the app's reminder loop turns into a new
 *   notification while a tab is open (a service worker cannot keep a timer running for 15 minutes); with
 *   closed-app reminders on, the relay also reminds once then (relay-actions.ts), tab or no tab;
 * - the background check (Periodic Background Sync, where the browser offers it) finds doses due in the
 *   last day that nobody logged or was told about, for one summary notification.
 */
import type { DiaryDatabase } from '../lib/db/database';
import { loadScheduleInputs, loadReminderState, recordDose, updateReminderState } from '../lib/db/reminders-repository';
import { loadSettings } from '../lib/db/settings-repository';
import { addDays, type IsoDate } from '../lib/domain/dates';
import { markNotified, snoozeDose } from '../lib/domain/reminder-state';
import { doseLogId, dosePlans, NOTIFICATION_ACTIONS, notificationDataSchema, findDoses } from '../lib/domain/schedule';
import { pickLocale } from '../lib/domain/settings';
import { localDateTimeAt } from '../lib/domain/zoned-time';
import { remindersEn } from '../lib/i18n/reminders.en';
import { remindersZhCN } from '../lib/i18n/reminders.zh-CN';

export type ActionOutcome = 'logged' | 'snoozed' | 'open';

/** Handle a tap on a notification: a button of a dose notification, or anything else (open the app). */
export async function handleNotificationAction(
  db: DiaryDatabase,
  data: unknown,
  action: string,
  nowMs: number,
): Promise<ActionOutcome> {
  const parsed = notificationDataSchema.safeParse(data);
  if (!parsed.success || parsed.data.kind !== 'dose') return 'open';
  const { medicationId, scheduledFor } = parsed.data;
  if (!medicationId || !scheduledFor) return 'open';
  if (action === NOTIFICATION_ACTIONS.taken) {
    await recordDose(db, { medicationId, scheduledFor, status: 'taken', at: nowMs });
    return 'logged';
  }
  if (action === NOTIFICATION_ACTIONS.snooze) {
    // The page's id for this dose, cut to 64 characters as the page cuts it, so the snooze reaches it.
    const id = doseLogId(medicationId, scheduledFor);
    await updateReminderState(db, (state) => snoozeDose(state, id, nowMs));
    return 'snoozed';
  }
  return 'open';
}

export interface MissedSummary {
  title: string;
  body: string;
  count: number;
}

/**
 * Doses due in the last 24 hours with nothing logged and no notification yet: a summary to show, or `null`.
 * Those doses are then marked as announced, so the next check does not repeat them.
 */
export async function checkMissedDoses(
  db: DiaryDatabase,
  nowMs: number,
  timeZone: string,
  languages: readonly string[],
): Promise<MissedSummary | null> {
  const today: IsoDate = localDateTimeAt(nowMs, timeZone).slice(0, 10);
  const [inputs, state, settings] = await Promise.all([
    loadScheduleInputs(db, addDays(today, -2)),
    loadReminderState(db),
    loadSettings(db),
  ]);
  const context = { plans: dosePlans(inputs, today), logs: inputs.doseLogs, state, today, nowMs, timeZone };
  const fresh = findDoses('unlogged', context).filter((dose) => state.notifiedAt[dose.id] === undefined);
  if (fresh.length === 0) return null;
  await updateReminderState(db, (current) =>
    markNotified(
      current,
      fresh.map((dose) => dose.id),
      nowMs,
    ),
  );
  const texts = pickLocale(settings.locale, languages) === 'zh-CN' ? remindersZhCN : remindersEn;
  return {
    title: texts.notification.missedTitle(fresh.length),
    body: texts.notification.missedBody,
    count: fresh.length,
  };
}
