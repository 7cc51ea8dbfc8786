/** Storage persistence and space for Settings, refreshed on demand. */
import { countDays, diaryDb, onUnreadableRow, unreadableRowCounts } from '../db';
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

  follow(): () => void {
    void this.refresh();
    return onUnreadableRow(() => void this.refresh());
  }

  async askToPersist(): Promise<void> {
    const granted = await requestPersistentStorage();
    this.persistRefused = granted === false;
    await this.refresh();
  }
}
