/**
 * The reminder loop while a tab of the app is open. Loaded after the first screen (see reminders.svelte.ts).
 *
 * The loop runs every 30 seconds, when the tab comes back to the front, and whenever doses change. It
 * works out which doses are due and not yet announced and announces each once: a notification with Taken
 * and Snooze buttons where notifications are allowed (the service worker handles the buttons), else a
 * notice on screen. It does the same for the diary, closes notifications of doses logged in the app, keeps
 * the app badge, asks for the background check where the browser offers one, and keeps the reminder relay
 * in step with the medicines when closed-app reminders are on. The page decides what is
 * due, not the service worker: the worker sleeps most of the time and has no timer that survives.
 */
import { untrack } from 'svelte';
import { markNotified } from '../domain/reminder-state';
import {
  DIARY_REMINDER_ID,
  diaryNotificationId,
  findDoses,
  isDiaryReminderDue,
  NOTIFICATION_ACTIONS,
  type DoseOnDay,
  type NotificationData,
  type ScheduledDose,
} from '../domain/schedule';
import { DEVICE_ZONE } from '../domain/zoned-time';
import { diaryDb } from '../db';
import { isDayLogged, updateReminderState } from '../db/reminders-repository';
import { isolatedDoseName } from '../i18n/dose-name';
import { i18n } from '../i18n/locale.svelte';
import { currentLocalDate, nowMs } from '../platform/clock';
import * as platform from '../platform/notifications';
import { SW_MESSAGES } from '../platform/sw-messages';
import { closedAppReminders } from './closed-app-reminders.svelte';
import { doses } from './doses.svelte';
import { notices } from './notices.svelte';
import { router } from './router.svelte';
import { paths } from './routes';

class ReminderLoop {
  #isRunning = false;
  #runAgain = false;
  #isBackgroundCheckRegistered = false;
  #isStarted = false;
  #startedAt = 0;

  /** Start once for the page's life. */
  start(): void {
    if (this.#isStarted) return;
    this.#isStarted = true;
    this.#startedAt = nowMs();
    doses.follow();
    platform.onServiceWorkerMessage(SW_MESSAGES.openToday, () => router.navigate(paths.today()));
    $effect.root(() => {
      $effect(() => {
        // Check on every tick of the doses' clock and every change of the data.
        void [doses.now, doses.inputs, doses.reminderState];
        untrack(() => this.check());
      });
      $effect(() => {
        // Closed-app reminders follow every change of the medicines and reminders (a no-op when off).
        void doses.inputs;
        untrack(() => void closedAppReminders.sync());
      });
    });
  }

  check(): void {
    // A relay that could not be reached is tried again on a later tick (sync() waits between tries).
    if (closedAppReminders.isBehind) void closedAppReminders.sync();
    if (this.#isRunning) {
      this.#runAgain = true;
      return;
    }
    this.#isRunning = true;
    this.#announce()
      .catch(() => {
        // A failed check is tried again on the next tick; there is nothing the patient could do about it.
      })
      .finally(() => {
        this.#isRunning = false;
        if (this.#runAgain) {
          this.#runAgain = false;
          this.check();
        }
      });
  }

  async #announce(): Promise<void> {
    const inputs = doses.inputs;
    if (!inputs) return;
    const now = nowMs();
    const today = currentLocalDate();
    const timeZone = DEVICE_ZONE;
    const state = doses.reminderState;
    const t = i18n.t.reminders.notification;
    const registration = platform.notificationPermission() === 'granted' ? await platform.activeRegistration() : null;
    const isVisible = document.visibilityState === 'visible';
    const announced: string[] = [];

    const onScreen: { dose: DoseOnDay; name: string }[] = [];
    const context = { plans: doses.plans, logs: inputs.doseLogs, state, today, nowMs: now, timeZone };
    for (const dose of findDoses('to-notify', context)) {
      const name = isolatedDoseName(doses.medicationOf(dose.medicationId), dose);
      const data: NotificationData = { kind: 'dose', medicationId: dose.medicationId, scheduledFor: dose.scheduledFor };
      const isShown =
        registration !== null &&
        (await platform.showNotification(registration, {
          tag: dose.id,
          title: t.title(name),
          body: t.body(dose.time),
          data,
          actions: [
            { action: NOTIFICATION_ACTIONS.taken, title: t.taken },
            { action: NOTIFICATION_ACTIONS.snooze, title: t.snooze },
          ],
          renotify: state.notifiedAt[dose.id] !== undefined,
        }));
      if (isShown) announced.push(dose.id);
      // Due before the page opened on Today: the doses card there already says so (a snooze running out
      // is announced all the same).
      else if (isOnToday() && dose.dueAtMs < this.#startedAt && state.notifiedAt[dose.id] === undefined)
        announced.push(dose.id);
      else if (isVisible) onScreen.push({ dose, name });
    }
    // Without notifications, one notice on screen names every dose that just fell due.
    const [only] = onScreen;
    // Worded when drawn, so a notice still showing when the patient switches language follows it.
    const words = () => i18n.t.reminders.notification;
    const nameOf = (dose: ScheduledDose) => isolatedDoseName(doses.medicationOf(dose.medicationId), dose);
    const toToday = () => i18n.t.nav.today;
    if (onScreen.length === 1 && only) {
      const message = () => words().notice(words().title(nameOf(only.dose)), words().body(only.dose.time));
      notices.tell(
        message,
        () => words().taken,
        () => doses.markTaken(only.dose),
      );
    } else if (onScreen.length > 1) {
      const title = () => words().title(i18n.formatList(onScreen.map((item) => nameOf(item.dose))));
      if (isOnToday()) notices.tell(title);
      else notices.tell(title, toToday, () => router.navigate(paths.today()));
    }
    announced.push(...onScreen.map((item) => item.dose.id));

    const isTodayLogged = await isDayLogged(diaryDb, today);
    const diaryTag = diaryNotificationId(today);
    const diaryReminder = inputs.reminders.find((reminder) => reminder.id === DIARY_REMINDER_ID);
    if (isDiaryReminderDue(diaryReminder, isTodayLogged, state, today, now, timeZone)) {
      const data: NotificationData = { kind: 'diary' };
      const isShown =
        registration !== null &&
        (await platform.showNotification(registration, {
          tag: diaryTag,
          title: t.diaryTitle,
          body: t.diaryBody,
          data,
          actions: [],
          renotify: false,
        }));
      if (isShown) announced.push(diaryTag);
      // On Today the check-in card is the reminder; elsewhere a notice points to it.
      else if (isVisible && !isOnToday()) {
        notices.tell(
          () => words().diaryTitle,
          toToday,
          () => router.navigate(paths.today()),
        );
        announced.push(diaryTag);
      }
    }

    if (announced.length > 0) await updateReminderState(diaryDb, (current) => markNotified(current, announced, now));

    if (registration) {
      // Logged in the app (or another tab), or snoozed: the notification has had its answer for now.
      const logged = new Set(inputs.doseLogs.map((log) => log.id));
      const isSnoozed = (tag: string) => (state.snoozedUntil[tag] ?? 0) > now;
      await platform.closeNotifications(
        registration,
        (tag) => logged.has(tag) || isSnoozed(tag) || (isTodayLogged && tag === diaryTag),
      );
      // Tried on every check until it works: the app may be installed, or allowed, at any time.
      if (!this.#isBackgroundCheckRegistered)
        this.#isBackgroundCheckRegistered = await platform.registerBackgroundCheck(registration);
    }
    platform.setBadge(doses.today.filter((dose) => dose.state === 'due').length);
  }
}

function isOnToday(): boolean {
  return router.route.name === 'today';
}

export const reminderLoop = new ReminderLoop();
