// @ts-check
/**
 * Makes sure the browser tests and the bench have what they run: a Chromium (CHROME_PATH, else Debian's
 * /usr/bin/chromium) and poppler-utils' pdftotext/pdftoppm for reading the summary PDF. When one is missing
 * and we run as root with apt-get, Debian's package is installed; otherwise we say how to get it. Never
 * downloads a browser of its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
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

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Chromium: ${ensureChromium()}`);
  ensurePoppler();
}
