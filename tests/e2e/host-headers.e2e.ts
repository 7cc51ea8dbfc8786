/**
 * The app served as deployed, with the headers the build writes for static hosts (`dist/_headers`): the
 * policy as a header too, where it can forbid framing (a `<meta>` policy cannot), and the usual hardening.
 * A page of another origin that frames the app gets nothing drawn; text is served compressed.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gotoApp, useE2E } from './support';

const e2e = useE2E();

let framingServer: Server;
let framingOrigin = '';

beforeAll(async () => {
  // Another origin (another port) whose page puts the app in an iframe, as a clickjacking page would.
  framingServer = createServer((request, response) => {
    const target = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('src') ?? '';
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>framing</title><iframe src="${encodeURI(target)}"></iframe>`);
  });
  await new Promise<void>((resolve) => framingServer.listen(0, '127.0.0.1', resolve));
  const address = framingServer.address();
  framingOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  framingServer.closeAllConnections();
  await new Promise((resolve) => framingServer.close(resolve));
});

describe('headers a host sends', () => {
  test('every response of the app carries the policy, with frame-ancestors, and the hardening headers', async () => {
    const { page } = await e2e.open('#/');
    const response = await page.request.get(e2e.url);
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['cache-control']).toBe('no-cache');
    const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[src]')?.src ?? '');
    const asset = await page.request.get(script);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('text is compressed as a real host compresses it: brotli when the browser takes it, else gzip', async () => {
    const { page } = await e2e.open('#/');
    const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[src]')?.src ?? '');
    const brotli = await page.request.get(script, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(brotli.headers()['content-encoding']).toBe('br');
    expect(brotli.headers()['vary']).toBe('Accept-Encoding');
    const gzip = await page.request.get(script, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers()['content-encoding']).toBe('gzip');
    expect(await gzip.text()).toBe(await brotli.text());
    const icon = await page.request.get(`${e2e.url}pwa-192.png`, { headers: { 'Accept-Encoding': 'br' } });
    expect(icon.headers()['content-encoding']).toBeUndefined();
  });

  test('another origin framing the app gets nothing drawn', async () => {
    // Not a watched context: the framing page is meant to be on another origin.
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      // The load event waits for the frame too, whether the app loads in it or is refused.
      await page.goto(`${framingOrigin}/?src=${encodeURIComponent(`${e2e.url}#/`)}`);
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
      expect(frame).toBeDefined();
      // Chromium puts its own "is blocked" page in the frame: nothing of the app's document is there.
      const hasApp = await frame?.evaluate(() => document.getElementById('app') !== null).catch(() => false);
      expect(hasApp).toBe(false);
      expect(frame?.url().startsWith(e2e.url)).toBe(false);
      // The same app opened directly is drawn: the test above would pass on a broken page, this one not.
      const direct = await context.newPage();
      await gotoApp(direct, `${e2e.url}#/`);
    } finally {
      await context.close();
    }
  });
});
