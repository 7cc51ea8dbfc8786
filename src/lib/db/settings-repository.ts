/** Settings live in the `meta` table under one key; an unreadable value falls back to the defaults. */
import { SETTINGS_KEY } from '../domain/settings';
import { settingsOrDefaults, settingsSchema, type Settings } from '../domain/settings-schema';
import type { DiaryDatabase } from './database';
import { withStorage } from './lifecycle';

export function loadSettings(db: DiaryDatabase): Promise<Settings> {
  return withStorage(db, async () => {
    const row = await db.meta.get(SETTINGS_KEY);
    return settingsOrDefaults(row?.value);
  });
}

/** Merge a change into the saved settings in one transaction. */
export function updateSettings(db: DiaryDatabase, change: Partial<Settings>): Promise<Settings> {
  return withStorage(
    db,
    () =>
      db.transaction('rw', db.meta, async () => {
        const current = settingsOrDefaults((await db.meta.get(SETTINGS_KEY))?.value);
        const next = settingsSchema.parse({ ...current, ...change });
        await db.meta.put({ key: SETTINGS_KEY, value: next });
        return next;
      }),
    { write: true },
  );
}
