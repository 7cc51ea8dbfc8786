import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as IdleModule from './idle';

type Idle = typeof IdleModule;

async function freshIdle(): Promise<Idle> {
  vi.resetModules();
  return import('./idle');
}

/** Whether the promise has settled after the timers ran `ms` further. */
async function settledAfter(promise: Promise<void>, ms: number): Promise<boolean> {
  let isDone = false;
  void promise.then(() => (isDone = true));
  await vi.advanceTimersByTimeAsync(ms);
  return isDone;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('afterFirstScreen', () => {
  it('waits for the first screen to be drawn, then for an idle moment', async () => {
    const { afterFirstScreen, firstScreenDrawn } = await freshIdle();
    const later = afterFirstScreen();
    // The page has loaded (jsdom is complete), but Today is still reading the diary.
    expect(await settledAfter(later, 3000)).toBe(false);
    firstScreenDrawn();
    expect(await settledAfter(later, 0)).toBe(false);
    expect(await settledAfter(later, 250)).toBe(true);
  });

  it('starts anyway a few seconds after load when no screen says it is drawn', async () => {
    const { afterFirstScreen } = await freshIdle();
    const later = afterFirstScreen();
    expect(await settledAfter(later, 3900)).toBe(false);
    expect(await settledAfter(later, 400)).toBe(true);
  });

  it('resumes its callers one idle moment each, in the order they asked', async () => {
    const { afterFirstScreen, firstScreenDrawn } = await freshIdle();
    firstScreenDrawn();
    const first = afterFirstScreen();
    const second = afterFirstScreen();
    expect(await settledAfter(first, 250)).toBe(true);
    // Resumed together, their work was one long task.
    expect(await settledAfter(second, 0)).toBe(false);
    expect(await settledAfter(second, 250)).toBe(true);
  });

  it('runs at once (after idle) for work asked for once the screen is up', async () => {
    const { afterFirstScreen, firstScreenDrawn } = await freshIdle();
    firstScreenDrawn();
    firstScreenDrawn();
    expect(await settledAfter(afterFirstScreen(), 250)).toBe(true);
  });
});
