/**
 * The app's side of the reminder relay, pure: which relay reminders the device's reminders make, what the
 * device remembers about the ones it gave the relay, and what to send to bring the relay in step.
 *
 * One relay reminder per medication on a fixed schedule (all its dose times) and one for the diary, each
 * under a local key (`dose:<medicationId>`, `diary`). What a relay reminder says is a `RelaySchedule`
 * (times, days, zone, end date) and nothing else: the medication's id stays in the key, on the device; the
 * relay gets an opaque random id made for it (`newRelayId`). A medication interrupted or stopped, or whose
 * reminder is switched off, has no relay reminder, so its old one is deleted.
 *
 * The device keeps a reminder's capability secret until the relay has confirmed its deletion (`retired`),
 * so a delete that failed (offline, relay down) is tried again and never leaves an orphan sending pushes.
 *
 * A Snooze pressed on a notification while the app is closed becomes a one-off relay reminder (`snoozes`):
 * one time, on one day (anchor and end date the same local day), under its own id and secret. The relay
 * learns a time, nothing of the dose; the device keeps which dose it stands for and deletes it once it
 * has fired or the dose is logged.
 */
import * as z from 'zod/mini';
import { isIsoDate, type IsoDate } from './dates';
import type { Reminder } from './medication';
import { SNOOZE_MS } from './reminder-state';
import { relayPushSchema, relayScheduleSchema, type RelaySchedule } from './relay-schedule';
import {
  chosenWeekday,
  cycleAnchors,
  CYCLE_DAYS,
  DIARY_REMINDER_ID,
  diaryReminderTime,
  doseReminderId,
  doseLogId,
  doseTimes,
  firstDoseDate,
  type DosePlan,
} from './schedule';
import { localDateTimeAt } from './zoned-time';

/** The `meta` row that keeps the relay's address and the reminders given to it. Never in a backup. */
export const RELAY_STATE_KEY = 'relay';

const RELAY_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const RELAY_SECRET_PATTERN = /^[A-Za-z0-9_-]{43,128}$/;
const LOCAL_KEY_PATTERN = /^(?:dose:[A-Za-z0-9_.:@-]{1,80}|diary)$/;
/** Far more than one person's reminders; a state read back may not hold more. */
const MAX_RELAY_REMINDERS = 200;
/** Snoozes waiting on the relay at once: one per dose, and few doses are due together. */
const MAX_RELAY_SNOOZES = 50;
/** A snooze past due by this much has fired, or never will: the page's sync deletes it. */
const SNOOZE_DONE_AFTER_MS = 60 * 60_000;

const relayIdSchema = z.lazy(() => z.string().check(z.regex(RELAY_ID_PATTERN)));
const relaySecretSchema = z.lazy(() => z.string().check(z.regex(RELAY_SECRET_PATTERN)));

/** One reminder the relay holds: its opaque id, the secret that alone may change it, and what it was told. */
export const relayEntrySchema = z.lazy(() =>
  z.object({
    id: relayIdSchema,
    secret: relaySecretSchema,
    schedule: relayScheduleSchema,
  }),
);
export type RelayEntry = z.infer<typeof relayEntrySchema>;

/** A one-off relay reminder for a snoozed dose: which dose (kept here, never sent) and when it falls due. */
export const relaySnoozeSchema = z.lazy(() =>
  z.object({
    id: relayIdSchema,
    secret: relaySecretSchema,
    schedule: relayScheduleSchema,
    medicationId: z.string().check(z.minLength(1), z.maxLength(80)),
    scheduledFor: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)),
    dueAtMs: z.int().check(z.gte(0)),
  }),
);
export type RelaySnooze = z.infer<typeof relaySnoozeSchema>;

/** The push subscription's keys, so the service worker can give the relay a snooze on its own. */
const subscriptionKeysSchema = z.lazy(() =>
  z.object({
    p256dh: z.string().check(z.regex(/^[A-Za-z0-9_-]{80,100}$/)),
    auth: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,32}$/)),
  }),
);

export const relayStateSchema = z.lazy(() =>
  z.object({
    /**
     * Closed-app reminders are on. Off with deletes still to confirm, the row stays (no reminders, only
     * `retired`) until the relay has confirmed them all.
     */
    isOn: z.boolean(),
    /** The relay's API base, ending in `/` (`https://example.org/relay/`). */
    relayUrl: z.url({ protocol: /^https?$/ }),
    /** The push subscription's endpoint the reminders were given with; a new one means replacing them all. */
    endpoint: z.string().check(z.maxLength(1024)),
    /** By local key (`dose:<medicationId>`, `diary`). */
    reminders: z.record(z.string().check(z.regex(LOCAL_KEY_PATTERN)), relayEntrySchema),
    /**
     * Reminders to delete on the relay, kept until it confirms; `relayUrl` when they are on a relay the
     * device used before this one (the patient moved to another relay while the old one was unreachable).
     */
    retired: z
      .array(
        z.object({
          id: relayIdSchema,
          secret: relaySecretSchema,
          relayUrl: z.optional(z.url({ protocol: /^https?$/ })),
        }),
      )
      .check(z.maxLength(MAX_RELAY_REMINDERS)),
    /** The keys of the subscription at `endpoint` (absent in states written before snoozes reached the relay). */
    keys: z.optional(subscriptionKeysSchema),
    /** Snoozed doses the relay will remind of once (absent: none). */
    snoozes: z.optional(z.array(relaySnoozeSchema).check(z.maxLength(MAX_RELAY_SNOOZES))),
    /**
     * The browser replaced the push subscription while the app was closed and the service worker could not
     * give the relay the new one: Settings asks the patient to turn closed-app reminders on again.
     */
    isSubscriptionLost: z.optional(z.boolean()),
  }),
);
export type RelayState = z.infer<typeof relayStateSchema>;

/** The stored relay state, or `null` when there is none or it does not read back (then the relay is off). */
export function relayStateOrNull(value: unknown): RelayState | null {
  const parsed = relayStateSchema.safeParse(value);
  return parsed.success && Object.keys(parsed.data.reminders).length <= MAX_RELAY_REMINDERS ? parsed.data : null;
}

/** A local key's medication id, or `undefined` for the diary. */
export function medicationOfKey(key: string): string | undefined {
  return key.startsWith('dose:') ? key.slice('dose:'.length) : undefined;
}

/** base64url without padding. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A new opaque relay reminder id: 16 random bytes (22 characters). */
export function newRelayId(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)) {
  return base64url(random(new Uint8Array(16)));
}

/** A new capability secret: 32 random bytes (43 characters), made on the device and kept here. */
export function newRelaySecret(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  return base64url(random(new Uint8Array(32)));
}

/**
 * A medication's relay schedule for its current regimen: its dose times, on its cycle from the cycle's
 * first dose date; none unless it is on now with a fixed schedule and its reminder is on.
 */
export function doseRelaySchedule(plan: DosePlan, timeZone: string): RelaySchedule | null {
  const current = plan.phases.at(-1);
  if (plan.reminder?.enabled === false || !current?.isOngoing || current.kind !== 'on' || !current.frequency)
    return null;
  const cycleDays = CYCLE_DAYS[current.frequency];
  const anchor = cycleAnchors(plan.phases).get(current.startEventId);
  const times = doseTimes(current.frequency, plan.reminder);
  if (!cycleDays || !anchor || times.length === 0) return null;
  return {
    times,
    days: { everyDays: cycleDays, anchor: firstDoseDate(anchor, cycleDays, chosenWeekday(plan.reminder)) },
    timeZone,
  };
}

/** The diary's relay schedule: every day at its time, from today; none when it is switched off. */
export function diaryRelaySchedule(
  reminder: Reminder | undefined,
  today: IsoDate,
  timeZone: string,
): RelaySchedule | null {
  const time = diaryReminderTime(reminder);
  return time === null ? null : { times: [time], days: { everyDays: 1, anchor: today }, timeZone };
}

/** Every relay schedule the device's reminders make now, by local key. */
export function relaySchedules(
  plans: readonly DosePlan[],
  reminders: readonly Reminder[],
  today: IsoDate,
  timeZone: string,
): Map<string, RelaySchedule> {
  const schedules = new Map<string, RelaySchedule>();
  for (const plan of plans) {
    const schedule = doseRelaySchedule(plan, timeZone);
    if (schedule) schedules.set(doseReminderId(plan.medicationId), schedule);
  }
  const diary = diaryRelaySchedule(
    reminders.find((reminder) => reminder.id === DIARY_REMINDER_ID),
    today,
    timeZone,
  );
  if (diary) schedules.set(DIARY_REMINDER_ID, diary);
  return schedules;
}

/** Whether two schedules say the same (the diary's anchor moves daily but every day is every day). */
export function isSameSchedule(a: RelaySchedule, b: RelaySchedule): boolean {
  const everyDay = (schedule: RelaySchedule) =>
    'everyDays' in schedule.days && schedule.days.everyDays === 1 ? { everyDays: 1 } : schedule.days;
  const normal = (schedule: RelaySchedule) =>
    JSON.stringify([[...schedule.times].sort(), everyDay(schedule), schedule.timeZone, schedule.endDate ?? null]);
  return normal(a) === normal(b);
}

/**
 * The one-off relay schedule of a dose snoozed at `nowMs`: the wall-clock minute the snooze runs out
 * (rounded up, so the push never comes before the device lets it show), on that day only.
 */
export function snoozeRelaySchedule(nowMs: number, timeZone: string): { schedule: RelaySchedule; dueAtMs: number } {
  const dueAtMs = Math.ceil((nowMs + SNOOZE_MS) / 60_000) * 60_000;
  const local = localDateTimeAt(dueAtMs, timeZone);
  const date = local.slice(0, 10);
  if (!isIsoDate(date)) throw new Error(`snooze: no local date for ${dueAtMs}`);
  return {
    schedule: { times: [local.slice(11, 16)], days: { everyDays: 1, anchor: date }, timeZone, endDate: date },
    dueAtMs,
  };
}

/** The snooze a relay push is for, if it is one. */
export function snoozeOfRelayId(state: RelayState | null, id: string): RelaySnooze | undefined {
  return state?.snoozes?.find((snooze) => snooze.id === id);
}

/** The snoozes of one dose (a dose snoozed again replaces its snooze). */
export function snoozesOfDose(state: RelayState, medicationId: string, scheduledFor: string): RelaySnooze[] {
  const id = doseLogId(medicationId, scheduledFor);
  return (state.snoozes ?? []).filter((snooze) => doseLogId(snooze.medicationId, snooze.scheduledFor) === id);
}

/**
 * Snoozes the relay should no longer hold: all of them once closed-app reminders are off, else those whose
 * dose is logged and those well past due (the worker deletes a snooze when it fires; this catches one it
 * could not).
 */
export function finishedSnoozes(
  state: RelayState,
  nowMs: number,
  isLogged: (doseId: string) => boolean,
): RelaySnooze[] {
  return (state.snoozes ?? []).filter(
    (snooze) =>
      !state.isOn ||
      nowMs - snooze.dueAtMs > SNOOZE_DONE_AFTER_MS ||
      isLogged(doseLogId(snooze.medicationId, snooze.scheduledFor)),
  );
}

/** A reminder to delete: its id and secret, and the relay it is on when not the current one. */
export interface RelayCredential {
  id: string;
  secret: string;
  relayUrl?: string | undefined;
}

/** What to send to the relay: reminders to create (new id and secret), to replace, and to delete. */
export interface RelaySyncPlan {
  creates: { key: string; schedule: RelaySchedule }[];
  replaces: { key: string; entry: RelayEntry; schedule: RelaySchedule }[];
  deletes: RelayCredential[];
}

/**
 * Moving to the relay at `relayUrl`: what the device gave the one before is kept to delete there (retried
 * until that relay confirms), and nothing is yet on the new one. The same relay keeps everything.
 */
export function moveToRelay(
  current: RelayState | null,
  relayUrl: string,
): Pick<RelayState, 'reminders' | 'retired' | 'snoozes'> {
  if (!current) return { reminders: {}, retired: [], snoozes: [] };
  if (current.relayUrl === relayUrl)
    return { reminders: current.reminders, retired: current.retired, snoozes: current.snoozes ?? [] };
  const old = current.relayUrl;
  const onOld = [...Object.values(current.reminders), ...(current.snoozes ?? [])].map(({ id, secret }) => ({
    id,
    secret,
    relayUrl: old,
  }));
  const retired = [...current.retired.map((entry) => ({ ...entry, relayUrl: entry.relayUrl ?? old })), ...onOld];
  return { reminders: {}, retired: retired.slice(-MAX_RELAY_REMINDERS), snoozes: [] };
}

/**
 * From what the relay holds (`state`) to what the reminders make now (`wanted`): a new key is created, a
 * changed schedule (or every one, after the push subscription changed) replaced, a key gone deleted,
 * and deletes that failed before are tried again.
 */
export function planRelaySync(
  state: RelayState,
  wanted: ReadonlyMap<string, RelaySchedule>,
  endpoint: string,
): RelaySyncPlan {
  const plan: RelaySyncPlan = { creates: [], replaces: [], deletes: [...state.retired] };
  if (!state.isOn) wanted = new Map();
  const isNewEndpoint = state.endpoint !== endpoint;
  for (const [key, schedule] of wanted) {
    const entry = Object.hasOwn(state.reminders, key) ? state.reminders[key] : undefined;
    if (!entry) plan.creates.push({ key, schedule });
    else if (isNewEndpoint || !isSameSchedule(entry.schedule, schedule)) plan.replaces.push({ key, entry, schedule });
  }
  for (const [key, entry] of Object.entries(state.reminders))
    if (!wanted.has(key)) plan.deletes.push({ id: entry.id, secret: entry.secret });
  return plan;
}

/** Whether the plan has nothing to send. */
export function isInStep(plan: RelaySyncPlan): boolean {
  return plan.creates.length + plan.replaces.length + plan.deletes.length === 0;
}

/** The local key a relay push is for, or `undefined` for a reminder the device no longer has. */
export function keyOfRelayId(state: RelayState | null, id: string): string | undefined {
  if (!state) return undefined;
  return Object.entries(state.reminders).find(([, entry]) => entry.id === id)?.[0];
}

/** A push's payload as the worker reads it: `null` when it is not a relay push. */
export function readRelayPush(text: string | null | undefined) {
  if (!text) return null;
  try {
    const parsed = relayPushSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
