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
