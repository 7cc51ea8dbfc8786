/**
 * The one place that defines the IndexedDB schema. Every version stays listed in order, forever: a
 * patient's browser may still hold a database from the first release, and Dexie upgrades it step by step.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { DayEntry } from '../domain/day';
import type { StoredDraft } from '../domain/draft-schemas';
import type { DoseLog, Medication, RegimenEvent, Reminder } from '../domain/medication';
import type { MetaRow } from '../domain/settings';
import type { Visit } from '../domain/visit';
import { attachLifecycle } from './lifecycle';
import { DATABASE_NAME, SCHEMA_VERSION } from './schema-version';

export { DATABASE_NAME, SCHEMA_VERSION };

export class DiaryDatabase extends Dexie {
  days!: Table<DayEntry, string>;
  medications!: EntityTable<Medication, 'id'>;
  regimenEvents!: EntityTable<RegimenEvent, 'id'>;
  doseLogs!: EntityTable<DoseLog, 'id'>;
  reminders!: EntityTable<Reminder, 'id'>;
  visits!: EntityTable<Visit, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  /** What the patient typed and has not saved (../domain/drafts.ts); transient, never in a backup. */
  drafts!: EntityTable<StoredDraft, 'key'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      days: 'date',
      medications: 'id, name',
      regimenEvents: 'id, medicationId, date, [medicationId+date]',
      doseLogs: 'id, medicationId, scheduledFor, [medicationId+scheduledFor]',
      reminders: 'id, kind, medicationId',
      visits: 'id, date',
      meta: 'key',
    });
    // 2: unsaved input kept as the patient types. A new table only: no row of version 1 changes.
    this.version(2).stores({ drafts: 'key' });
    // Another tab's upgrade, a blocked upgrade, a newer database: handled in one place (lifecycle.ts).
    attachLifecycle(this, SCHEMA_VERSION);
  }
}
