/**
 * The relay state in the `meta` table (`relay`): the relay's address and the reminders given to it, with
 * their capability secrets. The page and the service worker both read it; only the page writes it. It
 * stays on this device: a backup leaves it out (see DEVICE_ONLY_META_KEYS).
 */
import { RELAY_STATE_KEY, relayStateOrNull, relayStateSchema, type RelayState } from '../domain/relay-plan';
import type { DiaryDatabase } from './database';
import { watchQuery, type Unsubscribe } from './live-query';
import { withStorage } from './lifecycle';

/** The relay state, or `null` when closed-app reminders are off (or the row does not read back). */
export function loadRelayState(db: DiaryDatabase): Promise<RelayState | null> {
  return withStorage(db, async () => relayStateOrNull((await db.meta.get(RELAY_STATE_KEY))?.value));
}

/** Change the relay state in one transaction; `null` removes it (closed-app reminders are off). */
export function updateRelayState(
  db: DiaryDatabase,
  change: (current: RelayState | null) => RelayState | null,
): Promise<RelayState | null> {
  return withStorage(
    db,
    () =>
      db.transaction('rw', db.meta, async () => {
        const next = change(relayStateOrNull((await db.meta.get(RELAY_STATE_KEY))?.value));
        if (next === null) await db.meta.delete(RELAY_STATE_KEY);
        else await db.meta.put({ key: RELAY_STATE_KEY, value: relayStateSchema.parse(next) });
        return next;
      }),
    { write: true },
  );
}

/** Follow the relay state as it changes here, in another tab or after a sync. */
export function watchRelayState(
  db: DiaryDatabase,
  onChange: (state: RelayState | null) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(
    () => withStorage(db, async () => relayStateOrNull((await db.meta.get(RELAY_STATE_KEY))?.value)),
    onChange,
    onError,
  );
}
