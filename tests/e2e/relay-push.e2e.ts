/**
 * Closed-app reminders end to end: the real relay (relay/relay.ts on an SQLite file in a temp folder)
 * serves the built app on 127.0.0.1; the patient turns on "Remind me when the app is closed" in Settings;
 * the page subscribes with the relay's VAPID key and gives the relay its reminders; the app is closed; the
 * relay's scheduler falls due and sends a real Web Push (VAPID-signed, aes128gcm-encrypted) to a fake push
 * service, which checks and decrypts it; that payload is delivered to the real service worker (CDP
 * `ServiceWorker.deliverPushMessage`), which shows the right medicine's notification with Taken and Snooze.
 * The patient is in New York (the browser's zone, not the machine's): the relay sends nothing a second
 * before the dose's local time and the push at it. Snooze, with the app closed, gives the relay a one-off
 * reminder for 15 minutes later; the relay sends it, the worker shows the dose again and deletes that
 * reminder on the relay. Taken writes the dose log. Last, a new push subscription while the app is closed:
 * the worker gives the relay every reminder again with it.
 *
 * One stand-in inside the browser: `PushManager.subscribe`, because a headless Chromium subscribes only
 * through Google's FCM, which this machine cannot reach. The stub returns a subscription on the fake push
 * service whose keys the test made, and records the key it was asked to subscribe with.
 *
 * The relay's clock is the test's: set ten minutes back while the page gives it the reminders, so a dose
 * due five minutes ago (by the machine's clock, which the service worker reads) is still to come for it;
 * then set to the instants that matter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { medicationsEn } from '../../src/lib/i18n/medications.en';
import { reminderSettingsEn } from '../../src/lib/i18n/reminder-settings.en';
import { DEFAULT_DIARY_TIME, DIARY_REMINDER_ID } from '../../src/lib/domain/schedule';
import { localDateTimeAt } from '../../src/lib/domain/zoned-time';
import { remindersEn } from '../../src/lib/i18n/reminders.en';
import { axeViolations } from './axe';
import { makeSubscriptionKeys, startFakePushService, type FakePushService } from './fake-push-service';
import {
  closeShownNotifications,
  pressNotificationButton,
  readDoseLogs,
  shownNotifications,
  writeMedications,
} from './page-models/reminders';
import {
  ACTION_TIMEOUT_MS,
  LAUNCH_OPTIONS,
  readStoredRows,
  VIEWPORT,
  waitForServiceWorkerControl,
  writeStoredRows,
} from './support';

/**
 * The relay's modules, imported by path at run time: relay/ is TypeScript for Node under its own
 * tsconfig (Node's fetch and Buffer types), which the app's tsconfig (DOM) that checks this file cannot
 * check, so only the little used here is typed here.
 */
interface RelayStore {
  close(): Promise<void>;
}
interface Relay {
  url: string;
  vapidPublicKey: string;
  scheduler: { tick(): Promise<{ scheduled: number; sent: number }> };
  close(): Promise<void>;
}
interface RelayModules {
  openStore: (options: { dataDir: string }) => Promise<RelayStore>;
  startRelay: (options: {
    store: RelayStore;
    appDir: string;
    isPushEndpoint: (url: URL) => boolean;
    clock: () => number;
  }) => Promise<Relay>;
}
async function relayModules(): Promise<RelayModules> {
  const [relayModule, storeModule] = (await Promise.all(
    ['relay/relay.ts', 'relay/store/open-store.ts'].map((path) => import(/* @vite-ignore */ resolve(path))),
  )) as [Pick<RelayModules, 'startRelay'>, Pick<RelayModules, 'openStore'>];
  return { startRelay: relayModule.startRelay, openStore: storeModule.openStore };
}

const t = reminderSettingsEn.settings;

/** The patient's zone, the browser's: not the machine's, so a time read in the wrong zone shows. */
const TIME_ZONE = 'America/New_York';

/** The dose: five minutes ago by the machine's clock, to the minute, as a wall-clock time in New York. */
const DUE_MS = Math.floor((Date.now() - 5 * 60_000) / 60_000) * 60_000;
const DUE_AT = localDateTimeAt(DUE_MS, TIME_ZONE);
const DUE_TIME = DUE_AT.slice(11, 16);
const START = localDateTimeAt(Date.now() - 30 * 86_400_000, TIME_ZONE).slice(0, 10);

let dataDir = '';
let store: RelayStore;
let relay: Relay;
let pushService: FakePushService;
let browser: Browser;
/** While the page gives the relay its reminders. */
const RELAY_CLOCK_BEHIND_MS = -10 * 60_000;
/** When set, the relay's clock stands at this instant. */
let relayNowMs: number | null = null;
const keys = makeSubscriptionKeys();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hs-diary-relay-e2e-'));
  pushService = await startFakePushService(keys);
  const { openStore, startRelay } = await relayModules();
  store = await openStore({ dataDir });
  relay = await startRelay({
    store,
    appDir: resolve('dist'),
    isPushEndpoint: (url) => url.origin === pushService.origin,
    clock: () => relayNowMs ?? Date.now() + RELAY_CLOCK_BEHIND_MS,
  });
  browser = await chromium.launch(LAUNCH_OPTIONS);
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await store?.close();
  await pushService?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface ReminderRow {
  id: string;
  times: string;
  time_zone: string;
  end_date: string | null;
  endpoint: string;
  next_due_ms: number | null;
}

/** The relay's SQLite tables as they are now: its reminders, and every row of every table as text. */
function readRelayTables(): { reminders: ReminderRow[]; everything: string } {
  const sqlite = new Database(join(dataDir, 'relay.sqlite'), { readonly: true });
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return {
      reminders: sqlite.prepare('SELECT * FROM reminders ORDER BY id').all() as ReminderRow[],
      everything: JSON.stringify(tables.map(({ name }) => sqlite.prepare(`SELECT * FROM "${name}"`).all())),
    };
  } finally {
    sqlite.close();
  }
}

/** Runs in the page before the app: a push subscription on the fake push service, with the test's keys. */
function stubPushManager(subscription: { endpoint: string; p256dh: string; auth: string }): void {
  const bytes = (text: string) =>
    Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)).buffer;
  const base64url = (buffer: ArrayBuffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  let current: object | null = null;
  const store = window as unknown as { __subscribedWith?: string[] };
  store.__subscribedWith = [];
  PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
    const key = options?.applicationServerKey as Uint8Array;
    const applicationServerKey = new Uint8Array(key).buffer;
    store.__subscribedWith?.push(`${String(options?.userVisibleOnly)} ${base64url(applicationServerKey)}`);
    current = {
      endpoint: subscription.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey },
      getKey: (name: string) => bytes(name === 'p256dh' ? subscription.p256dh : subscription.auth),
      unsubscribe: () => {
        current = null;
        return Promise.resolve(true);
      },
    };
    return Promise.resolve(current as PushSubscription);
  };
  PushManager.prototype.getSubscription = () => Promise.resolve(current as PushSubscription | null);
}

async function openApp(context: BrowserContext, hash: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await page.goto(`${relay.url}/${hash}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

/** The registration id CDP knows the app's service worker by. */
async function registrationId(page: Page): Promise<{ id: string; send: (data: string) => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const found = new Promise<string>((resolveId) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const mine = registrations.find((registration) => registration.scopeURL === `${relay.url}/`);
      if (mine && !mine.isDeleted) resolveId(mine.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const id = await found;
  return {
    id,
    send: async (data) => {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: `${relay.url}/`, registrationId: id, data });
    },
  };
}

describe('closed-app reminders through the real relay', () => {
  test('a reminder set in the app arrives at its local time with the app closed, shows the right medicine with its buttons, Snooze brings it back through the relay, Taken logs it, and a new subscription reaches the relay', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: TIME_ZONE });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const pageErrors: string[] = [];
    context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
    await context.grantPermissions(['notifications'], { origin: relay.url });
    const endpoint = `${pushService.origin}/push/device-1`;
    await context.addInitScript(stubPushManager, { endpoint, p256dh: keys.p256dh, auth: keys.auth });

    let page = await openApp(context, '#/');
    await waitForServiceWorkerControl(page);
    await writeMedications(
      page,
      [{ id: 'upa', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' }],
      [
        {
          id: 'upa-start',
          medicationId: 'upa',
          date: START,
          kind: 'start',
          dose: { amount: 15, unit: 'mg' },
          frequency: 'once-daily',
        },
      ],
    );
    // The diary reminder (on at 20:00 unless switched off) is off: between 20:00 and midnight in New York
    // it was due too, and its notification stood beside the dose's that this test follows.
    await writeStoredRows(page, {
      reminders: [
        { id: 'dose:upa', kind: 'dose', medicationId: 'upa', times: [DUE_TIME], days: [], enabled: true },
        { id: DIARY_REMINDER_ID, kind: 'diary', times: [DEFAULT_DIARY_TIME], days: [], enabled: false },
      ],
    });

    // Settings -> Reminders -> "Remind me when the app is closed", with the relay found beside the app.
    await page.goto(`${relay.url}/#/settings`);
    await page.reload();
    // What the first page's reminder check may have shown before the diary reminder was switched off (on a
    // busy machine it ran first): the reloaded page reads the reminders as seeded and shows nothing.
    await closeShownNotifications(page);
    const section = page.getByRole('region', { name: t.title, exact: true });
    const form = section.getByRole('form', { name: t.closedApp.title });
    await expect.poll(() => form.getByLabel(t.closedApp.address).inputValue()).toBe(`${relay.url}/relay/`);
    await form.getByRole('button', { name: t.closedApp.turnOn }).click();
    await section.getByText(t.closedApp.on(`${relay.url}/relay/`)).waitFor();
    await section.getByRole('button', { name: t.closedApp.turnOff }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __subscribedWith: string[] }).__subscribedWith)).toEqual([
      `true ${relay.vapidPublicKey}`,
    ]);
    await section.getByText(t.relay.on).waitFor();
    expect(await axeViolations(page, 'Settings (reminders reach a closed app)', ['light'])).toEqual([]);

    // What the relay holds: the subscription and the schedules in the patient's zone, no medicine.
    const [relayRow] = await readStoredRows<{ key: string; value: { reminders: Record<string, { id: string }> } }>(
      page,
      'meta',
    ).then((rows) => rows.filter((row) => row.key === 'relay'));
    const doseReminderId = relayRow?.value.reminders['dose:upa']?.id ?? '';
    expect(doseReminderId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const relayTables = readRelayTables();
    expect(relayTables.reminders.find((row) => row.id === doseReminderId)).toMatchObject({
      times: JSON.stringify([DUE_TIME]),
      time_zone: TIME_ZONE,
    });
    expect(relayTables.everything).toContain(endpoint);
    for (const word of ['Upadacitinib', 'upadacitinib', '"upa"', 'dose:upa', '"mg"'])
      expect(relayTables.everything).not.toContain(word);

    // The app is closed. A second before the dose's local time the relay sends nothing; at it, the push.
    const cdpPage = await context.newPage();
    const worker = await registrationId(cdpPage);
    await page.close();
    const pushesOf = (id: string) => pushService.received.filter((item) => item.text.includes(id));
    relayNowMs = DUE_MS - 1_000;
    await relay.scheduler.tick();
    expect(pushesOf(doseReminderId)).toEqual([]);
    relayNowMs = DUE_MS;
    const report = await relay.scheduler.tick();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(pushService.problems).toEqual([]);
    const push = pushService.received.find((item) => item.text.includes(doseReminderId));
    expect(push).toMatchObject({ path: '/push/device-1', vapidKey: relay.vapidPublicKey });
    expect(JSON.parse(push?.text ?? '{}')).toEqual({ reminder: doseReminderId, dueAtMs: DUE_MS });

    await worker.send(push?.text ?? '');
    const tag = `upa@${DUE_AT}`;
    const notification = remindersEn.notification;
    const name = `\u2068${medicationsEn.presetNames.upadacitinib}\u2069 15 mg`;
    const doseNotification = {
      title: notification.title(name),
      body: notification.body(DUE_TIME),
      tag,
      actions: [
        { action: 'taken', title: notification.taken },
        { action: 'snooze', title: notification.snooze },
      ],
      data: { kind: 'dose', medicationId: 'upa', scheduledFor: DUE_AT },
    };
    page = await openApp(context, '#/settings');
    await expect.poll(() => shownNotifications(page)).toEqual([doseNotification]);

    // Snooze with the app closed: the worker gives the relay a one-off reminder 15 minutes on (its own id,
    // that one time on that day, nothing about the dose).
    await page.close();
    const snoozedAtMs = Date.now();
    const remindersBefore = relayTables.reminders.length;
    // Pressed once the worker, with no page open, lists the notification (it may be a moment).
    await expect
      .poll(() =>
        pressNotificationButton(context, tag, 'snooze').then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await expect.poll(() => readRelayTables().reminders.length).toBe(remindersBefore + 1);
    const snoozeRow = readRelayTables().reminders.find((row) => row.end_date !== null);
    const snoozeDueMs = Number(snoozeRow?.next_due_ms);
    expect(snoozeDueMs - snoozedAtMs).toBeGreaterThanOrEqual(15 * 60_000 - 1_000);
    expect(snoozeDueMs - snoozedAtMs).toBeLessThanOrEqual(16 * 60_000 + 1_000);
    const snoozeLocal = localDateTimeAt(snoozeDueMs, TIME_ZONE);
    expect(snoozeRow).toMatchObject({
      times: JSON.stringify([snoozeLocal.slice(11, 16)]),
      end_date: snoozeLocal.slice(0, 10),
      time_zone: TIME_ZONE,
      endpoint,
    });
    for (const word of ['Upadacitinib', 'upadacitinib', '"upa"', 'dose:upa', '"mg"'])
      expect(readRelayTables().everything).not.toContain(word);

    // The relay's clock reaches it: one push, which shows the dose again; the worker then has the relay
    // delete that reminder.
    const snoozeId = snoozeRow?.id ?? '-';
    relayNowMs = snoozeDueMs - 1_000;
    await relay.scheduler.tick();
    expect(pushesOf(snoozeId)).toEqual([]);
    relayNowMs = snoozeDueMs;
    await relay.scheduler.tick();
    expect(pushesOf(snoozeId)).toHaveLength(1);
    const snoozePush = pushesOf(snoozeId)[0];
    expect(JSON.parse(snoozePush?.text ?? '{}')).toEqual({ reminder: snoozeRow?.id, dueAtMs: snoozeDueMs });
    await worker.send(snoozePush?.text ?? '');
    await expect.poll(() => readRelayTables().reminders.map((row) => row.id)).not.toContain(snoozeId);
    expect(readRelayTables().reminders).toHaveLength(remindersBefore);
    page = await openApp(context, '#/settings');
    await expect.poll(() => shownNotifications(page)).toEqual([doseNotification]);

    await pressNotificationButton(context, tag, 'taken');
    await expect
      .poll(() => readDoseLogs(page))
      .toEqual([{ id: tag, medicationId: 'upa', scheduledFor: DUE_AT, status: 'taken', at: expect.any(Number) }]);
    relayNowMs = null;
    await expect.poll(() => shownNotifications(page)).toEqual([]);

    // The browser replaces the push subscription while the app is closed: the worker's
    // pushsubscriptionchange listener subscribes again with the relay's key and gives the relay every
    // reminder with the new one, under the same ids and secrets. (A synthetic event in the real worker, whose
    // PushManager is stubbed as the page's is: a headless Chromium subscribes only through FCM.)
    await page.close();
    const before = readRelayTables().reminders;
    const newEndpoint = `${pushService.origin}/push/device-2`;
    const asked = await (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))).evaluate(
      async ({ endpoint, p256dh, auth }) => {
        const bytes = (text: string) =>
          Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)).buffer;
        const scope = self as unknown as {
          registration: ServiceWorkerRegistration;
          ExtendableEvent: new (type: string) => Event;
          dispatchEvent: (event: Event) => boolean;
          __subscribedWith?: string;
        };
        PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
          const key = new Uint8Array(options?.applicationServerKey as Uint8Array);
          scope.__subscribedWith = btoa(String.fromCharCode(...key))
            .replace(/\+/g, '-')
            .replace(/\//g, '_')
            .replace(/=+$/, '');
          return Promise.resolve({
            endpoint,
            options: { userVisibleOnly: true, applicationServerKey: key.buffer },
            getKey: (name: string) => bytes(name === 'p256dh' ? p256dh : auth),
          } as unknown as PushSubscription);
        };
        scope.dispatchEvent(new scope.ExtendableEvent('pushsubscriptionchange'));
        for (let tries = 0; tries < 100 && !scope.__subscribedWith; tries++)
          await new Promise((resolve) => setTimeout(resolve, 50));
        return scope.__subscribedWith;
      },
      { endpoint: newEndpoint, p256dh: keys.p256dh, auth: keys.auth },
    );
    expect(asked).toBe(relay.vapidPublicKey);
    await expect
      .poll(() => readRelayTables().reminders.map((row) => row.endpoint))
      .toEqual(before.map(() => newEndpoint));
    const after = readRelayTables().reminders as (ReminderRow & { secret_hash: string })[];
    expect(after.map((row) => [row.id, row.secret_hash, row.times])).toEqual(
      (before as (ReminderRow & { secret_hash: string })[]).map((row) => [row.id, row.secret_hash, row.times]),
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
