// @ts-check
/**
 * A throw-away PostgreSQL for the relay's tests and bench, the way tests/ensure-chromium.mjs provides
 * Chromium: Debian's server (`postgresql`, installed with apt-get when it is missing and we run as root),
 * a cluster made with initdb in a temporary folder, started with pg_ctl on a free port of 127.0.0.1 with
 * trust authentication for that address only, one database, and a `stop()` that removes it all.
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user the package
 * made and every server command runs through `runuser -u postgres`.
 * `RELAY_TEST_DATABASE_URL` skips all this and uses that database instead (a CI service, say).
 *
 * `node tests/relay/ensure-postgres.mjs` only makes sure the server binaries are there.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The newest Debian server's bin folder (`/usr/lib/postgresql/15/bin`), else `pg_config --bindir`'s. */
function serverBinDir() {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => existsSync(join(debian, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // No pg_config on the path: not installed.
  }
  return undefined;
}

/** The server's bin folder, installing Debian's package first when it is missing and we may. */
export function ensurePostgres() {
  const found = serverBinDir();
  if (found) return found;
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    console.log("Installing Debian's postgresql with apt-get…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
    const installed = serverBinDir();
    if (installed) return installed;
  }
  throw new Error(
    [
      "The relay's PostgreSQL tests need a PostgreSQL server (initdb, pg_ctl) and none was found.",
      'Install one and run the tests again, for example:',
      '  sudo apt-get update && sudo apt-get install -y postgresql     (Debian, Ubuntu)',
      'or point RELAY_TEST_DATABASE_URL at a database the tests may fill and empty.',
    ].join('\n'),
  );
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start a PostgreSQL of our own. `durable: false` (the tests) turns fsync off, which only matters if the
 * machine crashes; the bench keeps the defaults so its figures are those of a real server.
 * @param {{ durable?: boolean }} [options]
 * @returns {Promise<{ url: string, adminUrl: string, stop: () => void }>}
 */
export async function startPostgres(options = {}) {
  const given = process.env.RELAY_TEST_DATABASE_URL;
  if (given) return { url: given, adminUrl: given, stop: () => undefined };
  const bin = ensurePostgres();
  const root = mkdtempSync(join(tmpdir(), 'hs-relay-pg-'));
  const data = join(root, 'data');
  /** @param {string} command @param {string[]} args */
  const run = (command, args) => {
    const [file, ...rest] = isRoot()
      ? ['runuser', '-u', 'postgres', '--', join(bin, command), ...args]
      : [join(bin, command), ...args];
    return execFileSync(/** @type {string} */ (file), rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const port = await freePort();
  const settings = [
    `-c listen_addresses=127.0.0.1`,
    `-p ${port}`,
    `-k ${root}`,
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  try {
    run('initdb', ['-D', data, '-U', 'relay', '--auth=trust', '-E', 'UTF8', '--no-instructions', '--no-sync']);
    run('pg_ctl', ['-D', data, '-l', join(root, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
    run('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'relay',
      '-d',
      'postgres',
      '-qc',
      'CREATE DATABASE relay',
    ]);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const output = /** @type {{ stderr?: string }} */ (error).stderr ?? '';
    throw new Error(`Could not start PostgreSQL from ${bin}: ${output || String(error)}`);
  }
  return {
    url: `postgres://relay@127.0.0.1:${port}/relay`,
    adminUrl: `postgres://relay@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  console.log(`PostgreSQL: ${ensurePostgres()}`);
}
