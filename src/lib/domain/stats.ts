/** Plain statistics over lists of numbers, shared by the measures, the trend chart and the summary. */

/** The arithmetic mean; `null` for an empty list (a missing value, never a zero). */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
