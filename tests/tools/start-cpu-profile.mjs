// @ts-check
/**
 * Where the main thread's start-up time goes, by source file and function: a V8 CPU profile of a cold load
 * (service worker blocked, HTTP cache off), its samples mapped back through the build's source maps.
 * For looking at, not for asserting. Build with source maps into a folder of its own first:
 *   npx vite build --sourcemap --outDir /tmp/dist-sm && node tests/tools/start-cpu-profile.mjs /tmp/dist-sm [runs]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../ensure-chromium.mjs';
import { startServer } from '../serve.mjs';

const root = resolve(process.argv[2] ?? '/tmp/dist-sm');
const runs = Number(process.argv[3] ?? 3);
const server = await startServer({ root, base: '/hs-diary/' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
/** @type {Map<string, SourceMapConsumer | null>} */
const maps = new Map();
const consumerFor = (/** @type {string} */ url) => {
  const file = url.replace(/.*\/hs-diary\//, '');
  if (!maps.has(file)) {
    const path = join(root, `${file}.map`);
    maps.set(file, existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null);
  }
  return maps.get(file) ?? null;
};
/** @type {Map<string, number>} */
const byFile = new Map();
/** @type {Map<string, number>} */
const byFunction = new Map();
/** @type {Map<string, number>} */
const inclusive = new Map();
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.goto(`${server.url}#/`);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  const { profile } = await cdp.send('Profiler.stop');
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const deltas = profile.timeDeltas ?? [];
  profile.samples?.forEach((/** @type {number} */ id, /** @type {number} */ index) => {
    const node = nodes.get(id);
    const micros = deltas[index + 1] ?? 0;
    const frame = node.callFrame;
    let file = frame.url ? frame.url.replace(/.*\/assets\//, '') : `(${frame.functionName || 'program'})`;
    let name = frame.functionName || '(anonymous)';
    const consumer = frame.url ? consumerFor(frame.url) : null;
    if (consumer) {
      const original = consumer.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
      if (original.source) {
        file = original.source.replace(/.*node_modules\//, 'nm/').replace(/.*\/src\//, 'src/');
        name = `${original.name ?? name}:${original.line}`;
      }
    }
    if (file === '(idle)' || file === '(program)') return;
    // Inclusive time: every distinct source function on the sample's stack.
    const onStack = new Set();
    for (let /** @type {number | undefined} */ at = id; at !== undefined; at = parents.get(at)) {
      const callFrame = nodes.get(at).callFrame;
      const map = callFrame.url ? consumerFor(callFrame.url) : null;
      const position = map?.originalPositionFor({ line: callFrame.lineNumber + 1, column: callFrame.columnNumber });
      if (position?.source)
        onStack.add(`${position.source.replace(/.*node_modules\//, 'nm/').replace(/.*\/src\//, 'src/')}`);
    }
    for (const key of onStack) inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
    byFunction.set(`${file} ${name}`, (byFunction.get(`${file} ${name}`) ?? 0) + micros);
  });
  await context.close();
}
const show = (/** @type {Map<string, number>} */ map, /** @type {number} */ count) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .forEach(([key, micros]) => console.log(`${(micros / 1000 / runs).toFixed(2).padStart(8)} ms  ${key}`));
console.log(`Self time per run (observed, no slowdown), mean of ${runs}; by file:`);
show(byFile, 35);
console.log('\nInclusive, by source file on the stack:');
show(inclusive, 45);
console.log('\nBy function:');
show(byFunction, 40);
await browser.close();
await server.close();
