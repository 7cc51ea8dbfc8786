// @ts-check
/**
 * Lighthouse (mobile, simulated) on two or more builds, alternately, so a busy moment of the machine does
 * not land on one build only: per build the median FCP, LCP and TBT, and from the same traces the blocking
 * time counted from each task's thread CPU time instead of its wall time (what the page itself costs,
 * without the time a busy machine kept its main thread waiting) and the main thread's CPU after the first
 * paint. For comparing builds, not for asserting.
 *   node tests/tools/lh-ab.mjs <dist A> <dist B> [...]      (RUNS=5 each)
 */
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../ensure-chromium.mjs';
import { blockingByThreadCpu } from '../bench/trace-blocking.mjs';
import { startServer } from '../serve.mjs';

const roots = process.argv.slice(2).map((root) => resolve(root));
const runs = Number(process.env.RUNS ?? 5);

/** @param {any} trace */
function fromTrace(trace) {
  const { blockingMs, cpuAfterPaintMs, tasks } = blockingByThreadCpu(trace);
  return { cpuTbt: blockingMs, cpuAfterPaint: cpuAfterPaintMs, tasks };
}

/** @param {string} url */
async function once(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      onlyCategories: ['performance'],
      formFactor: 'mobile',
      logLevel: 'error',
    });
    if (!result) throw new Error('no result');
    const value = (/** @type {string} */ id) => result.lhr.audits[id]?.numericValue ?? Number.NaN;
    return {
      fcp: value('first-contentful-paint'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      ...fromTrace(/** @type {any} */ (result.artifacts).Trace),
    };
  } finally {
    chrome.kill();
  }
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const servers = await Promise.all(roots.map((root) => startServer({ root, base: '/hs-diary/' })));
/** @type {Awaited<ReturnType<typeof once>>[][]} */
const results = roots.map(() => []);
for (let run = 0; run < runs; run++) {
  for (const [index, server] of servers.entries()) {
    const result = await once(server.url);
    results[index]?.push(result);
    console.log(
      `${roots[index]} run ${run + 1}: TBT ${result.tbt.toFixed(0)} (by CPU ${result.cpuTbt.toFixed(0)}), LCP ${result.lcp.toFixed(0)}, CPU after paint ${result.cpuAfterPaint.toFixed(0)} ms in ${result.tasks} tasks`,
    );
  }
}
for (const [index, root] of roots.entries()) {
  const list = results[index] ?? [];
  const of = (/** @type {'tbt' | 'cpuTbt' | 'lcp' | 'fcp' | 'cpuAfterPaint'} */ key) =>
    median(list.map((result) => result[key])).toFixed(0);
  console.log(
    `${root}: median TBT ${of('tbt')} (${list.map((r) => r.tbt.toFixed(0)).join(' ')}), by CPU ${of('cpuTbt')}, FCP ${of('fcp')}, LCP ${of('lcp')}, CPU after paint ${of('cpuAfterPaint')} ms`,
  );
}
await Promise.all(servers.map((server) => server.close()));
