/**
 * Doses while a tab of the app is open: today's with their state, the ones missed in the last week, and
 * the verbs that log and snooze them. Loaded after the first screen (see reminders.svelte.ts); the
 * reminder loop that announces them is reminder-loop.svelte.ts.
 */
import { untrack } from 'svelte';
import { addDays } from '../domain/dates';
import type { Medication } from '../domain/medication';
import {
  EMPTY_REMINDER_STATE,
  markTracked,
  snoozeDose,
  untrackedMedications,
  type ReminderState,
} from '../domain/reminder-state';
import {
  dosePlans,
  findDoses,
  MISSED_DOSES_LOOKBACK_DAYS,
  type DoseOnDay,
  type DosePlan,
  type DoseQuery,
  type ScheduledDose,
} from '../domain/schedule';
import { DEVICE_ZONE, instantOf } from '../domain/zoned-time';
import { diaryDb } from '../db';
import {
  recordDoses,
  removeDoseLog,
  updateReminderState,
  watchReminderState,
  watchScheduleInputs,
  type ScheduleInputs,
} from '../db/reminders-repository';
import { deviceTimeZone, nowMs } from '../platform/clock';
import { activeRegistration } from '../platform/notifications';
import { subscriptionInfoOf } from '../platform/relay-api';
import { clock } from './clock.svelte';
import type { SnoozeOutcome } from './relay-actions';

const TICK_MS = 30_000;

type DoseStatus = 'taken' | 'skipped';

async function snoozeOnRelayFromPage(dose: ScheduledDose, now: number): Promise<SnoozeOutcome> {
  try {
    const [{ snoozeOnRelay }, registration] = await Promise.all([import('./relay-actions'), activeRegistration()]);
    const live = await registration?.pushManager.getSubscription();
    const { medicationId, scheduledFor } = dose;
    const subscription = live ? subscriptionInfoOf(live) : null;
    return await snoozeOnRelay(diaryDb, { medicationId, scheduledFor }, now, subscription, deviceTimeZone());
  } catch {
    return 'failed';
  }
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
    return findDoses(query, { ...context, timeZone: DEVICE_ZONE });
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
    await recordDoses(
      diaryDb,
      list.map((dose) => record(dose, status, status === 'taken' ? instantOf(dose.scheduledFor, DEVICE_ZONE) : now)),
    );
  }

  /**
   * Remind again in 15 minutes (on Today, and by notification where they are allowed). With closed-app
   * reminders on, the relay is also asked for that reminder: the patient may close the app before then.
   * Returns once the device has it; the relay's answer is `relayed` (a failed request is tried by no one,
   * and the open app still reminds).
   */
  async snooze(dose: ScheduledDose): Promise<void> {
    const now = nowMs();
    await updateReminderState(diaryDb, (state) => snoozeDose(state, dose.id, now));
    this.relayed = snoozeOnRelayFromPage(dose, now);
  }

  /** The relay's part of the last snooze (see `snooze`); for tests and nothing else to wait on. */
  relayed: Promise<SnoozeOutcome> = Promise.resolve('off');

  async undo(dose: ScheduledDose): Promise<void> {
    await removeDoseLog(diaryDb, dose.id);
  }
}

export const doses = new Doses();
