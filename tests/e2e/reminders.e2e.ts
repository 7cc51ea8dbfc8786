/**
 * Reminders in a real browser: with the page's clock under control, doses of upadacitinib (once daily),
 * adalimumab (weekly) and doxycycline (once daily) fall due at 08:00; the app shows one notification per
 * dose with Taken and Snooze buttons; pressing Taken inside the real service worker logs the dose without
 * opening anything; Today and the phase table's adherence follow; a snooze comes back 15 minutes later; an
 * interruption silences that medication the next morning; the doses of the day before come back as
 * missed. Also: the honesty panel, the calendar file, and axe on both screens.
 *
 * Two clocks: the page's is controlled (`page.clock`), the service worker's is the machine's. The page
 * decides what is due; the worker only stamps a Taken with its own time. The test's day is two days ahead
 * of the machine, so that stamp is never "late".
 */
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { axeViolations } from './axe';
import { HsDiary, type Lang } from './page-models/hs-diary';
import {
  pressNotificationButton,
  readDoseLogs,
  recordOnCard,
  RemindersSettings,
  shownNotifications,
  TodayDoses,
  writeMedications,
  type SeedEvent,
  type SeedMedication,
} from './page-models/reminders';
import { seedDay, TrendsScreen, writeDays } from './page-models/trends';
import { useE2E, waitForServiceWorkerControl } from './support';

const e2e = useE2E({ serviceWorkers: 'allow' });

/** A local date `offset` days from the machine's today (Node and the browser share the time zone). */
function dateFromToday(offset: number): string {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() + offset);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localTime(date: string, time: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return new Date(year, month - 1, day, hour, minute);
}

const DAY = dateFromToday(2);
const NEXT_DAY = dateFromToday(3);

const MEDICATIONS: SeedMedication[] = [
  { id: 'upa', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' },
  { id: 'ada', name: 'Adalimumab', presetId: 'adalimumab', drugClass: 'tnf', color: '#d55e00' },
  { id: 'doxy', name: 'Doxycycline', presetId: 'doxycycline', drugClass: 'antibiotic', color: '#009e73' },
];

const EVENTS: SeedEvent[] = [
  {
    id: 'upa-start',
    medicationId: 'upa',
    date: dateFromToday(-30),
    kind: 'start',
    dose: { amount: 15, unit: 'mg' },
    frequency: 'once-daily',
  },
  // Four weeks before the test's day: the same weekday, so a weekly dose is due on it.
  {
    id: 'ada-start',
    medicationId: 'ada',
    date: dateFromToday(2 - 28),
    kind: 'start',
    dose: { amount: 40, unit: 'mg' },
    frequency: 'weekly',
  },
  {
    id: 'doxy-start',
    medicationId: 'doxy',
    date: dateFromToday(-10),
    kind: 'start',
    dose: { amount: 100, unit: 'mg' },
    frequency: 'once-daily',
  },
];

const tag = (medicationId: string, date: string) => `${medicationId}@${date}T08:00`;

/** A context allowed to notify, its page's clock set to 07:58 on the test's day, the app installed with its worker. */
async function openAtSevenFiftyEight(lang: Lang = 'en') {
  const context = await e2e.newContext({ locale: lang });
  await context.grantPermissions(['notifications'], { origin: e2e.origin });
  const page = await context.newPage();
  await page.clock.install({ time: localTime(DAY, '07:58') });
  const app = new HsDiary(page, e2e.url, lang);
  await app.goto('#/');
  await waitForServiceWorkerControl(page);
  await writeMedications(page, MEDICATIONS, EVENTS);
  await app.reload();
  return { context, page, app, doses: new TodayDoses(app) };
}

describe('dose reminders', () => {
  test('a dose falls due, is notified with Taken and Snooze, Taken is logged by the worker, and an interruption silences it', async () => {
    const { context, page, app, doses } = await openAtSevenFiftyEight();
    const t = app.t.reminders;
    await doses.dose('Upadacitinib 15 mg', '08:00').waitFor();
    await expect
      .poll(() => doses.row('Upadacitinib 15 mg', '08:00').textContent())
      .toContain(t.doses.upcoming('08:00'));
    expect(await shownNotifications(page)).toEqual([]);

    // 08:00: one notification per dose, each with both buttons.
    await page.clock.fastForward('02:30');
    await expect
      .poll(async () => (await shownNotifications(page)).map((shown) => shown.tag).sort())
      .toEqual([tag('ada', DAY), tag('doxy', DAY), tag('upa', DAY)]);
    const upadacitinib = (await shownNotifications(page)).find((shown) => shown.tag === tag('upa', DAY));
    expect(upadacitinib).toEqual({
      // The name between FSI and PDI (issue 12, item 9).
      title: t.notification.title('\u2068Upadacitinib\u2069 15 mg'),
      body: t.notification.body('08:00'),
      tag: tag('upa', DAY),
      actions: [
        { action: 'taken', title: t.notification.taken },
        { action: 'snooze', title: t.notification.snooze },
      ],
      data: { kind: 'dose', medicationId: 'upa', scheduledFor: `${DAY}T08:00` },
    });

    // Taken, pressed on the notification: the service worker logs it, nothing opens, Today follows.
    const pagesBefore = context.pages().length;
    await pressNotificationButton(context, tag('upa', DAY), 'taken');
    await expect
      .poll(() => readDoseLogs(page))
      .toEqual([
        expect.objectContaining({
          id: tag('upa', DAY),
          medicationId: 'upa',
          scheduledFor: `${DAY}T08:00`,
          status: 'taken',
        }),
      ]);
    const [log] = await readDoseLogs(page);
    const takenAt = await page.evaluate(
      (at) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at),
      log?.at ?? 0,
    );
    await expect.poll(() => doses.row('Upadacitinib 15 mg', '08:00').textContent()).toContain(t.doses.taken(takenAt));
    await expect
      .poll(async () => (await shownNotifications(page)).map((shown) => shown.tag))
      .not.toContain(tag('upa', DAY));
    expect(context.pages()).toHaveLength(pagesBefore);

    // Snooze on Today: the notification goes, and comes back 15 minutes later.
    await doses.button('Adalimumab 40 mg', '08:00', 'snooze').click();
    await expect.poll(() => doses.row('Adalimumab 40 mg', '08:00').textContent()).toContain(t.doses.snoozed('08:15'));
    await page.clock.fastForward('01:00');
    await expect
      .poll(async () => (await shownNotifications(page)).map((shown) => shown.tag))
      .not.toContain(tag('ada', DAY));
    await page.clock.fastForward('15:00');
    await expect
      .poll(async () => (await shownNotifications(page)).map((shown) => shown.tag))
      .toContain(tag('ada', DAY));

    // The phase table counts the dose: 1 of 1 taken in upadacitinib's current phase.
    const trends = new TrendsScreen(app);
    await trends.open();
    await expect
      .poll(async () =>
        (await trends.phaseCards('Upadacitinib')).map((card) => card.figures[app.t.trends.phases.columns.adherence]),
      )
      .toEqual([app.t.trends.phases.adherence(1, 1, '100%')]);

    // The next morning upadacitinib is interrupted: no notification for it at 08:00, doxycycline's still comes.
    await page.clock.fastForward('23:00:00');
    await app.goto('#/medications');
    await recordOnCard(app, 'Upadacitinib', 'interruption', NEXT_DAY, 'infection');
    await app.goto('#/');
    await page.clock.fastForward('01:00:00');
    await expect
      .poll(async () => (await shownNotifications(page)).map((shown) => shown.tag))
      .toContain(tag('doxy', NEXT_DAY));
    expect((await shownNotifications(page)).map((shown) => shown.tag)).not.toContain(tag('upa', NEXT_DAY));
    await expect(doses.dose('Doxycycline 100 mg', '08:00').isVisible()).resolves.toBe(true);
    await expect(doses.dose('Upadacitinib 15 mg', '08:00').count()).resolves.toBe(0);

    // Yesterday's doses nobody answered come back as missed since the last visit; one tap answers them.
    await expect.poll(() => doses.missedCard.textContent()).toContain(t.doses.missedIntro(2));
    await doses.missedCard.getByRole('button', { name: t.doses.allSkipped, exact: true }).click();
    await expect(doses.missedCard.waitFor({ state: 'detached' })).resolves.toBeUndefined();
    expect((await readDoseLogs(page)).map((row) => [row.id, row.status]).sort()).toEqual([
      [tag('ada', DAY), 'skipped'],
      [tag('doxy', DAY), 'skipped'],
      [tag('upa', DAY), 'taken'],
    ]);
  }, 120_000);

  test('the calendar file holds a recurring event with an alarm per dose time and the diary', async () => {
    const { page, app } = await openAtSevenFiftyEight();
    await app.goto('#/settings');
    const settings = new RemindersSettings(app);
    const [download] = await Promise.all([page.waitForEvent('download'), settings.exportButton.click()]);
    expect(download.suggestedFilename()).toBe('hs-diary-reminders.ics');
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar
      .getAllSubcomponents('vevent')
      .map((event) => [
        String(event.getFirstPropertyValue('uid')),
        String(event.getFirstPropertyValue('rrule')),
        event.getFirstSubcomponent('valarm')?.getFirstPropertyValue('action'),
      ]);
    expect(events.sort()).toEqual([
      [
        'ada-0800@hs-diary',
        `FREQ=WEEKLY;BYDAY=${['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][localTime(DAY, '12:00').getDay()]}`,
        'DISPLAY',
      ],
      ['diary@hs-diary', 'FREQ=DAILY', 'DISPLAY'],
      ['doxy-0800@hs-diary', 'FREQ=DAILY', 'DISPLAY'],
      ['upa-0800@hs-diary', 'FREQ=DAILY', 'DISPLAY'],
    ]);
  });
});

describe.each(['en', 'zh-CN'] as const)('in %s', (lang: Lang) => {
  test('the honesty panel says what works here, and axe finds nothing on Today with doses or on Settings', async () => {
    const { page, app, doses } = await openAtSevenFiftyEight(lang);
    await writeDays(page, [seedDay(dateFromToday(1), 4)]);
    await page.clock.fastForward('02:30');
    await doses.button(lang === 'en' ? 'Upadacitinib 15 mg' : '乌帕替尼 15 毫克', '08:00', 'markTaken').click();
    await doses.card.waitFor();
    const found = await axeViolations(page, 'Today (doses due)');

    await app.goto('#/settings');
    const settings = new RemindersSettings(app);
    const t = settings.t;
    expect(await settings.capabilities()).toEqual([
      { label: t.inApp.label, verdict: `✓ ${t.works}`, text: t.inApp.text },
      { label: t.notifications.label, verdict: `✓ ${t.works}`, text: t.notifications.granted },
      // Chromium has Periodic Background Sync, but only for an installed app.
      { label: t.background.label, verdict: `! ${t.needsAction}`, text: t.background.installFirst },
      // Chromium has Web Push; closed-app reminders wait for a relay (tests/e2e/relay-push.e2e.ts).
      { label: t.relay.label, verdict: `! ${t.needsAction}`, text: t.relay.off },
      { label: t.calendar.label, verdict: `✓ ${t.works}`, text: t.calendar.text },
    ]);
    found.push(...(await axeViolations(page, 'Settings (reminders)')));
    expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
  }, 90_000);
});
