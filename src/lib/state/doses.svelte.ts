/**
 * Doses while a tab of the app is open: today's with their state, the ones missed in the last week, the
 * verbs that log them, and the reminder loop. Loaded after the first screen (see reminders.svelte.ts).
 *
 * The loop runs every 30 seconds, when the tab comes back to the front, and whenever doses change. It
 * works out which doses are due and not yet announced and announces each once: a notification with Taken
 * and Snooze buttons where notifications are allowed (the service worker handles the buttons), else a
 * notice on screen. It does the same for the diary, closes notifications of doses logged in the app, keeps
 * the app badge, and asks for the background check where the browser offers one. The page decides what is
 * due, not the service worker: the worker sleeps most of the time and has no timer that survives.
 */
import { untrack } from 'svelte';
import { addDays } from '../domain/dates';
import { calendarDrafts, planCalendar } from '../domain/calendar-plan';
import { ownValue } from '../domain/own-key';
import type { Medication, Reminder } from '../domain/medication';
import {
  EMPTY_REMINDER_STATE,
  markNotified,
  markTracked,
  snoozeDose,
  untrackedMedications,
  type ReminderState,
} from '../domain/reminder-state';
import {
  DIARY_REMINDER_ID,
  diaryNotificationId,
  dosePlans,
  doseReminderId,
  isDiaryReminderDue,
  findDoses,
  MISSED_DOSES_LOOKBACK_DAYS,
  NOTIFICATION_ACTIONS,
  type DoseOnDay,
  type DoseQuery,
  type DosePlan,
  type NotificationData,
  type ScheduledDose,
} from '../domain/schedule';
import { instantOf } from '../domain/zoned-time';
import { diaryDb } from '../db';
import {
  isDayLogged,
  loadCalendarExportState,
  loadScheduleInputs,
  recordDoses,
  removeDoseLog,
  saveCalendarExportState,
  saveReminder,
  updateReminderState,
  watchReminders,
  watchReminderState,
  watchScheduleInputs,
  type ScheduleInputs,
} from '../db/reminders-repository';
import { i18n } from '../i18n/locale.svelte';
import { currentLocalDate, deviceTimeZone, nowMs } from '../platform/clock';
import * as platform from '../platform/notifications';
import { SW_MESSAGES } from '../platform/sw-messages';
import { clock } from './clock.svelte';
import { notices } from './notices.svelte';
import { router } from './router.svelte';
import { paths } from './routes';

const TICK_MS = 30_000;

type DoseStatus = 'taken' | 'skipped';

/** "Upadacitinib 15 mg": the medication's name in the patient's language, with the dose of that day. */
export function doseName(medication: Medication | undefined, dose: Pick<DoseOnDay, 'phase'>): string {
  const t = i18n.t.medications;
  const name = (medication?.presetId && ownValue(t.presetNames, medication.presetId)) || medication?.name || '';
  const amount = dose.phase.dose;
  return amount ? `${name} ${t.doseText(i18n.formatNumber(amount.amount, 2), t.units[amount.unit], '')}` : name;
}

function record(dose: ScheduledDose, status: DoseStatus, at: number) {
  return { medicationId: dose.medicationId, scheduledFor: dose.scheduledFor, status, at };
}

class Doses {
  #inputs = $state.raw<ScheduleInputs | null>(null);
  #reminderState = $state.raw<ReminderState>(EMPTY_REMINDER_STATE);
  now = $state(nowMs());
  error = $state.raw<unknown>(null);
  #followers = 0;
  #stop: (() => void) | undefined;

  /** Follow the database and tick; every caller gets its own stop, and the last stop ends it all. */
  follow(): () => void {
    this.#followers += 1;
    if (this.#followers === 1) this.#stop = this.#start();
    let isStopped = false;
    return () => {
      if (isStopped) return;
      isStopped = true;
      this.#followers -= 1;
      if (this.#followers === 0) {
        this.#stop?.();
        this.#stop = undefined;
      }
    };
  }

  #start(): () => void {
    // From far enough back for "missed since your last visit", even after the tab stays open past midnight.
    const logsFrom = addDays(clock.today, -MISSED_DOSES_LOOKBACK_DAYS - 1);
    const onError = (error: unknown) => (this.error = error);
    const stopInputs = watchScheduleInputs(
      diaryDb,
      logsFrom,
      (inputs) => {
        this.#inputs = inputs;
        this.error = null;
        void this.#track(inputs);
      },
      onError,
    );
    const stopState = watchReminderState(diaryDb, (state) => (this.#reminderState = state), onError);
    const tick = () => (this.now = nowMs());
    tick();
    const timer = setInterval(tick, TICK_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      stopInputs();
      stopState();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }

  /** Mark medications seen for the first time as followed from now (see `trackedSince`). */
  async #track(inputs: ScheduleInputs): Promise<void> {
    const ids = inputs.medications.map((medication) => medication.id);
    if (untrackedMedications(ids, this.#reminderState).length === 0) return;
    const now = nowMs();
    await updateReminderState(diaryDb, (state) => markTracked(state, ids, now)).catch(() => undefined);
  }

  get inputs(): ScheduleInputs | null {
    return this.#inputs;
  }

  get reminderState(): ReminderState {
    return this.#reminderState;
  }

  get plans(): DosePlan[] {
    return this.#inputs ? dosePlans(this.#inputs, clock.today) : [];
  }

  #find(query: DoseQuery, now: number): DoseOnDay[] {
    const logs = this.#inputs?.doseLogs ?? [];
    const context = { plans: this.plans, logs, state: this.#reminderState, today: clock.today, nowMs: now };
    return findDoses(query, { ...context, timeZone: deviceTimeZone() });
  }

  get today(): DoseOnDay[] {
    return this.#find('today', this.now);
  }

  get missed(): DoseOnDay[] {
    // Every missed dose is before today, so the clock's ticks cannot change the list: not a dependency.
    return this.#find(
      'missed',
      untrack(() => this.now),
    );
  }

  medicationOf(medicationId: string): Medication | undefined {
    return this.#inputs?.medications.find((medication) => medication.id === medicationId);
  }

  /** Taken now: more than two hours after it was due, it shows as taken late. */
  async markTaken(dose: ScheduledDose): Promise<void> {
    await recordDoses(diaryDb, [record(dose, 'taken', nowMs())]);
  }

  async markSkipped(dose: ScheduledDose): Promise<void> {
    await recordDoses(diaryDb, [record(dose, 'skipped', nowMs())]);
  }

  /**
   * Answer for doses missed since the last visit. "Taken" is the patient saying they took it when it was
   * due, so it is recorded at its due time (not as late); "skipped" at the moment of the answer.
   */
  async confirmMissed(list: readonly ScheduledDose[], status: DoseStatus): Promise<void> {
    const now = nowMs();
    const timeZone = deviceTimeZone();
    await recordDoses(
      diaryDb,
      list.map((dose) => record(dose, status, status === 'taken' ? instantOf(dose.scheduledFor, timeZone) : now)),
    );
  }

  /** Remind again in 15 minutes (on Today, and by notification where they are allowed). */
  async snooze(dose: ScheduledDose): Promise<void> {
    const now = nowMs();
    await updateReminderState(diaryDb, (state) => snoozeDose(state, dose.id, now));
  }

  async undo(dose: ScheduledDose): Promise<void> {
    await removeDoseLog(diaryDb, dose.id);
  }
}

export const doses = new Doses();

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
    });
  }

  check(): void {
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
    const timeZone = deviceTimeZone();
    const state = doses.reminderState;
    const t = i18n.t.reminders.notification;
    const registration = platform.notificationPermission() === 'granted' ? await platform.activeRegistration() : null;
    const isVisible = document.visibilityState === 'visible';
    const announced: string[] = [];

    const onScreen: { dose: DoseOnDay; name: string }[] = [];
    const context = { plans: doses.plans, logs: inputs.doseLogs, state, today, nowMs: now, timeZone };
    for (const dose of findDoses('to-notify', context)) {
      const name = doseName(doses.medicationOf(dose.medicationId), dose);
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
    const nameOf = (dose: ScheduledDose) => doseName(doses.medicationOf(dose.medicationId), dose);
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

export interface CalendarTexts {
  calendarName: string;
  description: string;
  doseSummary: (name: string) => string;
  diarySummary: string;
}

/**
 * Share or download the .ics file of every reminder as it stands, replacing what the last file held (see
 * export/ics.ts). What it held is remembered only when the file was really shared or saved.
 */
export async function exportCalendar(texts: CalendarTexts): Promise<'shared' | 'downloaded' | 'cancelled'> {
  const today = currentLocalDate();
  const timeZone = deviceTimeZone();
  const [ics, inputs, previous] = await Promise.all([
    import('../export/ics'),
    loadScheduleInputs(diaryDb, today),
    loadCalendarExportState(diaryDb),
  ]);
  const diaryReminder = inputs.reminders.find((row) => row.id === DIARY_REMINDER_ID);
  const drafts = calendarDrafts(dosePlans(inputs, today), diaryReminder, today, {
    dose: (plan, current) =>
      texts.doseSummary(
        doseName(
          inputs.medications.find((row) => row.id === plan.medicationId),
          { phase: current },
        ),
      ),
    diary: texts.diarySummary,
  });
  const { events, next } = planCalendar(drafts, previous, today, timeZone);
  const text = ics.writeIcs(events, timeZone, today, nowMs(), {
    calendarName: texts.calendarName,
    description: texts.description,
  });
  const outcome = await ics.saveCalendarFile(text);
  if (outcome !== 'cancelled') await saveCalendarExportState(diaryDb, next);
  return outcome;
}
