import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerWithin, STORAGE_ANSWER_WAIT_MS, storageAnswer } from './storage-answer.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('storageAnswer', () => {
  it('answers with the work when it is quick, and never says the storage is not answering', async () => {
    await expect(answerWithin(Promise.resolve('en'), 'none')).resolves.toBe('en');
    await vi.advanceTimersByTimeAsync(STORAGE_ANSWER_WAIT_MS * 2);
    expect(storageAnswer.state).toBe('answering');
  });

  it('gives the fallback after the wait, says so, and clears once the work answers late', async () => {
    let answer: (value: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => (answer = resolve));
    const result = answerWithin(slow, 'none');
    await vi.advanceTimersByTimeAsync(STORAGE_ANSWER_WAIT_MS);
    await expect(result).resolves.toBe('none');
    expect(storageAnswer.state).toBe('not-answering');
    answer('zh-CN');
    await vi.advanceTimersByTimeAsync(0);
    expect(storageAnswer.state).toBe('answering');
  });
});
