/**
 * The start times the storage, not the schemas that then check what it read: on a phone without the service
 * worker's cache those are a fetch (db/start-read.ts), and a slow one must neither start the app in the
 * browser's language nor say that the storage is not answering.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StartRead } from '../db/start-read';
import { i18n } from '../i18n/locale.svelte';
import { loadStartupSettings } from './settings.svelte';
import { STORAGE_ANSWER_WAIT_MS, storageAnswer } from './storage-answer.svelte';

const startRead = vi.hoisted(() => {
  let check: (read: StartRead) => void = () => undefined;
  const checked = new Promise<StartRead>((resolve) => (check = resolve));
  return { checked, check };
});

// The storage answers at once; the rows' check waits for the test.
vi.mock('./diary-at-start', () => ({ findDiaryAtStart: () => Promise.resolve({ checked: startRead.checked }) }));

afterEach(() => vi.useRealTimers());

describe('loadStartupSettings', () => {
  it('waits for the stored rows to be checked, however long that takes, without saying the storage is not answering', async () => {
    vi.useFakeTimers();
    expect(i18n.code).toBe('en');
    let isStarted = false;
    const starting = loadStartupSettings().then(() => (isStarted = true));
    await vi.advanceTimersByTimeAsync(STORAGE_ANSWER_WAIT_MS * 2);
    expect(storageAnswer.state).toBe('answering');
    expect(isStarted).toBe(false);

    startRead.check({ settings: { locale: 'zh-CN' }, recent: { days: [], lastBefore: undefined } });
    await starting;
    expect(i18n.code).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(storageAnswer.state).toBe('answering');
  });
});
