/**
 * What a patient does to the diary, as verbs: each validates, writes, and does the follow-up the design
 * asks for (asking the browser to keep our storage after the first saved day).
 */
import type { IsoDate } from '../domain/dates';
import type { DayEntry } from '../domain/day';
import { deleteDay, diaryDb, loadSettings, restoreDay, saveDay, updateSettings } from '../db';
import { nowMs } from '../platform/clock';
import { requestPersistentStorage } from '../platform/storage';

/** Save a day (validated; throws InvalidDayError or StorageFailure and writes nothing on failure). */
export async function recordDay(input: unknown, today: IsoDate): Promise<DayEntry> {
  const day = await saveDay(diaryDb, input, today);
  void askToPersistOnce();
  return day;
}

export function removeDay(date: IsoDate): Promise<DayEntry | undefined> {
  return deleteDay(diaryDb, date);
}

export function putBackDay(day: DayEntry): Promise<void> {
  return restoreDay(diaryDb, day);
}

async function askToPersistOnce(): Promise<void> {
  try {
    const settings = await loadSettings(diaryDb);
    if (settings.persistenceRequestedAt !== undefined) return;
    await updateSettings(diaryDb, { persistenceRequestedAt: nowMs() });
    await requestPersistentStorage();
  } catch {
    // Asking is a courtesy; Settings shows the real state and offers the button again.
  }
}
