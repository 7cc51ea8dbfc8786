/**
 * The Chinese PDF font offline (issue 12, item 11; issue 14, item 4). Used in Chinese online once, the app
 * caches its font subset and the fontkit chunk, and a Chinese PDF is then made offline. English users never
 * download either. A device that never used Chinese says plainly, offline, why a Chinese PDF cannot be made.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HsDiary, type Lang } from './page-models/hs-diary';
import { SummaryScreen } from './page-models/summary';
import { seedDay, writeDays } from './page-models/trends';
import { localDate, useE2E, waitForServiceWorkerControl } from './support';

const e2e = useE2E({ serviceWorkers: 'allow' });
/** How long after the PDF's status a download may still arrive: it was started before the status was shown. */
const DOWNLOAD_GRACE_MS = 5_000;
const OUTPUT_DIR = mkdtempSync(join(tmpdir(), 'hs-cjk-font-'));

/** What the page has put in the font cache (file names). */
function cachedFonts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('hs-diary-fonts');
    return (await cache.keys()).map((request) => new URL(request.url).pathname.split('/').pop() ?? '');
  });
}

async function seedWeek(page: Page): Promise<void> {
  const days = Array.from({ length: 7 }, (_, index) =>
    seedDay(localDate(index - 7), 4, index === 3 ? { note: '左腋窝肿块破了，可以游泳吗？' } : {}),
  );
  await writeDays(page, days);
}

async function goOffline(app: HsDiary): Promise<void> {
  await e2e.stopServer();
  await app.page.context().setOffline(true);
}

async function makePdf(app: HsDiary, lang: Lang): Promise<{ status: string; text: string | null }> {
  const summary = new SummaryScreen(app);
  await summary.open();
  const download = app.page.waitForEvent('download', { timeout: 20_000 }).catch(() => null);
  await summary.button('pdf').click();
  const status = app.page.locator('.status[role="status"]');
  await status.filter({ hasNotText: app.t.summary.actions.makingPdf }).filter({ hasText: /\S/ }).waitFor();
  // The app starts the download before it shows the status, so a PDF that was made is on its way by now;
  // one that was refused never comes, and a short grace shows that without waiting out the 20 s.
  const file = await Promise.race([
    download,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), DOWNLOAD_GRACE_MS)),
  ]);
  let text: string | null = null;
  if (file) {
    const path = join(OUTPUT_DIR, `summary-${lang}.pdf`);
    await file.saveAs(path);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(OUTPUT_DIR, `summary-${lang}`)]);
    text = execFileSync('pdftotext', [path, '-']).toString().replace(/\s+/g, '');
  }
  return { status: (await status.textContent()) ?? '', text };
}

describe('the Chinese PDF font', () => {
  test('used in Chinese online once, a Chinese PDF is made offline', async () => {
    const { context, page } = await e2e.open('#/', { locale: 'zh-CN' });
    const app = new HsDiary(page, e2e.url, 'zh-CN');
    await waitForServiceWorkerControl(page);
    await seedWeek(page);
    // The subset and the fontkit chunk are cached in idle time after the first screen.
    await expect
      .poll(async () => (await cachedFonts(page)).join(' '), { timeout: 20_000 })
      .toMatch(/NotoSansSC-subset-.*\.ttf.*fontkit\.chunk-|fontkit\.chunk-.*NotoSansSC-subset-/);
    expect((await cachedFonts(page)).some((name) => name.startsWith('NotoSansSC_400Regular'))).toBe(false);

    await goOffline(app);
    const { status, text } = await makePdf(app, 'zh-CN');
    expect(status).not.toContain(app.t.summary.actions.pdfFailed);
    expect(status).toBe(app.t.summary.actions.pdfShared);
    expect(text).toContain('左腋窝肿块破了');
    expect(text).toContain(app.t.summary.heading.title.replace(/\s+/g, ''));
    // The full font was never asked for: the subset has every character of this summary.
    const requests = e2e.requestsOf(context);
    expect(requests.filter((url) => url.includes('NotoSansSC_400Regular'))).toEqual([]);
  });

  test('never used in Chinese: no font is downloaded, and offline the Chinese PDF says plainly why not', async () => {
    const { context, page } = await e2e.open('#/', { locale: 'en-GB' });
    const app = new HsDiary(page, e2e.url, 'en');
    await waitForServiceWorkerControl(page);
    await seedWeek(page);
    await app.reload();
    await app.today.heading.waitFor();
    expect(await cachedFonts(page)).toEqual([]);
    const fontRequests = () => e2e.requestsOf(context).filter((url) => /\.ttf$|fontkit\.chunk-/.test(url));
    expect(fontRequests()).toEqual([]);

    await goOffline(app);
    // An English summary with a Chinese note: made, the note's Chinese marked "?" (Helvetica has no □),
    // and the screen says which characters.
    const english = await makePdf(app, 'en');
    expect(english.text).toContain('Notesfromthediary');
    expect(english.text).toContain('??????');
    expect(english.status).toBe(app.t.summary.actions.notDrawn('左 腋 窝 肿 块 破 了 ， 可 以 游 泳 吗 ？'));

    await app.chooseLanguage('zh-CN');
    const chinese = await makePdf(app, 'zh-CN');
    expect(chinese.text).toBeNull();
    expect(chinese.status).toBe(app.t.summary.actions.fontOffline);
  });
});
