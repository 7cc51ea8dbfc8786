// @ts-check
/**
 * One Lighthouse run (mobile, simulated) on a build, with what the bench's summary leaves out: the LCP
 * element, the simulated long tasks, the request chain. For looking at, not for asserting.
 *   node tests/tools/lh-detail.mjs [dist folder] [out.json]
 */
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../ensure-chromium.mjs';
import { DIST, startServer } from '../serve.mjs';

const root = resolve(process.argv[2] ?? DIST);
const server = await startServer({ root, base: '/hs-diary/' });
const chrome = await chromeLauncher.launch({
  chromePath: chromiumPath(),
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  logLevel: 'silent',
});
const result = await lighthouse(server.url, {
  port: chrome.port,
  output: 'json',
  onlyCategories: ['performance'],
  formFactor: 'mobile',
  logLevel: 'error',
});
chrome.kill();
await server.close();
if (!result) throw new Error('no result');
const { lhr } = result;
if (process.argv[3]) writeFileSync(process.argv[3], JSON.stringify(lhr));
if (process.env.TRACE_OUT)
  writeFileSync(process.env.TRACE_OUT, JSON.stringify(/** @type {any} */ (result.artifacts).Trace));
const audit = (/** @type {string} */ id) => lhr.audits[id];
for (const id of [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'speed-index',
  'interactive',
])
  console.log(id, audit(id)?.numericValue?.toFixed(0));
console.log('score', lhr.categories.performance?.score);
/** @type {any} */
const lt = audit('long-tasks')?.details;
for (const item of lt?.items ?? [])
  console.log('long task', item.url, item.startTime?.toFixed(0), item.duration?.toFixed(0));
/** @type {any} */
const lcpEl = audit('largest-contentful-paint-element')?.details;
console.log('LCP element', JSON.stringify(lcpEl?.items?.[0]?.items?.[0]?.node?.snippet ?? lcpEl).slice(0, 300));
console.log('LCP phases', JSON.stringify(lcpEl?.items?.[1]?.items ?? '').slice(0, 600));
/** @type {any} */
const net = audit('network-requests')?.details;
for (const item of net?.items ?? [])
  console.log(
    'req',
    String(item.url).replace(/.*\/hs-diary\//, ''),
    item.networkRequestTime?.toFixed(0),
    item.networkEndTime?.toFixed(0),
    item.transferSize,
    item.priority,
  );
/** @type {any} */
const mt = audit('mainthread-work-breakdown')?.details;
for (const item of mt?.items ?? []) console.log('main', item.groupLabel ?? item.group, item.duration?.toFixed(0));
/** @type {any} */
const bt = audit('bootup-time')?.details;
for (const item of bt?.items ?? [])
  console.log(
    'bootup',
    String(item.url).replace(/.*\/hs-diary\//, ''),
    item.total?.toFixed(0),
    item.scripting?.toFixed(0),
    item.scriptParseCompile?.toFixed(0),
  );
