// @ts-check
/**
 * What-if runs of Lighthouse's simulation on one saved page load: loads a build once (mobile, simulated
 * throttling), then re-runs the audits on the saved trace and network log, as is and with the requests
 * whose URL matches each pattern taken out. The simulation is deterministic for a given load, so the
 * differences show what each request costs FCP and LCP, free of run-to-run noise. For looking at.
 *   node tests/tools/lh-whatif.mjs [dist folder] ['pattern' ...]
 *   e.g. node tests/tools/lh-whatif.mjs dist 'core\.zh-CN' 'favicon|pwa-192'
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../ensure-chromium.mjs';
import { DIST, startServer } from '../serve.mjs';

const root = resolve(process.argv[2] ?? DIST);
const patterns = process.argv.slice(3);
const saved = mkdtempSync(join(tmpdir(), 'lh-whatif-'));
const LOG = 'defaultPass.devtoolslog.json';

/** @param {{ gatherMode?: string, auditMode?: string }} mode @param {string} url */
async function run(mode, url) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    logLevel: 'silent',
  });
  try {
    return await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      onlyCategories: ['performance'],
      formFactor: 'mobile',
      logLevel: 'error',
      ...mode,
    });
  } finally {
    chrome.kill();
  }
}

const server = await startServer({ root, base: '/hs-diary/' });
await run({ gatherMode: saved }, server.url);
await server.close();

/** @param {string} label @param {string} folder */
async function audit(label, folder) {
  const result = await run({ auditMode: folder }, 'http://127.0.0.1/hs-diary/');
  const value = (/** @type {string} */ id) => result?.lhr.audits[id]?.numericValue?.toFixed(0) ?? '?';
  console.log(
    `${label.padEnd(40)} FCP ${value('first-contentful-paint')}  LCP ${value('largest-contentful-paint')}  TBT ${value('total-blocking-time')}`,
  );
}

await audit('as loaded', saved);
/** @type {{ method: string, params?: { requestId?: string, request?: { url: string } } }[]} */
const log = JSON.parse(readFileSync(join(saved, LOG), 'utf8'));
for (const pattern of patterns) {
  const matches = new RegExp(pattern);
  const dropped = new Set(
    log.flatMap((entry) =>
      entry.method === 'Network.requestWillBeSent' && matches.test(entry.params?.request?.url ?? '')
        ? [entry.params?.requestId]
        : [],
    ),
  );
  const folder = join(saved, `without-${dropped.size}-${patterns.indexOf(pattern)}`);
  mkdirSync(folder);
  for (const file of ['artifacts.json', 'defaultPass.trace.json']) copyFileSync(join(saved, file), join(folder, file));
  writeFileSync(join(folder, LOG), JSON.stringify(log.filter((entry) => !dropped.has(entry.params?.requestId))));
  await audit(`without ${pattern} (${dropped.size})`, folder);
}
