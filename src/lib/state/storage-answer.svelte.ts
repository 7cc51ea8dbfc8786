/**
 * Whether the browser's storage answers. IndexedDB can leave an open request unanswered for good (a known
 * WebKit failure), or queue it behind another tab's blocked upgrade; the app must then still start and say
 * what is wrong, instead of showing its start-up text forever. Work watched here that takes longer than
 * `STORAGE_ANSWER_WAIT_MS` marks the storage as not answering, and from then on a fresh open is tried every
 * few seconds, so the patient learns when a reload will help.
 */
import { storageAnswers } from '../db/start-read';

/** How long the app waits for the storage before starting without it and saying so. */
export const STORAGE_ANSWER_WAIT_MS = 4_000;
/** How often a fresh open is tried while the storage does not answer. */
export const STORAGE_RETRY_MS = 5_000;

export type StorageAnswerState = 'answering' | 'not-answering' | 'answers-again';

class StorageAnswer {
  /** `answers-again`: a fresh open succeeded while the first is still waiting; a reload gets the app going. */
  state = $state<StorageAnswerState>('answering');
  #pending = 0;
  #waitTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setInterval> | undefined;
  #isRetrying = false;

  /** Watches storage work; says the storage is not answering while it takes longer than the wait. */
  watch<T>(work: Promise<T>): Promise<T> {
    this.#pending += 1;
    this.#waitTimer ??= setTimeout(() => this.#stall(), STORAGE_ANSWER_WAIT_MS);
    const settle = () => {
      this.#pending -= 1;
      if (this.#pending > 0) return;
      this.#stop();
      this.state = 'answering';
    };
    work.then(settle, settle);
    return work;
  }

  #stall(): void {
    this.#waitTimer = undefined;
    if (this.#pending === 0) return;
    this.state = 'not-answering';
    this.#retryTimer ??= setInterval(() => void this.#retry(), STORAGE_RETRY_MS);
  }

  async #retry(): Promise<void> {
    // One fresh open at a time: when the browser queues opens, more of them would only lengthen the queue.
    if (this.#isRetrying) return;
    this.#isRetrying = true;
    await storageAnswers();
    this.#isRetrying = false;
    if (this.state === 'not-answering') this.state = 'answers-again';
  }

  #stop(): void {
    clearTimeout(this.#waitTimer);
    clearInterval(this.#retryTimer);
    this.#waitTimer = undefined;
    this.#retryTimer = undefined;
  }
}

export const storageAnswer = new StorageAnswer();

/** `work`, or `fallback` if it has not answered within the wait (the work goes on, still watched). */
export function answerWithin<T, F>(work: Promise<T>, fallback: F): Promise<T | F> {
  storageAnswer.watch(work).catch(() => undefined);
  return settledWithin(work, STORAGE_ANSWER_WAIT_MS, fallback);
}

/** `work`, or `fallback` if it has not settled within `waitMs` (the work goes on). */
export function settledWithin<T, F>(work: Promise<T>, waitMs: number, fallback: F): Promise<T | F> {
  return Promise.race([work, new Promise<F>((resolve) => setTimeout(() => resolve(fallback), waitMs))]);
}
