// @ts-check
/**
 * Blocking time counted from a Lighthouse trace the way Lighthouse counts it (each main-thread task after
 * the first contentful paint, at the 4x mobile slowdown, less 50 ms), but from each task's thread CPU time
 * instead of its wall time. On a busy two-core machine the renderer's main thread waits for a core while
 * Chromium's browser and GPU processes (and Lighthouse itself) run, and the wait counts as blocking in the
 * wall-time figure: the same build measured 7 and 392 ms there, and 0 ms by thread CPU both times.
 * What the page itself costs is the CPU figure; what a patient's phone sees lies between the two.
 */
const SLOWDOWN = 4;

/**
 * The page's renderer main thread in a trace: the one that parsed the HTML.
 * @param {any[]} events
 * @returns {{ pid: number, tid: number } | undefined}
 */
export function rendererMainThread(events) {
  return events.find(
    (event) =>
      event.name === 'thread_name' &&
      event.args?.name === 'CrRendererMain' &&
      events.some((other) => other.pid === event.pid && other.name === 'ParseHTML'),
  );
}

/**
 * The main thread's tasks after the first contentful paint, each as its time at the slowdown, by thread
 * CPU (`tdur`) or wall time (`dur`); empty when the trace has no first paint.
 * @param {any[]} events
 * @param {'tdur' | 'dur'} clock
 * @returns {number[]}
 */
export function tasksAfterFirstPaint(events, clock) {
  const main = rendererMainThread(events);
  const firstPaint = main && events.find((event) => event.name === 'firstContentfulPaint' && event.pid === main.pid);
  if (!main || !firstPaint) return [];
  return events
    .filter(
      (event) =>
        event.pid === main.pid &&
        event.tid === main.tid &&
        event.name === 'RunTask' &&
        event.ph === 'X' &&
        event.ts >= firstPaint.ts,
    )
    .map((task) => (((clock === 'tdur' ? task.tdur : task.dur) ?? 0) / 1000) * SLOWDOWN);
}

/** Lighthouse's sum: what each task spends over 50 ms. @param {number[]} tasks */
export const blockingOf = (tasks) => tasks.reduce((sum, ms) => sum + Math.max(0, ms - 50), 0);

/**
 * @param {{ traceEvents: any[] }} trace
 * @returns {{ blockingMs: number, cpuAfterPaintMs: number, tasks: number }}
 */
export function blockingByThreadCpu(trace) {
  const cpu = tasksAfterFirstPaint(trace.traceEvents, 'tdur');
  if (cpu.length === 0) return { blockingMs: Number.NaN, cpuAfterPaintMs: Number.NaN, tasks: 0 };
  return {
    blockingMs: blockingOf(cpu),
    cpuAfterPaintMs: cpu.reduce((sum, ms) => sum + ms, 0) / SLOWDOWN,
    tasks: cpu.length,
  };
}
