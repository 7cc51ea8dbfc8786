/** One check for the plain `{ [id]: value }` objects kept in the `meta` table (reminder and calendar state). */
import * as z from 'zod/mini';

export interface RecordRules {
  /** Every key must pass this (ids written into files and notification tags are held to a pattern). */
  isKey?: (key: string) => boolean;
  maxEntries?: number;
}

/**
 * A plain object whose every value passes `isEntry` (and every key `rules.isKey`). Checked with
 * `z.custom`: `z.record` would add to the zod code every screen loads.
 */
export function recordOf<T>(isEntry: (entry: unknown) => boolean, rules: RecordRules = {}) {
  return z.custom<Record<string, T>>((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    if (rules.maxEntries !== undefined && entries.length > rules.maxEntries) return false;
    return entries.every(([key, entry]) => (rules.isKey?.(key) ?? true) && isEntry(entry));
  });
}
