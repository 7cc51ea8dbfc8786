/**
 * Shared set-up for the browser tests. `useE2E()` (call it once at the top of a test file):
 *  - starts the static server for dist/ under /hs-diary/ once per file, and launches headless Chromium;
 *  - hands each test fresh browser contexts (fresh IndexedDB, 390x844 unless told otherwise);
 *  - watches every context it hands out: every request URL is recorded and any request to another origin
 *    fails the test (data: and blob: are fine), `securitypolicyviolation` events are collected (into
 *    `window.__cspViolations` by an init script, and reported to Node as they happen, so a reload loses
 *    none), and so are uncaught page errors; after each test the contexts are closed and all three lists
 *    must be empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type LaunchOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromiumPath } from '../ensure-chromium.mjs';
import { startServer } from '../serve.mjs';

export const BASE_PATH = '/hs-diary/';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: chromiumPath(),
  args: CHROMIUM_ARGS,
  headless: true,
};

/** The phone-sized viewport every test uses unless it says otherwise. */
export const VIEWPORT = { width: 390, height: 844 };

/** How long a locator or navigation may wait: the app answers in well under a second on this machine. */
export const ACTION_TIMEOUT_MS = 10_000;

/** The machine's time zone, passed to the browser explicitly so Node and the page agree on "today". */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface CspViolation {
  violatedDirective: string;
  effectiveDirective: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
  sample: string;
  documentURI: string;
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
    __reportCspViolation?: (violation: CspViolation) => Promise<void>;
    __layoutShift?: number;
  }
}

/** Runs in every document before the app: keeps every CSP violation the page reports. */
function listenForCspViolations(): void {
  const violations: CspViolation[] = [];
  window.__cspViolations = violations;
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const violation: CspViolation = {
        violatedDirective: event.violatedDirective,
        effectiveDirective: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
        lineNumber: event.lineNumber,
        sample: event.sample,
        documentURI: event.documentURI,
      };
      violations.push(violation);
      void window.__reportCspViolation?.(violation);
    },
    true,
  );
}

interface Watched {
  context: BrowserContext;
  requests: string[];
  foreignRequests: string[];
  pageErrors: string[];
  cspViolations: CspViolation[];
}

export interface Opened {
  context: BrowserContext;
  page: Page;
}

export interface E2E {
  /** The app's address, e.g. http://127.0.0.1:41234/hs-diary/ */
  readonly url: string;
  readonly origin: string;
  readonly browser: Browser;
  /** The folder the server serves (dist/ unless `useE2E({ root })` said otherwise). */
  readonly root: string | undefined;
  /** A fresh, watched browser context (closed and checked after the test). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A fresh, watched context with one page opened at `hash` (default "#/"), once the app has drawn a screen. */
  open(hash?: string, options?: BrowserContextOptions): Promise<Opened>;
  /** A persistent context in a throw-away profile (installability checks need one), watched like the others. */
  openPersistent(hash?: string): Promise<Opened>;
  /** Every request URL the given context made so far. */
  requestsOf(context: BrowserContext): readonly string[];
  /**
   * Hand over (and forget) the CSP violations seen so far in `context`, for a test that provokes one on
   * purpose; anything not taken this way fails the test.
   */
  takeCspViolations(context: BrowserContext): Promise<CspViolation[]>;
  /** Stop the server: the network is really gone, whatever the browser thinks. */
  stopServer(): Promise<void>;
  /** Start the server again on the same port, so the origin (and its storage) stays the same. */
  restartServer(): Promise<void>;
}

/** Load `url` and wait until the app has replaced the start-up text with a screen (an h1). */
export async function gotoApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/**
 * `serviceWorkers`: whether pages may register the app's service worker. Blocked unless a file asks: a
 * worker that installs precaches the whole build in every new context, work most tests do not test
 * (and a test that needs it, offline or notifications, says so).
 */
export function useE2E(options: { root?: string; serviceWorkers?: 'allow' | 'block' } = {}): E2E {
  const serviceWorkers = options.serviceWorkers ?? 'block';
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let port = 0;
  let origin = '';
  let url = '';
  const watched: Watched[] = [];
  const profiles: string[] = [];

  async function serve(): Promise<void> {
    server = await startServer({ base: BASE_PATH, port, ...(options.root ? { root: options.root } : {}) });
    port = Number(new URL(server.origin).port);
    origin = server.origin;
    url = server.url;
  }

  function isAllowed(requestUrl: string): boolean {
    if (requestUrl.startsWith('data:') || requestUrl.startsWith('blob:')) return true;
    try {
      return new URL(requestUrl).origin === origin;
    } catch {
      return false;
    }
  }

  async function watch(context: BrowserContext): Promise<Watched> {
    const entry: Watched = {
      context,
      requests: [],
      foreignRequests: [],
      pageErrors: [],
      cspViolations: [],
    };
    watched.push(entry);
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.on('request', (request) => {
      const requestUrl = request.url();
      entry.requests.push(requestUrl);
      if (!isAllowed(requestUrl)) entry.foreignRequests.push(requestUrl);
    });
    const watchPage = (page: Page) => {
      page.on('pageerror', (error) => entry.pageErrors.push(`${page.url()}: ${error.stack ?? error.message}`));
    };
    context.on('page', watchPage);
    context.pages().forEach(watchPage);
    await context.exposeBinding('__reportCspViolation', (_source, violation: CspViolation) => {
      entry.cspViolations.push(violation);
    });
    await context.addInitScript(listenForCspViolations);
    return entry;
  }

  const api: E2E = {
    get url() {
      return url;
    },
    get origin() {
      return origin;
    },
    get browser() {
      if (!browser) throw new Error('The browser is not running: call useE2E() at the top of the test file.');
      return browser;
    },
    get root() {
      return options.root;
    },
    async newContext(contextOptions: BrowserContextOptions = {}) {
      const context = await api.browser.newContext({
        viewport: VIEWPORT,
        timezoneId: TIME_ZONE,
        serviceWorkers,
        ...contextOptions,
      });
      await watch(context);
      return context;
    },
    async open(hash = '#/', contextOptions: BrowserContextOptions = {}) {
      const context = await api.newContext(contextOptions);
      const page = await context.newPage();
      await gotoApp(page, url + hash);
      return { context, page };
    },
    async openPersistent(hash = '#/') {
      const profile = mkdtempSync(join(tmpdir(), 'hs-diary-e2e-profile-'));
      profiles.push(profile);
      const context = await chromium.launchPersistentContext(profile, {
        ...LAUNCH_OPTIONS,
        viewport: VIEWPORT,
        timezoneId: TIME_ZONE,
        serviceWorkers,
      });
      await watch(context); // closing a persistent context also ends its browser
      const page = context.pages()[0] ?? (await context.newPage());
      await gotoApp(page, url + hash);
      return { context, page };
    },
    requestsOf(context) {
      return watched.find((entry) => entry.context === context)?.requests ?? [];
    },
    async takeCspViolations(context) {
      const entry = watched.find((candidate) => candidate.context === context);
      if (!entry) return [];
      await collectFromPages(entry);
      return entry.cspViolations.splice(0);
    },
    async stopServer() {
      await server?.close();
      server = undefined;
    },
    async restartServer() {
      if (server) return;
      await serve();
    },
  };

  beforeAll(async () => {
    await serve();
    browser = await chromium.launch(LAUNCH_OPTIONS);
  });

  /** Merge what is in the open documents' own lists (emptying them), in case a report to Node did not arrive. */
  async function collectFromPages(entry: Watched): Promise<void> {
    for (const page of entry.context.pages()) {
      const inPage = await page
        .evaluate(() => (window.__cspViolations ?? []).splice(0))
        .catch((): CspViolation[] => []);
      for (const violation of inPage) {
        if (!entry.cspViolations.some((known) => JSON.stringify(known) === JSON.stringify(violation))) {
          entry.cspViolations.push(violation);
        }
      }
    }
  }

  afterEach(async () => {
    const foreignRequests: string[] = [];
    const pageErrors: string[] = [];
    const cspViolations: CspViolation[] = [];
    for (const entry of watched.splice(0)) {
      await collectFromPages(entry);
      foreignRequests.push(...entry.foreignRequests);
      pageErrors.push(...entry.pageErrors);
      cspViolations.push(...entry.cspViolations);
      await entry.context.close().catch(() => undefined);
    }
    for (const profile of profiles.splice(0)) rmSync(profile, { recursive: true, force: true });
    if (!server) await serve();
    expect(foreignRequests, `requests to origins other than ${origin}`).toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return api;
}

/** Wait until a service worker controls the page, reloading once if this visit is the one that installed it. */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

/**
 * Move the page's clock (installed with `page.clock.install()`) on a second at a time until `locator` is
 * visible, for what the app shows only after a wait of its own (storage that does not answer): the wait
 * passes without the test sitting through it. At most `limitMs` of the page's time is passed (by default
 * `ACTION_TIMEOUT_MS`), so an app that waits longer fails as it would in real time.
 */
export async function passTimeUntilVisible(page: Page, locator: Locator, limitMs = ACTION_TIMEOUT_MS): Promise<void> {
  const stepMs = Math.min(1000, limitMs);
  for (let passedMs = 0; passedMs < limitMs; passedMs += stepMs) {
    if (await locator.isVisible()) return;
    await page.clock.fastForward(stepMs);
  }
  await locator.waitFor({ timeout: 1000 });
}

/**
 * Start adding up the page's layout shifts that no input caused, from its navigation on (the observer is
 * buffered); `layoutShiftOf` reads the sum, the page's cumulative layout shift so far.
 */
export async function watchLayoutShift(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
        if (!entry.hadRecentInput) window.__layoutShift = (window.__layoutShift ?? 0) + entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export function layoutShiftOf(page: Page): Promise<number> {
  return page.evaluate(() => window.__layoutShift ?? 0);
}

/** A local calendar date `offset` days from today, as YYYY-MM-DD (Node and the browser share the time zone). */
export function localDate(offset = 0): string {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A stored day as the database holds it (only the fields the tests read). */
export interface StoredDay {
  date: string;
  pain: number;
  drainage: number;
  dressingChanges: number;
  flare: boolean;
  regions: string[];
  note: string;
}

/**
 * Wait until the app has created its database (Dexie, at any schema version). Today is drawn before Dexie
 * loads (src/lib/db/start-read.ts), so a freshly opened app may not have made it yet; a raw
 * `indexedDB.open('hs-diary')` before then would create an empty database without the app's tables.
 */
export async function waitForAppDatabase(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () =>
          (await indexedDB.databases()).some(
            (database) => database.name === 'hs-diary' && (database.version ?? 0) >= 10,
          ),
        ),
      { timeout: ACTION_TIMEOUT_MS, message: 'the app never created its database' },
    )
    .toBe(true);
}

/**
 * Put rows straight into the app's tables with the raw IndexedDB API, in one transaction, once the app has
 * created its database. The app does not hear of these writes: load the page again afterwards (`page.reload()`,
 * or through about:blank). Changing only the hash is not enough: the page lives on, and Dexie's live-query
 * cache answers the next screen with the tables as they were before.
 */
export async function writeStoredRows(page: Page, tables: Record<string, readonly object[]>): Promise<void> {
  await waitForAppDatabase(page);
  await page.evaluate(async (tables) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('hs-diary');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction(Object.keys(tables), 'readwrite');
        for (const [table, rows] of Object.entries(tables))
          for (const row of rows) transaction.objectStore(table).put(row);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
      });
    } finally {
      db.close();
    }
  }, tables);
}

/**
 * The rows of one of the app's tables, read with the raw IndexedDB API (not through the app), so a test
 * sees what was really written. An absent database counts as empty and is not created.
 */
export async function readStoredRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (table) => {
    const databases = await indexedDB.databases();
    if (!databases.some((database) => database.name === 'hs-diary')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('hs-diary');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    });
    try {
      if (!db.objectStoreNames.contains(table)) return [];
      return await new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(table, 'readonly').objectStore(table).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error ?? new Error('getAll failed'));
      });
    } finally {
      db.close();
    }
  }, table);
}

/** The rows of the app's `days` table (see `readStoredRows`). */
export function readStoredDays(page: Page): Promise<StoredDay[]> {
  return readStoredRows<StoredDay>(page, 'days');
}

/** The saved settings (language, last backup, ...), from the `meta` table's settings row (see `readStoredRows`). */
export async function readStoredSettings(page: Page): Promise<{ locale?: string; lastBackupAt?: number }> {
  const rows = await readStoredRows<{ key: string; value?: { locale?: string; lastBackupAt?: number } }>(page, 'meta');
  return rows.find((row) => row.key === 'settings')?.value ?? {};
}
