/**
 * Rows that fail their schema on read are skipped rather than crashing a screen, but never silently:
 * they are counted here so Settings can say that something could not be read (and a later backup keeps
 * the raw rows). Nothing is deleted.
 */
const counts = new Map<string, number>();
const listeners = new Set<() => void>();

export function reportUnreadableRow(table: string, _row: unknown): void {
  counts.set(table, (counts.get(table) ?? 0) + 1);
  for (const listener of listeners) listener();
}

export function unreadableRowCounts(): ReadonlyMap<string, number> {
  return counts;
}

export function onUnreadableRow(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The rows that pass their schema; the others are counted here and left in place, never deleted. */
export function readValidRows<T>(
  table: string,
  schema: { safeParse: (row: unknown) => { success: true; data: T } | { success: false } },
  rows: unknown[],
): T[] {
  return rows.flatMap((row) => {
    const result = schema.safeParse(row);
    if (result.success) return [result.data];
    reportUnreadableRow(table, row);
    return [];
  });
}
