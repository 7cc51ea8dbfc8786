// @ts-check
/**
 * Makes sure a Chromium is there for the browser tests and the bench: CHROME_PATH, else Debian's
 * /usr/bin/chromium, else (as root with apt-get) install Debian's package; otherwise say how to get one.
 * Never downloads a browser of its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

function ensureChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH is set to ${path}, but there is no file there.`);
    process.exit(1);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Chromium is missing: installing Debian\'s "chromium" package with apt-get…');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(path)) return path;
  }
  console.error(
    [
      'The browser tests need Chromium and none was found.',
      'Install one and run the tests again, for example:',
      '  sudo apt-get update && sudo apt-get install -y chromium     (Debian, Ubuntu)',
      'or point CHROME_PATH at an existing Chromium or Chrome binary:',
      '  CHROME_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
  process.exit(1);
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Chromium: ${ensureChromium()}`);
}
