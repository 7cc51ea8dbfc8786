/**
 * Work that must not delay the first screen (the service worker, reminders, backup notices, storage health)
 * waits until the first screen is drawn with its content and the browser is idle. Waiting for the page's
 * `load` event alone was not enough: on a slow phone the idle moment came while Today was still reading
 * the diary, and those imports competed with it.
 */
const FALLBACK_MS = 4000;

let markDrawn: () => void = () => undefined;
const drawn = new Promise<void>((resolve) => (markDrawn = resolve));
let isDrawingInSteps = false;

/** Say the first screen is up (Today with its form, or any other screen once its code is in). Idempotent. */
export function firstScreenDrawn(): void {
  isDrawingInSteps = false;
  markDrawn();
}

/**
 * The app's start (main.ts) asks for its first screen to be drawn in steps, a frame apart (see `nextStep`):
 * drawn at once, Today's form and the frame that lays it out were each a long task on a slow phone. Only
 * the start does: a screen opened later, or mounted by a test, is drawn at once.
 */
export function drawFirstScreenInSteps(): void {
  isDrawingInSteps = true;
}

/** Whether the screen being mounted is the app's first, drawn in steps: its later parts wait for `nextStep`. */
export function isFirstScreenInSteps(): boolean {
  return isDrawingInSteps;
}

/**
 * Resolves in a task after the browser has drawn the next frame. Work that follows a screen's mount waits
 * for this rather than `yieldToBrowser`: the first frame's style, layout and paint then get a task of their
 * own instead of landing in the next piece of work's task (a forced layout) or adding to it.
 */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

let steps: Promise<void> = Promise.resolve();

/**
 * The next step of drawing: resolves in a task after the frame that follows the previous step, so each
 * step's work and each frame's layout and paint are tasks of their own. Steps come in the order asked for.
 */
export function nextStep(): Promise<void> {
  steps = steps.then(afterNextFrame);
  return steps;
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    // Not `window`: a turn may come after a test's DOM is gone (turns wait for the ones before them).
    if (typeof globalThis.requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
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
let idleTurns: Promise<void> = Promise.resolve();

/**
 * Resolves once the page has loaded, the first screen is drawn and the browser is idle. Should a screen
 * never say it is drawn (a failure path), the work starts anyway a few seconds after `load`.
 */
export async function afterFirstScreen(): Promise<void> {
  firstScreenOrLate ??= whenLoaded().then(() =>
    Promise.race([drawn, new Promise<void>((resolve) => setTimeout(resolve, FALLBACK_MS))]),
  );
  await firstScreenOrLate;
  // One caller per idle moment, in the order they asked: resumed in the same idle moment, the service
  // worker, reminders, storage health, backup notices and the database started as one long task.
  const turn = idleTurns.then(whenIdle);
  idleTurns = turn;
  await turn;
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
