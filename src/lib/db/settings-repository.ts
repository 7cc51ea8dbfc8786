/** Settings live in the `meta` table under one key; an unreadable value falls back to the defaults. */
import { settingsSchema, type Settings } from '../domain/settings';
import type { DiaryDatabase } from './database';
import { withStorage } from './lifecycle';

const SETTINGS_KEY = 'settings';

export function loadSettings(db: DiaryDatabase): Promise<Settings> {
  return withStorage(db, async () => {
    const row = await db.meta.get(SETTINGS_KEY);
    const result = settingsSchema.safeParse(row?.value ?? {});
    return result.success ? result.data : {};
  });
}

/** Merge a change into the saved settings in one transaction. */
export function updateSettings(db: DiaryDatabase, change: Partial<Settings>): Promise<Settings> {
  return withStorage(
    db,
    () =>
      db.transaction('rw', db.meta, async () => {
        const current = settingsSchema.safeParse((await db.meta.get(SETTINGS_KEY))?.value ?? {});
        const next = settingsSchema.parse({ ...(current.success ? current.data : {}), ...change });
        await db.meta.put({ key: SETTINGS_KEY, value: next });
        return next;
      }),
    { write: true },
  );
}
