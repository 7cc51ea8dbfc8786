/**
 * The viewer a QR code opens treats its payload as hostile: a truncated, corrupted, oversized, zip-bomb or
 * future-version payload each gets its own message (in the browser's language), never a blank page or a
 * page error; nothing is written to IndexedDB (the database is not even opened); a valid one draws the
 * summary; axe finds nothing in light and dark; the costliest payloads a QR code can carry are drawn in
 * under 200 ms of main-thread work.
 */
import { deflateSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addDays } from '../../src/lib/domain/dates';
import { encodeSummary, SUMMARY_CODEC_VERSION } from '../../src/lib/domain/summary-codec';
import type { SummarySource } from '../../src/lib/domain/summary-source';
import { busyYear, longAgoMedicines } from '../factories/hostile-summary';
import { axeViolations } from './axe';
import { mainThreadWork } from './main-thread';
import { MESSAGES, type Lang } from './page-models/hs-diary';
import { useE2E } from './support';

const e2e = useE2E({ serviceWorkers: 'allow' });

function source(): SummarySource {
  const from = '2026-01-01';
  return {
    range: { from, to: '2026-03-31' },
    madeOn: '2026-03-31',
    resolution: 'daily',
    days: Array.from({ length: 90 }, (_, offset) => ({
      date: addDays(from, offset),
      pain: offset % 11,
      drainage: offset % 4,
      flare: offset % 9 === 0,
      regions: offset % 9 === 0 ? (['groin-left'] as const).slice() : [],
      interventions: [],
    })),
    weeks: [],
    medications: [
      {
        name: 'Adalimumab',
        presetId: 'adalimumab',
        drugClass: 'tnf',
        color: '#d55e00',
        events: [{ date: '2026-01-10', kind: 'start', dose: { amount: 40, unit: 'mg' }, frequency: 'weekly' }],
        baselineX100: 650,
        adherence: [],
      },
    ],
    questions: '<img src=x onerror=alert(1)>',
  };
}

/** A full page load of `url` (not a same-document hash change), as a scanned code gives. */
async function openFresh(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
}

const base64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function payloads(): Record<string, string> {
  // Links made before layout 3 carry deflated bytes, in base64url before the numeric form; both still open
  // (and are refused) as such.
  const layout2 = encodeSummary(source(), 'base64url', 2);
  const body = layout2.slice(2);
  const current = encodeSummary(source(), 'base64url').slice(2);
  const digits = encodeSummary(source()).slice(2);
  const changed = current[10] === 'A' ? 'B' : 'A';
  return {
    // The numeric form with a letter in its digits (a hand-edited or mangled link).
    'not-digits': `${SUMMARY_CODEC_VERSION}-${digits.slice(0, 20)}x${digits.slice(20)}`,
    // Cut on a base64 quantum, so what is left still decodes to bytes: a deflate stream that stops early.
    truncated: `2.${body.slice(0, Math.floor(body.length / 8) * 4)}`,
    corrupted: `2.${body.slice(0, 10)}${body.slice(10, 40).split('').reverse().join('')}${body.slice(40)}`,
    // Layout 3 with one character changed: its checksum no longer matches.
    'checksum-mismatch': `${SUMMARY_CODEC_VERSION}.${current.slice(0, 10)}${changed}${current.slice(11)}`,
    'too-large': `1.${'A'.repeat(9000)}`,
    'too-large-inflated': `1.${base64Url(deflateSync(new Uint8Array(2_000_000), { level: 9 }))}`,
    'future-version': `${SUMMARY_CODEC_VERSION + 1}.${body}`,
    'not-a-summary': 'hello',
  };
}

describe('viewer', () => {
  test('answers each broken payload with its own message, stores nothing', async () => {
    const cases = payloads();
    for (const lang of ['en', 'zh-CN'] as const satisfies Lang[]) {
      const context = await e2e.newContext({ locale: lang === 'en' ? 'en-GB' : 'zh-CN' });
      const page = await context.newPage();
      const t = MESSAGES[lang].summary.viewer;
      for (const [reason, payload] of Object.entries(cases)) {
        await openFresh(page, `${e2e.url}#/v/${payload}`);
        const failure = page.getByTestId('viewer-failure');
        await failure.waitFor();
        const expectedReason = reason === 'corrupted' ? /corrupted|truncated|invalid/ : new RegExp(`^${reason}$`);
        expect(await failure.getAttribute('data-reason')).toMatch(expectedReason);
        const shown = (await failure.getAttribute('data-reason')) as keyof typeof t.failures;
        await expect(failure.getByText(t.failures[shown], { exact: true }).count()).resolves.toBe(1);
      }
      expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    }
  });

  test('draws a valid summary as text only, offline-capable and without a database', async () => {
    const context = await e2e.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${e2e.url}#/v/${encodeSummary(source())}`);
    await page.getByTestId('summary-range').waitFor();
    // The questions are shown as the text they are, never as markup.
    await expect(page.getByText('<img src=x onerror=alert(1)>', { exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('main img').count()).resolves.toBe(0);
    await expect(page.getByText('Adalimumab').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('navigation').count()).resolves.toBe(0);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toEqual([]);
  });

  test("registers no service worker and shows no app notices on the clinician's phone", async () => {
    const context = await e2e.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${e2e.url}#/v/${encodeSummary(source())}`);
    await page.getByTestId('summary-range').waitFor();
    // Long enough for the app's idle-time registration, which the same page does once it leaves the viewer.
    await page.waitForTimeout(2500);
    await expect(page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).resolves.toBe(0);
    await expect(page.getByText(MESSAGES.en.pwa.offlineReady).count()).resolves.toBe(0);
    await page.evaluate(() => (location.hash = '#/'));
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 1, null, {
      timeout: 10_000,
    });
  });

  test('axe finds nothing on the viewer, light and dark, summary and failure', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    const found: string[] = [];
    for (const [what, payload] of [
      ['summary', encodeSummary(source())],
      ['failure', '2.abc'],
    ] as const) {
      await openFresh(page, `${e2e.url}#/v/${payload}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('[data-testid="summary-range"], [data-testid="viewer-failure"]').first().waitFor();
      found.push(...(await axeViolations(page, `Viewer (${what})`)));
    }
    expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
  });

  test('takes the payload out of the address bar and history once read; keeping it takes a tap', async () => {
    const context = await e2e.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const payload = encodeSummary(source());
    await openFresh(page, `${e2e.url}#/v/${payload}`);
    await page.getByTestId('summary-range').waitFor();
    const t = MESSAGES.en.summary.viewer;
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#/v/');
    await expect(page.getByTestId('viewer-privacy').getByText(t.forgotten).isVisible()).resolves.toBe(true);
    // The summary stays on screen while it is out of the address bar.
    await expect(page.getByText('Adalimumab').first().isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: t.keep }).click();
    await expect(page.evaluate(() => location.hash)).resolves.toBe(`#/v/${payload}`);
    await expect(page.getByTestId('viewer-privacy').getByText(t.kept).isVisible()).resolves.toBe(true);
    // Reloading without keeping it shows no summary: the tab did not hold on to it.
    await openFresh(page, `${e2e.url}#/v/${payload}`);
    await page.getByTestId('summary-range').waitFor();
    await page.reload();
    await expect(page.getByTestId('viewer-failure').getAttribute('data-reason')).resolves.toBe('empty');
  });

  test('draws the costliest payloads a QR code can carry in under 200 ms of main-thread work', async () => {
    const context = await e2e.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const hostile = {
      'medicines begun in 2000, changed 59 times in 2200': encodeSummary(longAgoMedicines()),
      'the same, weekly values': encodeSummary(longAgoMedicines('weekly')),
      'a year of flares with 720 interruptions and resumptions': encodeSummary(busyYear()),
    };
    // A scanned code opens a fresh page: the app's start and the summary, in one trace.
    const [first] = Object.values(hostile);
    const fresh = await mainThreadWork(page, async () => {
      await page.goto(`${e2e.url}#/v/${first}`);
      await page.getByTestId('summary-range').waitFor();
      await page.waitForTimeout(500);
    });
    const work: Record<string, number> = { 'fresh page': fresh.longestTaskMs };
    for (const [name, payload] of Object.entries(hostile)) {
      expect(payload.length).toBeLessThan(2331);
      await page.evaluate(() => (location.hash = '#/v/1.x'));
      await page.getByTestId('viewer-failure').waitFor();
      const measured = await mainThreadWork(page, async () => {
        await page.evaluate((next) => (location.hash = `#/v/${next}`), payload);
        await page.getByTestId('summary-range').waitFor();
        // The chart is drawn again at its measured width in a later frame: wait for it too.
        await page.waitForTimeout(500);
      });
      work[name] = measured.longestTaskMs;
    }
    expect(Object.entries(work).filter(([, ms]) => ms >= 200)).toEqual([]);
    // What is drawn is still the summary: the latest phases, the earlier ones a tap away.
    const phases = page.getByTestId('summary-phase');
    expect(await phases.count()).toBe(12 * 6);
    await page.getByRole('button', { name: 'Show 54 earlier phases' }).first().click();
    expect(await phases.count()).toBe(12 * 6 + 54);
  });
});
