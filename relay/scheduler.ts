/**
 * The relay's clock work: each tick moves the reminders due by now into the outbox (one transaction per
 * batch, so a restart neither loses nor repeats a due time), and after each batch sends what the outbox holds, leasing each
 * send first so another relay on the same database leaves it alone, and applies the rules of policy.ts to
 * each answer. Ticks never overlap; the clock is injected, so tests drive it without waiting.
 */
import { decideAfterSend, planDue } from './policy';
import type { PushSender } from './push-sender';
import type { RelayStore, SendJob } from './store/types';

export interface TickReport {
  scheduled: number;
  sent: number;
  retried: number;
  gone: number;
  gaveUp: number;
}

export interface SchedulerOptions {
  clock?: () => number;
  random?: () => number;
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  log?: (message: string) => void;
}

export class Scheduler {
  readonly #store: RelayStore;
  readonly #sender: PushSender;
  readonly #clock: () => number;
  readonly #random: () => number;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #log: (message: string) => void;
  #running: Promise<TickReport> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(store: RelayStore, sender: PushSender, options: SchedulerOptions = {}) {
    this.#store = store;
    this.#sender = sender;
    this.#clock = options.clock ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#batchSize = options.batchSize ?? 500;
    this.#concurrency = options.concurrency ?? 64;
    this.#leaseMs = options.leaseMs ?? 120_000;
    this.#log = options.log ?? (() => undefined);
  }

  /** One pass: schedule what is due, send what is ready. A tick asked for while one runs waits for it. */
  tick(): Promise<TickReport> {
    this.#running ??= this.#pass().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #pass(): Promise<TickReport> {
    const report: TickReport = { scheduled: 0, sent: 0, retried: 0, gone: 0, gaveUp: 0 };
    const nowMs = this.#clock();
    // Each batch of due reminders is sent before the next is planned, so when thousands fall due at once
    // the first pushes leave at once instead of after all of them are planned.
    for (;;) {
      const claimed = await this.#store.scheduleDue(nowMs, this.#batchSize, (due) => planDue(due, nowMs));
      report.scheduled += claimed;
      // Sends are leased as many at a time as go out at once, each from the moment it is taken: a lease
      // must outlast its own push, however long the pass has run, or another relay would push it too.
      for (;;) {
        const limit = Math.min(this.#batchSize, this.#concurrency);
        const jobs = await this.#store.leaseSends(nowMs, limit, this.#clock() + this.#leaseMs);
        if (jobs.length === 0) break;
        await this.#sendAll(jobs, report);
      }
      if (claimed < this.#batchSize) break;
    }
    return report;
  }

  async #sendAll(jobs: SendJob[], report: TickReport): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        if (job) await this.#sendOne(job, report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, jobs.length) }, worker));
  }

  async #sendOne(job: SendJob, report: TickReport): Promise<void> {
    const outcome = await this.#sender.send(job, this.#clock());
    const decision = decideAfterSend(outcome, job, this.#clock(), this.#random);
    switch (decision.kind) {
      case 'sent':
        report.sent++;
        return this.#store.finishSend(job.reminderId, job.dueMs);
      case 'gone':
        report.gone++;
        return this.#store.dropReminder(job.reminderId);
      case 'retry':
        report.retried++;
        return this.#store.retrySend(job.reminderId, job.dueMs, decision.attempts, decision.atMs);
      case 'give-up':
        report.gaveUp++;
        this.#log(`reminder ${job.reminderId}: gave up (${decision.reason})`);
        return this.#store.finishSend(job.reminderId, job.dueMs);
    }
  }

  /** Tick every `intervalMs` until `stop()`; a failed tick is logged and the next one tries again. */
  start(intervalMs = 1000): void {
    const loop = () => {
      this.tick()
        .catch((error: unknown) => this.#log(`tick failed: ${String(error)}`))
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(loop, intervalMs);
        });
    };
    this.#timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
