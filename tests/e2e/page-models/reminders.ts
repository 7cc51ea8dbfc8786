/**
 * Page models and helpers for reminders in the browser tests: Today's doses cards, the reminders section of
 * Settings, a medication card's schedule, what the service worker has on screen as notifications, and a
 * way to press a notification's button (a synthetic `notificationclick` dispatched inside the real worker,
 * since a headless browser has no notification to click). Names come from the app's own messages.
 */
import type { BrowserContext, Locator, Page, Worker } from 'playwright-core';
import { reminderSettingsEn } from '../../../src/lib/i18n/reminder-settings.en';
import { reminderSettingsZhCN } from '../../../src/lib/i18n/reminder-settings.zh-CN';
import { readStoredRows, writeStoredRows } from '../support';
import type { HsDiary, Lang, Messages } from './hs-diary';

export const REMINDER_SETTINGS: Record<Lang, typeof reminderSettingsEn> = {
  en: reminderSettingsEn,
  'zh-CN': reminderSettingsZhCN,
};

export interface SeedMedication {
  id: string;
  name: string;
  presetId?: string;
  drugClass: string;
  color: string;
}

export interface SeedEvent {
  id: string;
  medicationId: string;
  date: string;
  kind: 'start' | 'dose-change' | 'interruption' | 'resume' | 'stop';
  dose?: { amount: number; unit: string };
  frequency?: string;
  reason?: string;
}

/** Write medications and their events with the raw IndexedDB API (the app must have opened the database once). */
export async function writeMedications(page: Page, medications: SeedMedication[], events: SeedEvent[]): Promise<void> {
  await writeStoredRows(page, { medications, regimenEvents: events });
}

export interface StoredDoseLog {
  id: string;
  medicationId: string;
  scheduledFor: string;
  status: 'taken' | 'skipped';
  at: number;
}

/** The `doseLogs` rows as the database holds them, read with the raw IndexedDB API. */
export function readDoseLogs(page: Page): Promise<StoredDoseLog[]> {
  return readStoredRows<StoredDoseLog>(page, 'doseLogs');
}

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  actions: { action: string; title: string }[];
  data: unknown;
}

/** The notifications the service worker has on screen, as `registration.getNotifications()` reports them. */
export async function shownNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const shown = await registration.getNotifications();
    return shown.map((notification) => ({
      title: notification.title,
      body: notification.body,
      tag: notification.tag,
      actions: ((notification as Notification & { actions?: { action: string; title: string }[] }).actions ?? []).map(
        ({ action, title }) => ({ action, title }),
      ),
      data: notification.data as unknown,
    }));
  });
}

/** Close every notification the service worker has on screen, as the patient swiping them away does. */
export async function closeShownNotifications(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    for (const shown of await registration.getNotifications()) shown.close();
  });
}

async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/**
 * Press a button of a shown notification: inside the real service worker, dispatch a `notificationclick`
 * for that notification, so the worker's own listener (and the database code it calls) does the work.
 */
export async function pressNotificationButton(context: BrowserContext, tag: string, action: string): Promise<void> {
  const worker = await serviceWorkerOf(context);
  const found = await worker.evaluate(
    async ({ tag, action }) => {
      const scope = self as unknown as {
        registration: ServiceWorkerRegistration;
        NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
        dispatchEvent: (event: Event) => boolean;
      };
      const [notification] = await scope.registration.getNotifications({ tag });
      if (!notification) return false;
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification, action }));
      return true;
    },
    { tag, action },
  );
  if (!found) throw new Error(`No notification with tag ${tag} to press`);
}

/** Today's "Doses today" and "Missed since your last visit" cards. */
export class TodayDoses {
  constructor(private readonly app: HsDiary) {}

  private get t(): Messages['reminders']['doses'] {
    return this.app.t.reminders.doses;
  }

  get card(): Locator {
    return this.app.page.getByRole('region', { name: this.t.title, exact: true });
  }

  get missedCard(): Locator {
    return this.app.page.getByRole('region', { name: this.t.missedTitle, exact: true });
  }

  /** The buttons of one dose ("Upadacitinib 15 mg", "08:00"). */
  dose(name: string, time: string): Locator {
    return this.card.getByRole('group', { name: this.t.doseLabel(name, time), exact: true });
  }

  /** The row of one dose, with its name, time and status line. */
  row(name: string, time: string): Locator {
    const group = this.app.page.getByRole('group', { name: this.t.doseLabel(name, time), exact: true });
    return this.card.getByRole('listitem').filter({ has: group });
  }

  button(name: string, time: string, label: 'markTaken' | 'markSkipped' | 'snooze' | 'undo'): Locator {
    return this.dose(name, time).getByRole('button', { name: this.t[label], exact: true });
  }
}

/** The reminders section of Settings. */
export class RemindersSettings {
  constructor(private readonly app: HsDiary) {}

  get t(): typeof reminderSettingsEn.settings {
    return REMINDER_SETTINGS[this.app.lang].settings;
  }

  get section(): Locator {
    return this.app.page.getByRole('region', { name: this.t.title, exact: true });
  }

  /** Each capability of the honesty panel: its name, verdict and sentence. */
  async capabilities(): Promise<{ label: string; verdict: string; text: string }[]> {
    const items = this.section.locator('.honesty > li');
    await items.first().waitFor();
    return items.evaluateAll((list) =>
      list.map((item) => ({
        label: item.querySelector('strong')?.textContent?.trim() ?? '',
        verdict: item.querySelector('.verdict')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        text: item.querySelector('p:last-child')?.textContent?.trim() ?? '',
      })),
    );
  }

  get exportButton(): Locator {
    return this.section.getByRole('button', { name: this.t.export, exact: true });
  }
}

/** Record an event on one medication's card (the Medications screen may list several). */
export async function recordOnCard(
  app: HsDiary,
  medicationName: string,
  kind: 'interruption' | 'resume',
  date: string,
  reason?: string,
): Promise<void> {
  const t = app.t.medications;
  const card = app.page.getByRole('article', { name: medicationName, exact: true });
  await card.getByRole('button', { name: t.recordEvent, exact: true }).click();
  const form = card.getByRole('form', { name: t.recordEvent, exact: true });
  await form.getByRole('radio', { name: t.kindActions[kind], exact: true }).check();
  await form.locator('input[name=date]').fill(date);
  if (reason) await form.locator('select[name=reason]').selectOption(reason);
  await form.getByRole('button', { name: t.save, exact: true }).click();
  await form.waitFor({ state: 'detached' });
}
