// @ts-check
/**
 * What each long start-up task runs: a Chromium trace of a cold load with V8's sampling profiler on, each
 * main-thread task over 40 ms (CPU time x4, Lighthouse's mobile slowdown) listed with the source files
 * (mapped through the build's source maps) whose code its samples landed in. For looking at, not for
 * asserting. Build with source maps first:
 *   npx vite build --sourcemap --outDir /tmp/dist-sm && node tests/tools/start-task-profile.mjs /tmp/dist-sm [runs]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../ensure-chromium.mjs';
import { blockingOf, rendererMainThread, tasksAfterFirstPaint } from '../bench/trace-blocking.mjs';
import { startServer } from '../serve.mjs';

const SLOWDOWN = 4;
const root = resolve(process.argv[2] ?? '/tmp/dist-sm');
const runs = Number(process.argv[3] ?? 2);
const server = await startServer({ root, base: '/hs-diary/' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
/** @type {Map<string, SourceMapConsumer | null>} */
const maps = new Map();
const sourceOf = (/** @type {any} */ frame) => {
  if (!frame.url) return `(${frame.functionName || 'program'})`;
  const file = String(frame.url).replace(/.*\/hs-diary\//, '');
  if (!maps.has(file)) {
    const path = join(root, `${file}.map`);
    maps.set(file, existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null);
  }
  const original = maps.get(file)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
  if (!original?.source) return file.replace(/^assets\//, '');
  return original.source.replace(/.*node_modules\//, 'nm/').replace(/.*\/src\//, 'src/');
};

/** The function's name in the source, through the source map (the build's names are minified). */
const originalName = (/** @type {any} */ frame) => {
  if (!frame.url) return frame.functionName ?? '';
  sourceOf(frame);
  const file = String(frame.url).replace(/.*\/hs-diary\//, '');
  const original = maps.get(file)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
  return `${original?.name ?? frame.functionName ?? ''}:${original?.line ?? ''}`;
};

/**
 * Where sampled time went: per key of the sampled frame (self), and per source file anywhere on its stack
 * (inclusive, each file once per sample). Idle samples are left out.
 * @param {Map<string, { nodes: Map<number, any>, parents: Map<number, number> }>} profiles
 * @param {{ ts: number, node: number, profile: string }[]} samples in time order
 * @param {(frame: any) => string} keyOf
 */
function attribute(profiles, samples, keyOf) {
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  samples.forEach((sample, index) => {
    const next = samples[index + 1];
    const micros = next ? Math.min(next.ts - sample.ts, 1000) : 100;
    const profile = profiles.get(sample.profile);
    const frame = profile?.nodes.get(sample.node)?.callFrame ?? {};
    if (!profile || frame.functionName === '(idle)') return;
    const key = keyOf(frame);
    self.set(key, (self.get(key) ?? 0) + micros);
    const seen = new Set();
    for (let at = /** @type {number | undefined} */ (sample.node); at !== undefined; at = profile.parents.get(at)) {
      const source = sourceOf(profile.nodes.get(at)?.callFrame ?? {});
      if (seen.has(source) || source.startsWith('(')) continue;
      seen.add(source);
      inclusive.set(source, (inclusive.get(source) ?? 0) + micros);
    }
  });
  return { self, inclusive };
}

for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8',
      'disabled-by-default-v8.cpu_profiler',
    ],
  });
  await page.goto(`${server.url}#/`);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2500);
  /** @type {any[]} */
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const mainThread = /** @type {{ pid: number, tid: number }} */ (rendererMainThread(events));
  const onMain = events.filter((event) => event.pid === mainThread.pid && event.tid === mainThread.tid);
  const navigationStart = onMain.find((event) => event.name === 'navigationStart')?.ts ?? 0;
  // Samples: (timestamp, stack of node ids) from the Profile/ProfileChunk events of the renderer.
  /** @type {Map<string, { nodes: Map<number, any>, parents: Map<number, number>, time: number }>} */
  const profiles = new Map();
  /** @type {{ ts: number, node: number, profile: string }[]} */
  const samples = [];
  for (const event of events) {
    if (event.pid !== mainThread.pid) continue;
    if (event.name === 'Profile')
      profiles.set(event.id, { nodes: new Map(), parents: new Map(), time: event.args.data.startTime });
    if (event.name !== 'ProfileChunk') continue;
    const profile = profiles.get(event.id);
    if (!profile) continue;
    const data = event.args.data;
    for (const node of data.cpuProfile?.nodes ?? []) {
      profile.nodes.set(node.id, node);
      if (node.parent !== undefined) profile.parents.set(node.id, node.parent);
    }
    const deltas = data.timeDeltas ?? [];
    (data.cpuProfile?.samples ?? []).forEach((/** @type {number} */ node, /** @type {number} */ index) => {
      profile.time += deltas[index] ?? 0;
      samples.push({ ts: profile.time, node, profile: event.id });
    });
  }
  samples.sort((a, b) => a.ts - b.ts);
  console.log(`Run ${run + 1}: ${samples.length} samples`);
  const tasks = onMain.filter((event) => event.name === 'RunTask' && event.ph === 'X');
  // A blocking-time figure from thread CPU time (not wall time, which a busy machine stretches), beside
  // the wall-time one Lighthouse counts.
  const firstPaint = events.find((event) => event.name === 'firstContentfulPaint' && event.pid === mainThread.pid);
  for (const clock of /** @type {const} */ (['tdur', 'dur'])) {
    const blocking = tasksAfterFirstPaint(events, clock).filter((ms) => ms > 50);
    console.log(
      `  blocking after FCP by ${clock === 'tdur' ? 'thread CPU' : 'wall time'} x${SLOWDOWN}: ` +
        `${blockingOf(blocking).toFixed(0)} ms over ${blocking.length} tasks (${blocking.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
  }
  if (process.env.AFTER_PAINT && firstPaint) {
    // Where the main thread's time after the first paint went, by source file: self time, and time under it.
    const { self, inclusive } = attribute(
      profiles,
      samples.filter((sample) => sample.ts >= firstPaint.ts),
      (frame) => (process.env.BY_FUNCTION ? `${sourceOf(frame)} ${originalName(frame)}` : sourceOf(frame)),
    );
    const list = (/** @type {Map<string, number>} */ map) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.TOP ?? 30))
        .map(([key, micros]) => `${(micros / 1000).toFixed(1)} ${key}`)
        .join('\n       ');
    console.log(`  after the first paint, real ms, self:\n       ${list(self)}`);
    console.log(`  inclusive:\n       ${list(inclusive)}`);
  }
  for (const task of tasks) {
    const cpu = ((task.tdur ?? task.dur ?? 0) / 1000) * SLOWDOWN;
    if (cpu < Number(process.env.MIN ?? 40)) continue;
    const { self, inclusive } = attribute(
      profiles,
      samples.filter((sample) => sample.ts >= task.ts && sample.ts < task.ts + task.dur),
      (frame) => `${sourceOf(frame)} ${frame.functionName || ''}`,
    );
    const top = (/** @type {Map<string, number>} */ map, /** @type {number} */ count) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([key, micros]) => `${((micros / 1000) * SLOWDOWN).toFixed(0)} ${key}`)
        .join(' · ');
    const dispatched = onMain
      .filter((event) => event.name === 'EventDispatch' && event.ts >= task.ts && event.ts < task.ts + task.dur)
      .map((event) => String(event.args?.data?.type ?? ''));
    console.log(
      `  ${((task.ts - navigationStart) / 1000).toFixed(0).padStart(6)} ms  ${cpu.toFixed(0).padStart(4)} ms x${SLOWDOWN}  ${[...new Set(dispatched)].join(' ')}`,
    );
    console.log(`     self: ${top(self, Number(process.env.TOP_SELF ?? 8))}`);
    console.log(`     incl: ${top(inclusive, Number(process.env.TOP ?? 14))}`);
  }
  await context.close();
}
await browser.close();
await server.close();
