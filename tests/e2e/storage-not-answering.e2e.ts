/**
 * Storage that never answers (a known WebKit failure, or an open queued behind another tab's blocked
 * upgrade): the app still starts, says what is wrong and what to do, keeps trying, and offers a reload once
 * the storage answers again. Provoked in Chromium by holding back every IndexedDB open the page makes
 * while a flag in localStorage says so.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HsDiary } from './page-models/hs-diary';
import { localDate, passTimeUntilVisible, readStoredDays, useE2E } from './support';

const e2e = useE2E();

/** Runs before the app: while localStorage has the flag, `indexedDB.open` returns a request that never answers. */
function holdBackOpens(): void {
  const factory = IDBFactory.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(factory, 'open');
  const open = descriptor?.value as (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) => IDBOpenDBRequest;
  factory.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    if (localStorage.getItem('e2e-hold-idb') !== 'yes') return open.apply(this, args);
    return new EventTarget() as IDBOpenDBRequest;
  };
}

async function holdBack(page: Page, isHeld: boolean): Promise<void> {
  await page.evaluate((held) => {
    if (held) localStorage.setItem('e2e-hold-idb', 'yes');
    else localStorage.removeItem('e2e-hold-idb');
  }, isHeld);
}

describe('storage that does not answer', () => {
  test('the app starts, says what to do, and offers a reload once the storage answers again', async () => {
    const { context, page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await app.day(localDate(-1)).log(5, 1);
    await app.goto('#/');
    await context.addInitScript(holdBackOpens);
    await holdBack(page, true);
    // The app waits a few seconds before it starts without the storage, and tries it again every few
    // seconds: the page's clock is moved on instead of the test sitting through those waits.
    await page.clock.install();

    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: app.t.storageAnswer.title });
    await passTimeUntilVisible(page, alert);
    expect(await alert.getByText(app.t.storageAnswer.whatToDo).isVisible()).toBe(true);
    // The app started in spite of it: the screen and the navigation are there.
    expect(await app.h1.isVisible()).toBe(true);
    expect(await page.getByRole('navigation').isVisible()).toBe(true);

    // The storage comes back: the next fresh open answers, and a reload is offered.
    await holdBack(page, false);
    await passTimeUntilVisible(page, alert.getByText(app.t.storageAnswer.answersAgain));
    await alert.getByRole('button', { name: app.t.storageAnswer.reload }).click();
    await app.h1.waitFor();
    await app.page.getByText(app.t.storageAnswer.title).waitFor({ state: 'detached' });
    expect((await readStoredDays(page)).map((day) => day.date)).toEqual([localDate(-1)]);
  });
});
