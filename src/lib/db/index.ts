/** The app's database, opened once. Tests make their own `DiaryDatabase` with a fresh name instead. */
import { DiaryDatabase } from './database';

export const diaryDb = new DiaryDatabase();

export { DiaryDatabase, DATABASE_NAME, SCHEMA_VERSION } from './database';
export * from './days-repository';
export * from './settings-repository';
export {
  StorageFailure,
  InvalidDayError,
  InvalidRegimenError,
  type StorageFailureKind,
  type StorageFailureDetail,
} from './errors';
export { lifecycleOf, withStorage, type DatabaseLifecycle, type DatabaseState } from './lifecycle';
export { unreadableRowCounts, onUnreadableRow } from './unreadable-rows';
export * from './medications-repository';
export * from './drafts-repository';
