/**
 * Work that must not delay the first screen (the service worker, reminders, backup notices, storage health)
 * waits until the first screen is drawn with its content and the browser is idle. Waiting for the page's
 * `load` event alone was not enough: on a slow phone the idle moment came while Today was still reading
 * the diary, and those imports competed with it.
 */
const FALLBACK_MS = 4000;

let markDrawn: () => void = () => undefined;
const drawn = new Promise<void>((resolve) => (markDrawn = resolve));

/** Say the first screen is up (Today with its form, or any other screen once its code is in). Idempotent. */
export function firstScreenDrawn(): void {
  markDrawn();
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 200);
  });
}

function whenLoaded(): Promise<void> {
  return new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else addEventListener('load', () => resolve(), { once: true });
  });
}

let firstScreenOrLate: Promise<void> | undefined;

/**
 * Resolves once the page has loaded, the first screen is drawn and the browser is idle. Should a screen
 * never say it is drawn (a failure path), the work starts anyway a few seconds after `load`.
 */
export async function afterFirstScreen(): Promise<void> {
  firstScreenOrLate ??= whenLoaded().then(() =>
    Promise.race([drawn, new Promise<void>((resolve) => setTimeout(resolve, FALLBACK_MS))]),
  );
  await firstScreenOrLate;
  await whenIdle();
}

/**
 * Let the browser run what is waiting (input, a frame) before going on: splits one long task in two.
 * `scheduler.yield()` where there is one (Chromium), else a new task.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
