// @ts-check
/**
 * Makes sure the browser tests and the bench have what they run: a Chromium (CHROME_PATH, else Debian's
 * /usr/bin/chromium) and poppler-utils' pdftotext/pdftoppm for reading the summary PDF. When one is missing
 * and we run as root with apt-get, Debian's package is installed; otherwise we say how to get it. Never
 * downloads a browser of its own.
 *   node tests/ensure-chromium.mjs                  (the bench: Chromium as a patient runs it)
 *   node tests/ensure-chromium.mjs --headless-shell (the browser tests: see testChromiumPath)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

/** Debian's `chromium-headless-shell`: the same Chromium build as `chromium`, without the browser's UI layer. */
const HEADLESS_SHELL_PATH = '/usr/bin/chromium-headless-shell';

/**
 * The browser the browser tests drive: CHROME_PATH, else Debian's headless shell when it is there (what
 * Playwright itself runs for headless tests: the same Blink and V8 as /usr/bin/chromium, but it does not run
 * the full browser's UI layer under each page, so a test costs about a third less CPU; measured per file in
 * issue 14, e.g. backup.e2e 101 -> 55 CPU-seconds), else /usr/bin/chromium. The bench keeps `chromiumPath()`:
 * Lighthouse measures the browser a patient runs.
 */
export function testChromiumPath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  return existsSync(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : chromiumPath();
}

const canApt = () => typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
let hasUpdatedApt = false;

/** @param {string[]} packages */
function aptInstall(packages) {
  console.log(`Installing Debian's ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!hasUpdatedApt) execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  hasUpdatedApt = true;
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

/** @param {string} command */
function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {string[]} lines
 * @returns {never}
 */
function fail(lines) {
  console.error(lines.join('\n'));
  process.exit(1);
}

function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (process.env.CHROME_PATH) fail([`CHROME_PATH is set to ${path}, but there is no file there.`]);
  if (canApt()) {
    aptInstall(['chromium']);
    if (existsSync(path)) return path;
  }
  return fail([
    'The browser tests need Chromium and none was found.',
    'Install one and run the tests again, for example:',
    '  sudo apt-get update && sudo apt-get install -y chromium     (Debian, Ubuntu)',
    'or point CHROME_PATH at an existing Chromium or Chrome binary:',
    '  CHROME_PATH=/path/to/chrome npm test',
  ]);
}

function ensurePoppler() {
  if (onPath('pdftotext') && onPath('pdftoppm')) return;
  if (canApt()) {
    aptInstall(['poppler-utils']);
    if (onPath('pdftotext')) return;
  }
  fail([
    'The summary PDF test reads the PDF with pdftotext and pdftoppm, and they were not found.',
    'Install poppler-utils and run the tests again, for example:',
    '  sudo apt-get update && sudo apt-get install -y poppler-utils   (Debian, Ubuntu)',
    '  brew install poppler                                           (macOS)',
  ]);
}

/**
 * For the browser tests: Chromium (the files that show notifications run it) and the headless shell,
 * installed when it can be (Chromium runs every file if it cannot).
 */
function ensureHeadlessShell() {
  ensureChromium();
  if (!process.env.CHROME_PATH && !existsSync(HEADLESS_SHELL_PATH) && canApt()) {
    try {
      aptInstall(['chromium-headless-shell']);
    } catch {
      console.log(`No chromium-headless-shell package here; the browser tests use ${chromiumPath()}.`);
    }
  }
  return testChromiumPath();
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Chromium: ${process.argv.includes('--headless-shell') ? ensureHeadlessShell() : ensureChromium()}`);
  ensurePoppler();
}
