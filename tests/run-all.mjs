// @ts-check
/**
 * `npm test`: every check and test of the project, as CI runs them, two at a time on a two-core machine
 * instead of one after another. The steps are the package's own scripts; only their order and overlap
 * are decided here: the build goes first, so the browser tests (the longest step, which need it) start as
 * soon as possible, while the static checks and the unit tests take the other slot one after another. Each
 * step's output is printed in one piece (a failed step's last, see run-steps.mjs), then a table of how long
 * each took; the exit code is 1 if any failed.
 *   node tests/run-all.mjs            (TEST_JOBS=1 runs the steps one after another)
 */
import os from 'node:os';
import { runSteps } from './run-steps.mjs';

/** @typedef {{ name: string, script: string, args?: string[], needs?: string, env?: import('./run-steps.mjs').StepEnv }} Step */

/** In the order they are started when a slot is free; a step waits for the one it `needs` to pass. */
/** @type {Step[]} */
const STEPS = [
  { name: 'build', script: 'build' },
  { name: 'check', script: 'check' },
  // The browser tests, three files at a time in one step: a browser test spends much of its time waiting
  // on the page (timers, the network going quiet, a worker installing), and a third file's work fills those
  // waits. Measured on this two-core machine with a cold lint cache (issue 14): npm test 517 s with two at a
  // time (browser tests 484 s), 407 s with three (332 s); the cores were busy throughout either way
  // (vmstat's idle 0). Vitest hands the next file to whichever worker is free. E2E_WORKERS=1 runs them one
  // at a time.
  { name: 'test:e2e', script: 'test:e2e', needs: 'build', env: { E2E_WORKERS: process.env.E2E_WORKERS ?? '3' } },
  { name: 'lint', script: 'lint' },
  // Last, so that once the browser tests end the remaining steps can run side by side. One worker beside the
  // browser tests (two then starved each other: a 2 s component test ran past its 20 s limit), every core once
  // they have ended: alone with one worker, the unit tests kept one core of two busy for about a minute.
  {
    name: 'test:unit',
    script: 'test:unit',
    env: (running) => ({ UNIT_WORKERS: String(running.has('test:e2e') ? 1 : os.availableParallelism()) }),
  },
  { name: 'test:relay', script: 'test:relay' },
  { name: 'format:check', script: 'format:check' },
];

const jobs = Math.max(1, Number(process.env.TEST_JOBS) || Math.min(2, os.availableParallelism()));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// FORCE_COLOR keeps the tools' colours although their output goes to a pipe first (every step inherits it).
process.env.FORCE_COLOR = process.stdout.isTTY ? '1' : '0';

const started = Date.now();
const results = await runSteps(
  STEPS.map(({ script, args, ...step }) => ({
    ...step,
    command: [npm, 'run', '--silent', script, ...(args ? ['--', ...args] : [])],
  })),
  jobs,
  (text) => process.stdout.write(text),
);
console.log(`\n${'═'.repeat(78)}`);
for (const step of STEPS) {
  const result = results.get(step.name);
  console.log(`${result?.ok ? '✓' : '✗'} ${step.name.padEnd(14)} ${result ? `${result.seconds.toFixed(1)} s` : ''}`);
}
console.log(`npm test: ${((Date.now() - started) / 1000).toFixed(1)} s with ${jobs} at a time`);
if ([...results.values()].some((result) => !result.ok)) process.exitCode = 1;
