/**
 * What the service worker shows for a push from the reminder relay. The push says only which relay
 * reminder fell due and when (an opaque id, an instant); the words come from this device's own data: the
 * medication and its dose that day, in the patient's language, with the same tag, data and Taken / Snooze
 * buttons as the open app's notification, so a button does the same and the two never show twice.
 *
 * Nothing is shown for a push that no longer matches anything here: an id the device no longer has (a
 * reminder deleted while the relay could not be told), a dose that is not due at that instant any more
 * (the medication was interrupted or stopped, or its time moved, before the relay heard of it), a dose
 * already logged, a diary already written, or one the open app has already announced. Browsers ask that a
 * push subscribed `userVisibleOnly` show a notification, and Chrome may show its own "updated in the
 * background" line after several silent ones; a wrong or stale reminder ("Time for Upadacitinib" for a
 * paused medicine) would be worse than that line, and such pushes are rare: the app brings the relay in
 * step on every change and keeps a deleted reminder's secret until the relay confirms the deletion.
 *
 * A push for a snooze (a one-off relay reminder the worker made when Snooze was pressed, relay-actions.ts)
 * shows its dose again, as the open app does when a snooze runs out, unless it has been logged meanwhile
 * or the open app has already shown it again.
 */
import type { DiaryDatabase } from '../lib/db/database';
import { loadRelayState } from '../lib/db/relay-repository';
import {
  isDayLogged,
  loadReminderState,
  loadScheduleInputs,
  updateReminderState,
} from '../lib/db/reminders-repository';
import { loadSettings } from '../lib/db/settings-repository';
import { addDays } from '../lib/domain/dates';
import { endSnooze, markNotified, shouldNotify } from '../lib/domain/reminder-state';
import { keyOfRelayId, medicationOfKey, snoozeOfRelayId } from '../lib/domain/relay-plan';
import type { RelayPush } from '../lib/domain/relay-schedule';
import {
  diaryNotificationId,
  dosePlans,
  NOTIFICATION_ACTIONS,
  NOTIFY_WITHIN_MS,
  scheduledDoses,
  type NotificationData,
} from '../lib/domain/schedule';
import { pickLocale } from '../lib/domain/settings';
import { instantOf, localDateTimeAt } from '../lib/domain/zoned-time';
import { isolatedDoseNameWith } from '../lib/i18n/dose-words';
import { medicationsEn } from '../lib/i18n/medications.en';
import { medicationsZhCN } from '../lib/i18n/medications.zh-CN';
import { remindersEn } from '../lib/i18n/reminders.en';
import { remindersZhCN } from '../lib/i18n/reminders.zh-CN';

export interface RelayNotification {
  tag: string;
  title: string;
  body: string;
  data: NotificationData;
  actions: { action: string; title: string }[];
  /** Alert again under a tag already shown (a snoozed dose coming back). */
  renotify?: boolean;
}

/** The notification a relay push stands for, worded from this device's data, or `null` to show nothing. */
export async function notificationForRelayPush(
  db: DiaryDatabase,
  push: RelayPush,
  nowMs: number,
  languages: readonly string[],
): Promise<RelayNotification | null> {
  if (nowMs - push.dueAtMs > NOTIFY_WITHIN_MS) return null;
  const relay = await loadRelayState(db);
  if (!relay?.isOn) return null;
  const snooze = snoozeOfRelayId(relay, push.reminder);
  const key = snooze ? undefined : keyOfRelayId(relay, push.reminder);
  const entry = snooze ?? (key ? relay.reminders[key] : undefined);
  if (!entry) return null;
  const timeZone = entry.schedule.timeZone;
  const [settings, state] = await Promise.all([loadSettings(db), loadReminderState(db)]);
  const isChinese = pickLocale(settings.locale, languages) === 'zh-CN';
  const t = (isChinese ? remindersZhCN : remindersEn).notification;

  const medicationId = snooze ? snooze.medicationId : medicationOfKey(key ?? '');
  // A snooze stands for the dose snoozed; a dose reminder for the dose due at the push's instant.
  const dueDate = (snooze ? snooze.scheduledFor : localDateTimeAt(push.dueAtMs, timeZone)).slice(0, 10);
  const isThisDose = (dose: { scheduledFor: string }) =>
    snooze ? dose.scheduledFor === snooze.scheduledFor : instantOf(dose.scheduledFor, timeZone) === push.dueAtMs;
  // The relay's clock may run a little ahead of this device's: for it, a snooze's push is never early.
  const checkedAtMs = snooze ? Math.max(nowMs, snooze.dueAtMs) : nowMs;
  if (medicationId === undefined) {
    const tag = diaryNotificationId(dueDate);
    if ((await isDayLogged(db, dueDate)) || !shouldNotify(tag, state, nowMs)) return null;
    await updateReminderState(db, (current) => markNotified(current, [tag], nowMs));
    return { tag, title: t.diaryTitle, body: t.diaryBody, data: { kind: 'diary' }, actions: [] };
  }

  const today = localDateTimeAt(nowMs, timeZone).slice(0, 10);
  const inputs = await loadScheduleInputs(db, addDays(dueDate, -1));
  const plan = dosePlans(inputs, today > dueDate ? today : dueDate).find((item) => item.medicationId === medicationId);
  const dose = plan ? scheduledDoses(plan, addDays(dueDate, -1), addDays(dueDate, 1)).find(isThisDose) : undefined;
  if (!dose || inputs.doseLogs.some((log) => log.id === dose.id) || !shouldNotify(dose.id, state, checkedAtMs))
    return null;
  await updateReminderState(db, (current) =>
    markNotified(snooze ? endSnooze(current, dose.id, nowMs) : current, [dose.id], nowMs),
  );
  const medication = inputs.medications.find((item) => item.id === medicationId);
  const name = isolatedDoseNameWith(
    isChinese ? medicationsZhCN : medicationsEn,
    isChinese ? 'zh-CN' : 'en-GB',
    medication,
    dose,
  );
  return {
    tag: dose.id,
    title: t.title(name),
    body: t.body(dose.time),
    data: { kind: 'dose', medicationId, scheduledFor: dose.scheduledFor },
    actions: [
      { action: NOTIFICATION_ACTIONS.taken, title: t.taken },
      { action: NOTIFICATION_ACTIONS.snooze, title: t.snooze },
    ],
    ...(snooze ? { renotify: true } : {}),
  };
}
