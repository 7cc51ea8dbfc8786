/**
 * The failures the screens tell apart, handed on from db/errors.ts: ui/ does not import db/. That module
 * loads no Dexie, so a screen can name these before the database is loaded (see state/database.ts).
 */
export {
  InvalidDayError,
  InvalidRegimenError,
  StorageFailure,
  type StorageFailureDetail,
  type StorageFailureKind,
} from '../db/errors';
