/**
 * "Remind me when the app is closed" in Settings, against a fake relay (fetch) and a fake push service
 * (the browser's PushManager, which jsdom lacks): what it says, what it sends (never a name or dose),
 * keeping the relay in step after a change, and turning off.
 */
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { diaryDb } from '../../db';
import { addMedication, saveRegimenEvent } from '../../db/medications-repository';
import { loadRelayState, updateRelayState } from '../../db/relay-repository';
import { recordDose, saveReminder } from '../../db/reminders-repository';
import { reminderSettingsEn } from '../../i18n/reminder-settings.en';
import { reminderSettingsZhCN } from '../../i18n/reminder-settings.zh-CN';
import { i18n } from '../../i18n/locale.svelte';
import { localDateOf } from '../../domain/dates';
import { closedAppReminders, startedAfresh } from '../../state/closed-app-reminders.svelte';
import { notices } from '../../state/notices.svelte';
import RemindersSection from './RemindersSection.svelte';

const t = reminderSettingsEn.settings;
const VAPID_KEY = 'B'.repeat(87);
const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/device-1';

interface RelayCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

let calls: RelayCall[] = [];
let isRelayDown = false;
/** Requests under this path fail as if that relay were down. */
let downPath: string | null = null;
let permission: NotificationPermission = 'default';
let subscription: object | null = null;

function fakeRelay(): void {
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    if (isRelayDown || (downPath !== null && url.pathname.startsWith(downPath)))
      return Promise.reject(new TypeError('Failed to fetch'));
    const headers = new Headers(init.headers);
    calls.push({
      method: init.method ?? 'GET',
      path: url.pathname,
      authorization: headers.get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    if (url.pathname.endsWith('/relay/vapid-public-key'))
      return Promise.resolve(Response.json({ publicKey: VAPID_KEY }));
    if (url.pathname.includes('/relay/reminders/'))
      return Promise.resolve(
        new Response(init.method === 'DELETE' ? null : '{}', { status: init.method === 'DELETE' ? 204 : 201 }),
      );
    return Promise.resolve(new Response('not found', { status: 404 }));
  });
}

function fakePush(): void {
  const bytes = (length: number) => new Uint8Array(length).fill(7).buffer;
  const makeSubscription = (key: BufferSource) => ({
    endpoint: ENDPOINT,
    options: { applicationServerKey: key instanceof ArrayBuffer ? key : (key as Uint8Array).slice().buffer },
    getKey: (name: string) => (name === 'p256dh' ? bytes(65) : bytes(16)),
    unsubscribe: () => {
      subscription = null;
      return Promise.resolve(true);
    },
  });
  const registration = {
    active: {},
    pushManager: {
      getSubscription: () => Promise.resolve(subscription),
      subscribe: (options: { userVisibleOnly: boolean; applicationServerKey: BufferSource }) => {
        expect(options.userVisibleOnly).toBe(true);
        subscription = makeSubscription(options.applicationServerKey);
        return Promise.resolve(subscription);
      },
    },
  };
  vi.stubGlobal('PushManager', class {});
  vi.stubGlobal('Notification', {
    get permission() {
      return permission;
    },
    requestPermission: () => {
      permission = 'granted';
      return Promise.resolve(permission);
    },
  });
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      getRegistration: () => Promise.resolve(registration),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  });
}

const today = localDateOf(new Date());

beforeEach(async () => {
  await i18n.use('en');
  await Promise.all([
    diaryDb.reminders.clear(),
    diaryDb.meta.clear(),
    diaryDb.medications.clear(),
    diaryDb.regimenEvents.clear(),
  ]);
  calls = [];
  isRelayDown = false;
  downPath = null;
  permission = 'default';
  subscription = null;
  fakeRelay();
  fakePush();
  await addMedication(
    diaryDb,
    { id: 'med-upa', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' },
    {
      id: 'upa-start',
      medicationId: 'med-upa',
      date: '2026-01-05',
      kind: 'start',
      dose: { amount: 15, unit: 'mg' },
      frequency: 'once-daily',
    },
    today,
  );
});

afterEach(async () => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'serviceWorker');
  if (closedAppReminders.isOn) {
    isRelayDown = false;
    await closedAppReminders.turnOff();
  }
});

const WAIT = { timeout: 5_000 };

/** Press Turn on and wait until it has finished (the button then says Turn off). */
async function turnOn(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.click(await screen.findByRole('button', { name: t.closedApp.turnOn }, WAIT));
  await screen.findByRole('button', { name: t.closedApp.turnOff }, WAIT);
}

const puts = () => calls.filter((call) => call.method === 'PUT');
const deletes = () => calls.filter((call) => call.method === 'DELETE');

describe('closed-app reminders in Settings', () => {
  it('says what the relay knows and what it never knows, and offers the relay beside the app', async () => {
    render(RemindersSection);
    await screen.findByRole('heading', { name: t.closedApp.title }, WAIT);
    expect(screen.getByText(t.closedApp.knows)).toBeInTheDocument();
    expect(screen.getByText(t.closedApp.notKnows)).toBeInTheDocument();
    const form = screen.getByRole('form', { name: t.closedApp.title });
    expect(within(form).getByLabelText(t.closedApp.address)).toHaveValue(new URL('./relay/', document.baseURI).href);
    const relayItem = screen.getAllByRole('listitem').find((item) => item.textContent?.includes(t.relay.label));
    expect(relayItem).toHaveTextContent(t.relay.off);
    expect(screen.getByText(t.channelCalendar)).toBeInTheDocument();
  });

  it('turns on: asks for notifications, subscribes, and gives the relay times, days and zone, never a name or dose', async () => {
    render(RemindersSection);
    const user = userEvent.setup();
    await turnOn(user);
    expect(screen.getByRole('status')).toHaveTextContent(t.closedApp.on(new URL('./relay/', document.baseURI).href));
    expect(permission).toBe('granted');
    expect(puts()).toHaveLength(2);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const bodies = puts().map((call) => call.body);
    expect(bodies).toContainEqual({
      subscription: { endpoint: ENDPOINT, keys: { p256dh: expect.any(String), auth: expect.any(String) } },
      schedule: { times: ['08:00'], days: { everyDays: 1, anchor: '2026-01-05' }, timeZone: zone },
    });
    expect(bodies).toContainEqual(expect.objectContaining({ schedule: expect.objectContaining({ times: ['20:00'] }) }));
    // The bodies hold no medicine or dose, and the addresses only random ids (whose letters and digits
    // may spell "15" or "mg" by chance, so they are matched by shape, not searched).
    const sent = JSON.stringify(calls.map((call) => call.body));
    for (const word of ['Upadacitinib', 'upadacitinib', 'med-upa', '15', 'mg']) expect(sent).not.toContain(word);
    for (const call of calls) expect(call.path).toMatch(/^\/relay\/(?:vapid-public-key|reminders\/[A-Za-z0-9_-]{22})$/);
    // Each reminder has its own id and its own secret, made here and kept here.
    const secrets = puts().map((call) => call.authorization);
    expect(new Set(secrets).size).toBe(2);
    for (const secret of secrets) expect(secret).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
    const stored = (await diaryDb.meta.get('relay'))?.value as { reminders: Record<string, { secret: string }> };
    expect(Object.keys(stored.reminders).sort()).toEqual(['diary', 'dose:med-upa']);
    const relayItem = screen.getAllByRole('listitem').find((item) => item.textContent?.includes(t.relay.label));
    expect(relayItem).toHaveTextContent(t.relay.on);
    expect(screen.getByText(t.channelRelay)).toBeInTheDocument();
  });

  it('keeps the relay in step: an interruption deletes the medicine’s reminder, a resume makes a new one, a new time replaces it, a stop deletes it', async () => {
    render(RemindersSection);
    const user = userEvent.setup();
    await turnOn(user);
    const doseId = puts().find((call) => JSON.stringify(call.body).includes('"08:00"'))?.path;
    calls = [];
    await saveRegimenEvent(
      diaryDb,
      { id: 'pause', medicationId: 'med-upa', date: today, kind: 'interruption', reason: 'infection' },
      today,
    );
    await closedAppReminders.sync();
    expect(deletes().map((call) => call.path)).toEqual([doseId]);
    expect(puts()).toEqual([]);
    calls = [];
    await diaryDb.regimenEvents.delete('pause');
    await closedAppReminders.sync();
    expect(puts()).toHaveLength(1);
    expect(puts()[0]?.path).not.toBe(doseId);
    const resumedId = puts()[0]?.path;
    calls = [];
    await closedAppReminders.sync();
    expect(calls).toEqual([]);
    // A new dose time replaces the reminder under the same id; a stop deletes it.
    await saveReminder(diaryDb, {
      id: 'dose:med-upa',
      kind: 'dose',
      medicationId: 'med-upa',
      times: ['07:30'],
      days: [],
      enabled: true,
    });
    await closedAppReminders.sync();
    expect(puts().map((call) => [call.path, (call.body as { schedule: { times: string[] } }).schedule.times])).toEqual([
      [resumedId, ['07:30']],
    ]);
    calls = [];
    await saveRegimenEvent(
      diaryDb,
      { id: 'stop', medicationId: 'med-upa', date: today, kind: 'stop', reason: 'side-effect' },
      today,
    );
    await closedAppReminders.sync();
    expect(deletes().map((call) => call.path)).toEqual([resumedId]);
  });

  it('turns off: deletes every reminder on the relay, and tries again later when the relay is down', async () => {
    render(RemindersSection);
    const user = userEvent.setup();
    await turnOn(user);
    const ids = puts().map((call) => call.path);
    calls = [];
    isRelayDown = true;
    await user.click(screen.getByRole('button', { name: t.closedApp.turnOff }));
    await screen.findByRole('button', { name: t.closedApp.turnOn }, WAIT);
    expect(subscription).toBeNull();
    // Settings says the relay has not been told yet, instead of that it has.
    await waitFor(() => expect(notices.current?.message).toBe(t.closedApp.turnedOffPending));
    expect(screen.getByText(t.closedApp.pendingDeletes(2))).toBeInTheDocument();
    // The secrets are kept until the relay confirms.
    const kept = (await diaryDb.meta.get('relay'))?.value as { isOn: boolean; retired: unknown[] };
    expect(kept).toMatchObject({ isOn: false, reminders: {} });
    expect(kept.retired).toHaveLength(2);
    isRelayDown = false;
    // Not at once on the next tick, but a few minutes later.
    calls = [];
    await closedAppReminders.sync();
    expect(deletes()).toEqual([]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6 * 60_000);
    await closedAppReminders.sync();
    vi.useRealTimers();
    expect(
      deletes()
        .map((call) => call.path)
        .sort(),
    ).toEqual([...ids].sort());
    expect(await diaryDb.meta.get('relay')).toBeUndefined();
    await waitFor(() => expect(screen.queryByText(t.closedApp.pendingDeletes(2))).toBeNull());
  });

  it('tries deletes that failed again at the next start, and keeps an old relay’s when moving to another', async () => {
    render(RemindersSection);
    const user = userEvent.setup();
    await turnOn(user);
    const onOld = puts().map((call) => call.path);
    downPath = '/relay/';
    await user.click(screen.getByRole('button', { name: t.closedApp.turnOff }));
    await screen.findByRole('button', { name: t.closedApp.turnOn }, WAIT);

    // The patient moves to another relay while the old one is still down: turning on works, and the old
    // relay's reminders are still to delete there.
    calls = [];
    const field = screen.getByLabelText(t.closedApp.address);
    await user.clear(field);
    await user.type(field, new URL('/other/relay/', document.baseURI).href);
    await turnOn(user);
    expect(puts().map((call) => call.path.split('/reminders/')[0])).toEqual(['/other/relay', '/other/relay']);
    expect(screen.queryByRole('alert')).toBeNull();
    const kept = (await diaryDb.meta.get('relay'))?.value as { retired: { relayUrl?: string }[] };
    expect(kept.retired.map((entry) => entry.relayUrl)).toEqual([
      new URL('/relay/', document.baseURI).href,
      new URL('/relay/', document.baseURI).href,
    ]);

    // The next start (a new page: no memory of the failure, so no wait) deletes them on the old relay.
    downPath = null;
    calls = [];
    const nextStart = startedAfresh();
    await nextStart.sync();
    expect(
      deletes()
        .map((call) => call.path)
        .sort(),
    ).toEqual([...onOld].sort());
    expect(((await diaryDb.meta.get('relay'))?.value as { retired: unknown[] }).retired).toEqual([]);
  });

  it('deletes a snooze the service worker gave the relay once its dose is logged, and says when the subscription was lost', async () => {
    render(RemindersSection);
    const user = userEvent.setup();
    await turnOn(user);
    const snooze = {
      id: 'z'.repeat(22),
      secret: 'y'.repeat(43),
      schedule: { times: ['08:19'], days: { everyDays: 1, anchor: today }, timeZone: 'UTC', endDate: today },
      medicationId: 'med-upa',
      scheduledFor: `${today}T08:00`,
      dueAtMs: Date.now() + 60_000,
    };
    await updateRelayState(diaryDb, (current) => (current ? { ...current, snoozes: [snooze] } : current));
    calls = [];
    await closedAppReminders.sync();
    expect(calls).toEqual([]);
    await recordDose(diaryDb, {
      medicationId: 'med-upa',
      scheduledFor: snooze.scheduledFor,
      status: 'taken',
      at: Date.now(),
    });
    await closedAppReminders.sync();
    expect(deletes()).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(new RegExp(`/relay/reminders/${snooze.id}$`)),
        authorization: `Bearer ${snooze.secret}`,
      }),
    ]);
    expect(await loadRelayState(diaryDb)).toMatchObject({ snoozes: [], retired: [] });

    // The worker could not give the relay a new subscription: Settings asks to turn on again, until a
    // sync of this page has given the relay the subscription it sees.
    await updateRelayState(diaryDb, (current) => (current ? { ...current, isSubscriptionLost: true } : current));
    expect(await screen.findByText(t.closedApp.subscriptionLost, {}, WAIT)).toBeInTheDocument();
    const relayItem = screen.getAllByRole('listitem').find((item) => item.textContent?.includes(t.relay.label));
    expect(relayItem).toHaveTextContent(t.relay.behind);
    await closedAppReminders.sync();
    await waitFor(() => expect(screen.queryByText(t.closedApp.subscriptionLost)).toBeNull());
  });

  it('says when no relay answers, and refuses an address the app’s policy does not allow', async () => {
    isRelayDown = true;
    render(RemindersSection);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: t.closedApp.turnOn }, WAIT));
    expect(await screen.findByRole('alert', {}, WAIT)).toHaveTextContent(t.closedApp.problems.unreachable);
    const field = screen.getByLabelText(t.closedApp.address);
    await user.clear(field);
    await user.type(field, 'https://relay.elsewhere.example');
    await user.click(screen.getByRole('button', { name: t.closedApp.turnOn }));
    expect(await screen.findByRole('alert')).toHaveTextContent(t.closedApp.problems['not-allowed']);
    expect(await diaryDb.meta.get('relay')).toBeUndefined();
  });

  it('speaks Chinese when the app does', async () => {
    await i18n.use('zh-CN');
    render(RemindersSection);
    const zh = reminderSettingsZhCN.settings.closedApp;
    expect(await screen.findByRole('heading', { name: zh.title }, WAIT)).toBeInTheDocument();
    expect(screen.getByText(zh.notKnows)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: zh.turnOn })).toBeInTheDocument();
  });
});
