import { describe, expect, it } from 'vitest';
import { runSteps } from './run-steps.mjs';

/** A step that prints `text` and exits with `code`, after `delayMs`. */
const step = (name: string, text: string, code: number, delayMs = 0, needs?: string) => ({
  name,
  command: [
    process.execPath,
    '-e',
    `setTimeout(() => { console.log(${JSON.stringify(text)}); process.exit(${code}); }, ${delayMs})`,
  ],
  ...(needs === undefined ? {} : { needs }),
});

/** Runs `steps` as npm test does, and gives back what it printed beside the results. */
async function report(steps: Parameters<typeof runSteps>[0], jobs: number) {
  let printed = '';
  const results = await runSteps(steps, jobs, (text) => (printed += String(text)));
  return { printed, results };
}

describe('runSteps', () => {
  it('prints a failed step’s output after every step that passed, even those that ended later', async () => {
    const { printed, results } = await report(
      [step('fails-first', 'the reason it failed', 1), step('passes-later', 'all good', 0, 300)],
      2,
    );
    expect(results.get('fails-first')?.ok).toBe(false);
    expect(results.get('passes-later')?.ok).toBe(true);
    expect(printed.indexOf('all good')).toBeGreaterThan(-1);
    expect(printed.indexOf('the reason it failed')).toBeGreaterThan(printed.indexOf('all good'));
    // The failure's output is the last thing printed, so the tail of a long log shows it.
    expect(printed.trimEnd().endsWith('the reason it failed')).toBe(true);
    expect(printed).toContain('fails-first failed after');
  });

  it('runs the other steps after one fails, and skips those that need it', async () => {
    const { printed, results } = await report(
      [step('build', 'broken', 2), step('uses-build', 'never', 0, 0, 'build'), step('lint', 'linted', 0)],
      1,
    );
    expect(results.get('lint')?.ok).toBe(true);
    expect(results.get('uses-build')).toEqual({ ok: false, seconds: 0 });
    expect(printed).not.toContain('never');
    expect(printed).toContain('uses-build: skipped, build failed');
  });

  it('runs no more than `jobs` steps at once', async () => {
    const { printed } = await report([step('a', 'A', 0, 200), step('b', 'B', 0, 0), step('c', 'C', 0, 0)], 1);
    expect(printed.indexOf('▶ b')).toBeGreaterThan(printed.indexOf('A'));
    expect(printed.indexOf('▶ c')).toBeGreaterThan(printed.indexOf('B'));
  });

  it('gives a step whose environment is a function the steps running as it starts', async () => {
    const printsWorkers = (name: string) => ({
      name,
      command: [process.execPath, '-e', 'console.log(`workers=${process.env.WORKERS}`)'],
      env: (running: ReadonlySet<string>) => ({ WORKERS: running.has('long') ? '1' : '2' }),
    });
    const { printed } = await report(
      [step('long', 'long done', 0, 400), printsWorkers('beside'), step('after', 'A', 0, 600), printsWorkers('alone')],
      2,
    );
    expect(printed.slice(printed.indexOf('✓ beside'))).toMatch(/^✓ beside[^\n]*\n[^\n]*\nworkers=1/);
    expect(printed.slice(printed.indexOf('✓ alone'))).toMatch(/^✓ alone[^\n]*\n[^\n]*\nworkers=2/);
  });

  it('reports a command that cannot be started as a failure', async () => {
    const { printed, results } = await report([{ name: 'missing', command: ['/no/such/program'] }], 1);
    expect(results.get('missing')?.ok).toBe(false);
    expect(printed).toContain('/no/such/program could not be started');
  });
});
