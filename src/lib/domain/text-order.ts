/**
 * Ordering of machine text: ISO dates, `YYYY-MM-DDTHH:mm` times and ids. Compared by UTF-16 code unit,
 * which orders ISO dates and times correctly. `localeCompare` would ask ICU's collator, whose first use
 * costs tens of milliseconds of main-thread time as the app starts, for text no person reads as words.
 * Names a person reads are still ordered with `localeCompare`.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
