/**
 * What a patient does to the diary, as verbs: each validates, writes, and does the follow-up the design
 * asks for (asking the browser to keep our storage after the first saved day). The database is loaded on
 * the first of them, as Today is drawn without it.
 */
import type { IsoDate } from '../domain/dates';
import type { DayEntry } from '../domain/day';
import { nowMs } from '../platform/clock';
import { requestPersistentStorage } from '../platform/storage';
import { database } from './database';

/** Save a day (validated; throws InvalidDayError or StorageFailure and writes nothing on failure). */
export async function recordDay(input: unknown, today: IsoDate): Promise<DayEntry> {
  const { diaryDb, saveDay } = await database();
  const day = await saveDay(diaryDb, input, today);
  void askToPersistOnce();
  return day;
}

export async function removeDay(date: IsoDate): Promise<DayEntry | undefined> {
  const { deleteDay, diaryDb } = await database();
  return deleteDay(diaryDb, date);
}

export async function putBackDay(day: DayEntry): Promise<void> {
  const { diaryDb, restoreDay } = await database();
  return restoreDay(diaryDb, day);
}

async function askToPersistOnce(): Promise<void> {
  try {
    const { diaryDb, loadSettings, updateSettings } = await database();
    const settings = await loadSettings(diaryDb);
    if (settings.persistenceRequestedAt !== undefined) return;
    await updateSettings(diaryDb, { persistenceRequestedAt: nowMs() });
    await requestPersistentStorage();
  } catch {
    // Asking is a courtesy; Settings shows the real state and offers the button again.
  }
}
