/**
 * Closed-app reminders end to end: the real relay (relay/relay.ts on an SQLite file in a temp folder)
 * serves the built app on 127.0.0.1; the patient turns on "Remind me when the app is closed" in Settings;
 * the page subscribes with the relay's VAPID key and gives the relay its reminders; the app is closed; the
 * relay's scheduler falls due and sends a real Web Push (VAPID-signed, aes128gcm-encrypted) to a fake push
 * service, which checks and decrypts it; that payload is delivered to the real service worker (CDP
 * `ServiceWorker.deliverPushMessage`), which shows the right medicine's notification with Taken and Snooze;
 * Taken writes the dose log.
 *
 * One stand-in inside the browser: `PushManager.subscribe`, because a headless Chromium subscribes only
 * through Google's FCM, which this machine cannot reach. The stub returns a subscription on the fake push
 * service whose keys the test made, and records the key it was asked to subscribe with.
 *
 * The relay's clock is the test's: set ten minutes back while the page gives it the reminders, so a dose
 * due five minutes ago (by the machine's clock, which the service worker reads) is still to come for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { medicationsEn } from '../../src/lib/i18n/medications.en';
import { reminderSettingsEn } from '../../src/lib/i18n/reminder-settings.en';
import { remindersEn } from '../../src/lib/i18n/reminders.en';
import { makeSubscriptionKeys, startFakePushService, type FakePushService } from './fake-push-service';
import { pressNotificationButton, readDoseLogs, shownNotifications, writeMedications } from './page-models/reminders';
import {
  ACTION_TIMEOUT_MS,
  LAUNCH_OPTIONS,
  readStoredRows,
  TIME_ZONE,
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
  scheduler: { tick(): Promise<{ sent: number }> };
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

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const t = reminderSettingsEn.settings;

const pad = (value: number) => String(value).padStart(2, '0');
const localDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The dose: five minutes ago by the machine's clock, to the minute. */
const due = new Date(Date.now() - 5 * 60_000);
due.setSeconds(0, 0);
const DUE_TIME = `${pad(due.getHours())}:${pad(due.getMinutes())}`;
const DUE_AT = `${localDate(due)}T${DUE_TIME}`;
const START = localDate(new Date(Date.now() - 30 * 86_400_000));

let dataDir = '';
let store: RelayStore;
let relay: Relay;
let pushService: FakePushService;
let browser: Browser;
let relayClockOffsetMs = -10 * 60_000;
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
    clock: () => Date.now() + relayClockOffsetMs,
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
  test('a reminder set in the app arrives as a push, shows the right medicine with its buttons, and Taken logs it', async () => {
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
    await writeStoredRows(page, {
      reminders: [{ id: 'dose:upa', kind: 'dose', medicationId: 'upa', times: [DUE_TIME], days: [], enabled: true }],
    });

    // Settings -> Reminders -> "Remind me when the app is closed", with the relay found beside the app.
    await page.goto(`${relay.url}/#/settings`);
    await page.reload();
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
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

    // What the relay holds: the subscription and the schedules, no medicine.
    const [relayRow] = await readStoredRows<{ key: string; value: { reminders: Record<string, { id: string }> } }>(
      page,
      'meta',
    ).then((rows) => rows.filter((row) => row.key === 'relay'));
    const doseReminderId = relayRow?.value.reminders['dose:upa']?.id ?? '';
    expect(doseReminderId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const sqlite = new Database(join(dataDir, 'relay.sqlite'), { readonly: true });
    try {
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      const everything = JSON.stringify(tables.map(({ name }) => sqlite.prepare(`SELECT * FROM "${name}"`).all()));
      expect(everything).toContain(endpoint);
      expect(everything).toContain(DUE_TIME);
      for (const word of ['Upadacitinib', 'upadacitinib', '"upa"', 'dose:upa', '"mg"'])
        expect(everything).not.toContain(word);
    } finally {
      sqlite.close();
    }

    // The app is closed; the relay's clock reaches the dose and it sends the push.
    const cdpPage = await context.newPage();
    const worker = await registrationId(cdpPage);
    await page.close();
    relayClockOffsetMs = 0;
    const report = await relay.scheduler.tick();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(pushService.problems).toEqual([]);
    const push = pushService.received.find((item) => item.text.includes(doseReminderId));
    expect(push).toMatchObject({ path: '/push/device-1', vapidKey: relay.vapidPublicKey });
    expect(JSON.parse(push?.text ?? '{}')).toEqual({ reminder: doseReminderId, dueAtMs: due.getTime() });

    await worker.send(push?.text ?? '');
    const tag = `upa@${DUE_AT}`;
    const notification = remindersEn.notification;
    const name = `\u2068${medicationsEn.presetNames.upadacitinib}\u2069 15 mg`;
    page = await openApp(context, '#/settings');
    await expect
      .poll(() => shownNotifications(page))
      .toEqual([
        {
          title: notification.title(name),
          body: notification.body(DUE_TIME),
          tag,
          actions: [
            { action: 'taken', title: notification.taken },
            { action: 'snooze', title: notification.snooze },
          ],
          data: { kind: 'dose', medicationId: 'upa', scheduledFor: DUE_AT },
        },
      ]);

    await pressNotificationButton(context, tag, 'taken');
    await expect
      .poll(() => readDoseLogs(page))
      .toEqual([{ id: tag, medicationId: 'upa', scheduledFor: DUE_AT, status: 'taken', at: expect.any(Number) }]);
    await expect.poll(() => shownNotifications(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
