/**
 * The start times the storage, not the schemas that then check what it read: on a phone without the service
 * worker's cache those are a fetch (db/start-read.ts). A slow one must not start the app in the browser's
 * language, nor say that the storage is not answering; one that never comes must not keep the app from
 * starting; one that fails leaves the language to Dexie.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StartRead } from '../db/start-read';
import { i18n } from '../i18n/locale.svelte';
import { database } from './database';
import { loadStartupSettings, START_CHECK_WAIT_MS } from './settings.svelte';
import { STORAGE_ANSWER_WAIT_MS, storageAnswer } from './storage-answer.svelte';

const startRead = vi.hoisted(() => {
  const state = {
    checked: Promise.resolve({} as StartRead),
    check: (_read: StartRead) => undefined as void,
    fail: () => undefined as void,
    /** The next start-up read: the storage answers at once, the rows' check waits for the test. */
    next() {
      state.checked = new Promise<StartRead>((resolve, reject) => {
        state.check = resolve;
        state.fail = () => reject(new Error('the schemas did not load'));
      });
    },
  };
  return state;
});

vi.mock('./diary-at-start', () => ({ findDiaryAtStart: () => Promise.resolve({ checked: startRead.checked }) }));

const CHINESE_SETTINGS: StartRead = { settings: { locale: 'zh-CN' }, recent: { days: [], lastBefore: undefined } };

afterEach(async () => {
  vi.useRealTimers();
  await i18n.use('en');
});

describe('loadStartupSettings', () => {
  it('waits past the storage wait for the stored rows to be checked, without saying the storage is not answering', async () => {
    expect(STORAGE_ANSWER_WAIT_MS * 2).toBeLessThan(START_CHECK_WAIT_MS);
    startRead.next();
    vi.useFakeTimers();
    let isStarted = false;
    const starting = loadStartupSettings().then(() => (isStarted = true));
    await vi.advanceTimersByTimeAsync(STORAGE_ANSWER_WAIT_MS * 2);
    expect(storageAnswer.state).toBe('answering');
    expect(isStarted).toBe(false);

    startRead.check(CHINESE_SETTINGS);
    await starting;
    expect(i18n.code).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(storageAnswer.state).toBe('answering');
  });

  it('starts in the browser language when the check has not come in time, and switches once it comes', async () => {
    startRead.next();
    vi.useFakeTimers();
    const starting = loadStartupSettings();
    await vi.advanceTimersByTimeAsync(START_CHECK_WAIT_MS);
    await starting;
    expect(i18n.code).toBe('en');
    expect(storageAnswer.state).toBe('answering');

    startRead.check(CHINESE_SETTINGS);
    await vi.waitFor(() => expect(i18n.code).toBe('zh-CN'));
  });

  it('reads the language through Dexie when the check cannot load', async () => {
    const { diaryDb, updateSettings } = await database();
    await updateSettings(diaryDb, { locale: 'zh-CN' });
    startRead.next();
    startRead.fail();
    await loadStartupSettings();
    expect(i18n.code).toBe('zh-CN');
  });
});
