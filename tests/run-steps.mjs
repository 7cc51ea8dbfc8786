// @ts-check
/**
 * Runs commands `jobs` at a time, as `npm test` does (tests/run-all.mjs), and reports each one's output in a
 * piece. A step's output is printed when it ends if it passed; a failed step's output is held back and
 * printed after all the others: CI shows only the tail of a long log, and a failure printed when it ended was
 * out of sight below the steps that passed after it. Every step runs even after one fails (unless it `needs`
 * the one that failed), so one run reports every failure.
 */
import { spawn } from 'node:child_process';

/**
 * @typedef {Record<string, string> | ((running: ReadonlySet<string>) => Record<string, string>)} StepEnv
 *   a step's environment, or a function of the names of the steps running as it starts (a test runner may
 *   take more workers when the step that keeps the cores busy has ended)
 * @typedef {{ name: string, command: string[], needs?: string, env?: StepEnv }} Step
 * @typedef {{ ok: boolean, seconds: number }} StepResult
 */

/**
 * @param {Step[]} steps in the order they are started when a slot is free; a step waits for the one it
 *   `needs` to pass, and is skipped if that one failed
 * @param {number} jobs how many run at once
 * @param {(text: string | Buffer) => void} write where every line of the report goes
 * @returns {Promise<Map<string, StepResult>>} each step's result, by name
 */
export async function runSteps(steps, jobs, write) {
  /** @type {Map<string, StepResult>} */
  const results = new Map();
  /** @type {Set<string>} */
  const running = new Set();
  /** What failed steps printed, in the order they ended. @type {{ heading: string, text: Buffer }[]} */
  const failedOutputs = [];

  /** @param {string} heading @param {Buffer} text */
  const printOutput = (heading, text) => {
    write(`\n${'─'.repeat(78)}\n${heading}\n${'─'.repeat(78)}\n`);
    write(text);
    // The next line starts a line of its own, whatever the step printed last.
    if (text.length > 0 && text.at(-1) !== 0x0a) write('\n');
  };

  /** @param {Step} step @returns {Promise<void>} */
  const run = (step) => {
    const env = typeof step.env === 'function' ? step.env(new Set(running)) : step.env;
    running.add(step.name);
    const begin = Date.now();
    write(`▶ ${step.name}\n`);
    return new Promise((resolve) => {
      const [program, ...args] = step.command;
      const child = spawn(program ?? '', args, {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      /** @type {Buffer[]} */
      const output = [];
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      const end = (/** @type {boolean} */ ok, /** @type {Buffer} */ text) => {
        const seconds = (Date.now() - begin) / 1000;
        running.delete(step.name);
        results.set(step.name, { ok, seconds });
        const heading = `${ok ? '✓' : '✗'} ${step.name} (${seconds.toFixed(1)} s)`;
        if (ok) printOutput(heading, text);
        else {
          write(`\n✗ ${step.name} failed after ${seconds.toFixed(1)} s; its output is printed at the end\n`);
          failedOutputs.push({ heading, text });
        }
        resolve();
      };
      child.on('error', (error) => end(false, Buffer.from(`${program} could not be started: ${error.message}\n`)));
      child.on('close', (code) => end(code === 0, Buffer.concat(output)));
    });
  };

  const waiting = [...steps];
  await new Promise((done) => {
    const startWhatCan = () => {
      for (const step of [...waiting]) {
        if (running.size >= jobs) break;
        const need = step.needs === undefined ? undefined : results.get(step.needs);
        if (step.needs !== undefined && need === undefined) continue;
        waiting.splice(waiting.indexOf(step), 1);
        if (need && !need.ok) {
          results.set(step.name, { ok: false, seconds: 0 });
          write(`✗ ${step.name}: skipped, ${step.needs} failed\n`);
          continue;
        }
        void run(step).then(startWhatCan);
      }
      if (running.size === 0) done(undefined);
    };
    startWhatCan();
  });
  for (const { heading, text } of failedOutputs) printOutput(heading, text);
  return results;
}
