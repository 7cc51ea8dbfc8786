// @ts-check
/**
 * The main thread's tasks while the app starts, by CPU time: a Chromium trace of a cold load (service
 * worker blocked, HTTP cache off), each task's thread time (which, unlike wall time, a busy machine does
 * not stretch) times 4, the CPU slowdown Lighthouse mobile simulates. Tasks over 50 ms at that slowdown are
 * what Total Blocking Time counts (after the first contentful paint). For looking at, not for asserting.
 * Run after a build:
 *   node tests/tools/start-profile.mjs [dist folder] [runs] [hash]
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../ensure-chromium.mjs';
import { rendererMainThread } from '../bench/trace-blocking.mjs';
import { DIST, startServer } from '../serve.mjs';

const SLOWDOWN = 4;
const root = resolve(process.argv[2] ?? DIST);
const runs = Number(process.argv[3] ?? 3);
const hash = process.argv[4] ?? '#/';
const server = await startServer({ root, base: '/hs-diary/' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });

/** @typedef {{ name: string, ph: string, ts: number, dur?: number, tdur?: number, tid: number, pid: number, args?: any, cat: string }} TraceEvent */

for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'loading'],
  });
  await page.goto(`${server.url}${hash}`);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(3000);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  /** @type {TraceEvent[]} */
  const events = trace.traceEvents;
  const main = rendererMainThread(events);
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid);
  const navigationStart = onMain.find((event) => event.name === 'navigationStart')?.ts ?? onMain[0]?.ts ?? 0;
  const fcp = events.find((event) => event.name === 'firstContentfulPaint' && event.pid === main.pid)?.ts;
  const tasks = onMain.filter((event) => event.name === 'RunTask' && event.ph === 'X');
  /** What a task ran: the scripts it evaluated or called into, by URL. */
  const scriptsOf = (/** @type {TraceEvent} */ task) => {
    const end = task.ts + (task.dur ?? 0);
    const urls = onMain
      .filter(
        (event) =>
          event.ts >= task.ts &&
          event.ts < end &&
          (event.name === 'EvaluateScript' || event.name === 'v8.evaluateModule' || event.name === 'FunctionCall'),
      )
      .map((event) =>
        String(event.args?.data?.url ?? event.args?.data?.scriptName ?? event.args?.data?.functionName ?? ''),
      )
      .filter(Boolean)
      .map((url) => url.replace(/.*\/assets\//, ''));
    return [...new Set(urls)].slice(0, 3).join(' ');
  };
  /** The kinds of work inside a task (compile, evaluate, style, layout...), by CPU time x slowdown. */
  const breakdownOf = (/** @type {TraceEvent} */ task) => {
    const end = task.ts + (task.dur ?? 0);
    /** @type {Map<string, number>} */
    const kinds = new Map();
    for (const event of onMain)
      if (event.ph === 'X' && event !== task && event.ts >= task.ts && event.ts < end && event.name !== 'RunTask')
        kinds.set(event.name, (kinds.get(event.name) ?? 0) + ((event.tdur ?? event.dur ?? 0) / 1000) * SLOWDOWN);
    return [...kinds]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, cpu]) => `${name} ${cpu.toFixed(0)}`)
      .join(' · ');
  };
  let blocking = 0;
  let total = 0;
  console.log(`Run ${run + 1}: FCP at ${fcp ? ((fcp - navigationStart) / 1000).toFixed(0) : '?'} ms (observed)`);
  for (const task of tasks) {
    const cpu = ((task.tdur ?? task.dur ?? 0) / 1000) * SLOWDOWN;
    total += cpu;
    if (cpu < 20) continue;
    const at = (task.ts - navigationStart) / 1000;
    const afterFcp = fcp !== undefined && task.ts >= fcp;
    if (afterFcp) blocking += Math.max(0, cpu - 50);
    console.log(
      `  ${at.toFixed(0).padStart(6)} ms  ${cpu.toFixed(0).padStart(5)} ms x${SLOWDOWN}  ${afterFcp ? 'after FCP ' : 'before FCP'}  ${scriptsOf(task)}`,
    );
    if (process.env.BREAKDOWN) console.log(`            ${breakdownOf(task)}`);
  }
  console.log(
    `  main-thread CPU x${SLOWDOWN}: ${total.toFixed(0)} ms; blocking (over 50 ms, after FCP): ${blocking.toFixed(0)} ms`,
  );
  await context.close();
}
await browser.close();
await server.close();
