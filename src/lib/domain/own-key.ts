/**
 * Look-ups by a key that came from outside (a backup, a scanned code): only the table's own entries
 * count. `names['constructor']` on a plain object is `Object`, a function, and once showed as
 * "function Object() { [native code] }" where a medicine's name belonged.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
