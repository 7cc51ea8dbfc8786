/**
 * The start-up read's rows, checked by the same schemas as every other read (see `start-read.ts`): loaded
 * only when the diary exists, since zod is a fifth of the script that draws Today.
 */
import { dayEntrySchema } from '../domain/day';
import { settingsOrDefaults } from '../domain/settings-schema';
import type { StartRead } from './start-read';
import { readValidRows } from './unreadable-rows';

/** The rows as IndexedDB answered them: the settings' `meta` row, the window's days, the day before it. */
export interface StartRows {
  settingsRow: unknown;
  dayRows: unknown[];
  lastBeforeRow: unknown;
}

export function checkStartRows({ settingsRow, dayRows, lastBeforeRow }: StartRows): StartRead {
  const settingsValue = (settingsRow as { value?: unknown } | undefined)?.value;
  return {
    settings: settingsOrDefaults(settingsValue),
    recent: {
      days: readValidRows('days', dayEntrySchema, dayRows),
      lastBefore: lastBeforeRow === undefined ? undefined : readValidRows('days', dayEntrySchema, [lastBeforeRow])[0],
    },
  };
}
