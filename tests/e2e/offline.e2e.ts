/**
 * Offline: after the first visit the service worker serves the whole app, deep links included, and days
 * logged offline are kept. The server is stopped as well as the browser being set offline, because
 * `context.setOffline(true)` does not reliably cover the service worker's own fetches: with no server at all,
 * anything not served from the service worker's cache fails for real.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { TodayBanners } from './page-models/backup';
import { HsDiary } from './page-models/hs-diary';
import {
  gotoApp,
  layoutShiftOf,
  localDate,
  readStoredDays,
  useE2E,
  waitForServiceWorkerControl,
  watchLayoutShift,
} from './support';

const e2e = useE2E({ serviceWorkers: 'allow' });

async function isControlled(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

describe('offline', () => {
  test('after the first visit the app, its deep links and saving a day all work offline', async () => {
    const { context, page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await waitForServiceWorkerControl(page);

    await e2e.stopServer();
    await context.setOffline(true);
    await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(false);

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker(), 'the reload was answered by the service worker').toBe(true);
    await app.today.heading.waitFor();
    await app.form.save.waitFor();
    await expect(isControlled(page)).resolves.toBe(true);

    // Deep links, each opened as a fresh document in a new tab.
    for (const [hash, heading] of [
      ['#/diary', app.t.diary.title],
      ['#/settings', app.t.settings.title],
    ] as const) {
      const tab = await context.newPage();
      await gotoApp(tab, e2e.url + hash);
      await tab.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await expect(isControlled(tab), `${hash} is served by the service worker`).resolves.toBe(true);
      await tab.close();
    }

    await app.form.fill(2, 1);
    await app.form.save.click();
    await app.today.savedHeading.waitFor();

    await e2e.restartServer();
    await context.setOffline(false);
    await app.reload();
    await app.today.savedHeading.waitFor();
    expect(await app.today.savedPain()).toBe(2);
    const stored = await readStoredDays(page);
    expect(stored.map(({ date, pain, drainage }) => ({ date, pain, drainage }))).toEqual([
      { date: localDate(0), pain: 2, drainage: 1 },
    ]);
  });

  test('the first visit tells the patient the app now works offline, without moving the check-in', async () => {
    const { page } = await e2e.open('#/');
    await watchLayoutShift(page);
    const app = new HsDiary(page, e2e.url);
    await page.getByText(app.t.pwa.offlineReady, { exact: true }).waitFor();
    // Everything kept for after the first screen has arrived (the worker, the backup notices on Today)
    // and found its place without pushing the form down: a cumulative layout shift under 0.05.
    await new TodayBanners(app).firstRun.waitFor();
    const layoutShift = await layoutShiftOf(page);
    expect(layoutShift).toBeLessThan(0.05);
    await page.getByRole('button', { name: app.t.pwa.dismiss, exact: true }).click();
    await page.getByText(app.t.pwa.offlineReady, { exact: true }).waitFor({ state: 'detached' });
    await expect(
      page.evaluate(() => navigator.serviceWorker.ready.then((registration) => registration.active !== null)),
    ).resolves.toBe(true);
  });
});
