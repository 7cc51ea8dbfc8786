/** Storage persistence and space for Settings, refreshed on demand. */
import { countDays, diaryDb, onUnreadableRow, unreadableRowCounts, watchDayCount } from '../db';
import { readStorageStatus, requestPersistentStorage, type StorageStatus } from '../platform/storage';

export class StorageStatusState {
  status = $state.raw<StorageStatus | null>(null);
  daysLogged = $state<number | null>(null);
  unreadableRows = $state(0);
  persistRefused = $state(false);

  async refresh(): Promise<void> {
    const [status, days] = await Promise.all([readStorageStatus(), countDays(diaryDb).catch(() => null)]);
    this.status = status;
    this.daysLogged = days;
    this.unreadableRows = [...unreadableRowCounts().values()].reduce((sum, count) => sum + count, 0);
  }

  /** Refresh now, and follow the day count as it changes (an import, another tab), not only on the next visit. */
  follow(): () => void {
    void this.refresh();
    const stopUnreadable = onUnreadableRow(() => void this.refresh());
    const stopCount = watchDayCount(
      diaryDb,
      (count) => (this.daysLogged = count),
      () => undefined, // the count stays as last read; Settings shows storage failures elsewhere
    );
    return () => {
      stopUnreadable();
      stopCount();
    };
  }

  async askToPersist(): Promise<void> {
    const granted = await requestPersistentStorage();
    this.persistRefused = granted === false;
    await this.refresh();
  }
}
