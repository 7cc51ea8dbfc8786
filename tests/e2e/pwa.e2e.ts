/**
 * The app as an installable PWA under a sub-path: Chromium's own installability check, the manifest and its
 * icons, the service worker's scope, the Content-Security-Policy, and the update prompt (a new version never
 * reloads the page by itself). The build is served from a copy of dist/, so the update test can publish a
 * "new version" of the service worker without touching the real build.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DIST } from '../serve.mjs';
import { HsDiary } from './page-models/hs-diary';
import { BASE_PATH, localDate, readStoredDays, useE2E, waitForServiceWorkerControl } from './support';

const root = mkdtempSync(join(tmpdir(), 'hs-diary-e2e-dist-'));
cpSync(DIST, root, { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const e2e = useE2E({ root, serviceWorkers: 'allow' });

interface ManifestIcon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

interface WebManifest {
  id?: string;
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  icons?: ManifestIcon[];
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

describe('installable PWA', () => {
  test('Chromium finds no installability errors, and the service worker controls the sub-path', async () => {
    const { context, page } = await e2e.openPersistent('#/');
    await waitForServiceWorkerControl(page);
    // The app links its manifest once Today is up (src/lib/platform/web-manifest.ts); a page reloaded for the
    // worker to control it may not be that far yet.
    await page.locator('link[rel="manifest"]').waitFor({ state: 'attached' });

    const cdp = await context.newCDPSession(page);
    const installability = await cdp.send('Page.getInstallabilityErrors');
    expect(installability).toEqual({ installabilityErrors: [] });

    const registration = await page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration();
      return { scope: found?.scope, script: found?.active?.scriptURL };
    });
    expect(registration).toEqual({ scope: `${e2e.origin}${BASE_PATH}`, script: `${e2e.origin}${BASE_PATH}sw.js` });
  });

  test('the manifest has 192 and 512 PNG icons, a maskable icon, and start_url and scope inside /hs-diary/', async () => {
    const { page } = await e2e.open('#/');
    // Linked by the app once Today is up (src/lib/platform/web-manifest.ts).
    await page.locator('link[rel="manifest"]').waitFor({ state: 'attached' });
    const manifestUrl = await page.evaluate(
      () => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? null,
    );
    expect(manifestUrl, 'the document links a manifest').toBeTruthy();
    const response = await fetch(manifestUrl ?? '');
    expect(response.status).toBe(200);
    const manifest = (await response.json()) as WebManifest;
    const inside = (relative: string | undefined) => new URL(relative ?? '', manifestUrl ?? '').href;

    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url, 'start_url is set').toBeTruthy();
    expect(manifest.scope, 'scope is set').toBeTruthy();
    expect(inside(manifest.start_url)).toBe(`${e2e.origin}${BASE_PATH}`);
    expect(inside(manifest.scope)).toBe(`${e2e.origin}${BASE_PATH}`);

    const icons = manifest.icons ?? [];
    const purposes = (icon: ManifestIcon) => (icon.purpose ?? 'any').split(/\s+/);
    const find = (size: number, purpose: string) =>
      icons.find(
        (icon) =>
          icon.type === 'image/png' &&
          (icon.sizes ?? '').split(/\s+/).includes(`${size}x${size}`) &&
          purposes(icon).includes(purpose),
      );
    const required = { any192: find(192, 'any'), any512: find(512, 'any'), maskable: find(512, 'maskable') };
    expect(Object.fromEntries(Object.entries(required).map(([key, icon]) => [key, Boolean(icon)]))).toEqual({
      any192: true,
      any512: true,
      maskable: true,
    });

    // Each icon is really a PNG of the size it claims, served from inside the app's path.
    for (const icon of icons) {
      const iconUrl = inside(icon.src);
      expect(iconUrl.startsWith(`${e2e.origin}${BASE_PATH}`), iconUrl).toBe(true);
      const iconResponse = await fetch(iconUrl);
      expect(iconResponse.status, iconUrl).toBe(200);
      const size = pngSize(Buffer.from(await iconResponse.arrayBuffer()));
      const [width, height] = (icon.sizes ?? '0x0').split('x').map(Number);
      expect({ icon: icon.src, size }).toEqual({ icon: icon.src, size: { width, height } });
    }
  });

  test('the page carries a strict Content-Security-Policy, and the browser enforces it', async () => {
    const { context, page } = await e2e.open('#/');
    const policies = await page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy" i]'),
        (meta) => meta.content,
      ),
    );
    expect(policies).toHaveLength(1);
    const policy = directives(policies[0] ?? '');
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    const scriptSrc = policy.get('script-src') ?? [];
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(policy.has('script-src-elem')).toBe(false);
    expect(policy.has('script-src-attr')).toBe(false);

    // An injected inline script is refused, and the violation is seen by the listener every test relies on.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineScriptRan = true;';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __inlineScriptRan?: boolean }).__inlineScriptRan ?? false;
    });
    expect(ran).toBe(false);
    // Each policy that refused it reports it: the header the host sends and the page's own <meta>.
    const seen: string[] = [];
    await expect
      .poll(async () => {
        seen.push(...(await e2e.takeCspViolations(context)).map((violation) => violation.effectiveDirective));
        return seen;
      })
      .toEqual(['script-src-elem', 'script-src-elem']);
  });

  test('a new version waits for the patient: the page never reloads by itself, and Update now switches', async () => {
    const { page } = await e2e.open('#/');
    const app = new HsDiary(page, e2e.url);
    await waitForServiceWorkerControl(page);
    const prompt = page.getByText(app.t.pwa.updateReady, { exact: true });
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const isSameDocument = () =>
      page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

    const swFile = join(root, 'sw.js');
    const original = readFileSync(swFile, 'utf8');
    try {
      writeFileSync(swFile, `${original}\n// e2e: a new version ${Date.now()}\n`);
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      await prompt.waitFor();
      await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);
      expect(await isSameDocument(), 'the page did not reload when the update arrived').toBe(true);

      // While the patient has unsaved input the prompt steps aside; it comes back once the day is saved.
      await app.form.pain(4).click();
      await prompt.waitFor({ state: 'hidden' });
      await app.form.drainage(0).click();
      await app.form.save.click();
      await app.today.savedHeading.waitFor();
      await prompt.waitFor();

      await page.getByRole('button', { name: app.t.pwa.later, exact: true }).click();
      await prompt.waitFor({ state: 'hidden' });
      expect(await isSameDocument(), 'the page did not reload on "Later"').toBe(true);
      await expect(
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null),
        'the new version is still waiting',
      ).resolves.toBe(true);

      // The next visit offers it again; "Update now" hands over to the new worker and reloads once.
      await app.reload();
      await prompt.waitFor();
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      await page.getByRole('button', { name: app.t.pwa.updateNow, exact: true }).click();
      await page.waitForFunction(
        () => (window as unknown as { __sameDocument?: boolean }).__sameDocument === undefined,
      );
      await app.today.savedHeading.waitFor();
      await page.waitForFunction(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration?.waiting === null && navigator.serviceWorker.controller?.state === 'activated';
      });
      await expect(prompt.count()).resolves.toBe(0);
      expect((await readStoredDays(page)).map((day) => day.date)).toEqual([localDate(0)]);
    } finally {
      writeFileSync(swFile, original);
    }
  });
});
