/**
 * How long the page's main thread works on one step, from a Chromium trace: the longest task by the main
 * thread's own CPU time, which other programs on a busy machine do not lengthen (wall-clock long tasks
 * do), beside its wall-clock length for the report.
 */
import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadWork {
  /** The longest task's main-thread CPU time, in milliseconds. */
  longestTaskMs: number;
  /** The same task's wall-clock length, in milliseconds. */
  longestTaskWallMs: number;
  tasks: number;
}

/** Trace `step` and measure the tasks of the renderer's main thread while it ran. */
export async function mainThreadWork(page: Page, step: () => Promise<void>): Promise<MainThreadWork> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['toplevel', '__metadata'], excludedCategories: ['*'] },
  });
  try {
    await step();
  } finally {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const tasks = events.filter(
    (event) =>
      event.ph === 'X' &&
      (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask') &&
      mainThreads.has(`${event.pid}:${event.tid}`),
  );
  const longest = tasks.reduce<TraceEvent | undefined>(
    (best, task) => ((task.tdur ?? 0) > (best?.tdur ?? -1) ? task : best),
    undefined,
  );
  return {
    longestTaskMs: (longest?.tdur ?? 0) / 1000,
    longestTaskWallMs: (longest?.dur ?? 0) / 1000,
    tasks: tasks.length,
  };
}
