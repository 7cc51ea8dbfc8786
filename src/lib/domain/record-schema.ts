/** One check for the plain `{ [id]: value }` objects kept in the `meta` table (reminder and calendar state). */
import * as z from 'zod/mini';

/**
 * A plain object whose every value passes `isEntry`. Checked with `z.custom`: `z.record` would add to the
 * zod code every screen loads.
 */
export function recordOf<T>(isEntry: (entry: unknown) => boolean) {
  return z.custom<Record<string, T>>(
    (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isEntry),
  );
}
