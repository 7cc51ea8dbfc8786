import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import fixtureV1 from '../../../tests/fixtures/db-v1.json';
import fixtureV2 from '../../../tests/fixtures/db-v2.json';
import { LEGACY_SCHEMAS } from '../../../tests/fixtures/legacy-schemas';
import { dayEntrySchema } from '../domain/day';
import { emptyDraft } from '../domain/day-draft';
import { makeDraft } from '../domain/drafts';
import { restorableDraft, storedDraftSchema, type StoredDraft } from '../domain/draft-schemas';
import { doseLogSchema, medicationSchema, regimenEventSchema, reminderSchema } from '../domain/medication';
import { settingsSchema } from '../domain/settings-schema';
import { visitSchema } from '../domain/visit';
import { DiaryDatabase, SCHEMA_VERSION } from './database';
import { loadDraft, saveDraft } from './drafts-repository';

const SCHEMAS_BY_TABLE: Record<string, { safeParse: (value: unknown) => { success: boolean } }> = {
  days: dayEntrySchema,
  medications: medicationSchema,
  regimenEvents: regimenEventSchema,
  doseLogs: doseLogSchema,
  reminders: reminderSchema,
  visits: visitSchema,
  drafts: storedDraftSchema,
};

type Fixture = { schemaVersion: number; tables: Record<string, unknown[]> };
const FIXTURES: Record<number, Fixture> = { 1: fixtureV1, 2: fixtureV2 };
// A day after the version-2 fixture's drafts were typed.
const NOW = Date.UTC(2025, 10, 3, 12);
const openDatabases: Dexie[] = [];

afterEach(async () => {
  for (const db of openDatabases.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** Write a fixture with the frozen schema of its version, as an older build would have. */
async function createLegacyDatabase(name: string, version: number): Promise<void> {
  const legacy = new Dexie(name);
  legacy.version(version).stores(LEGACY_SCHEMAS[version] as Record<string, string>);
  await legacy.open();
  const fixture = FIXTURES[version] as Fixture;
  await legacy.transaction('rw', legacy.tables, async () => {
    for (const [table, rows] of Object.entries(fixture.tables)) await legacy.table(table).bulkAdd(rows);
  });
  legacy.close();
}

describe('DiaryDatabase', () => {
  it('has every table of the design at the current version', async () => {
    const db = new DiaryDatabase(`schema-${crypto.randomUUID()}`);
    openDatabases.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      ['days', 'doseLogs', 'drafts', 'medications', 'meta', 'regimenEvents', 'reminders', 'visits'].sort(),
    );
  });

  it.each(Object.keys(FIXTURES).map(Number))(
    'opens a version %i fixture with the current code and loses nothing',
    async (version) => {
      const name = `fixture-v${version}-${crypto.randomUUID()}`;
      await createLegacyDatabase(name, version);
      const db = new DiaryDatabase(name);
      openDatabases.push(db);
      await db.open();
      const fixture = FIXTURES[version] as Fixture;
      for (const [table, rows] of Object.entries(fixture.tables)) {
        const stored = await db.table(table).toArray();
        expect(stored, table).toHaveLength(rows.length);
        const schema = SCHEMAS_BY_TABLE[table];
        for (const row of stored) {
          if (schema) expect(schema.safeParse(row).success, `${table} ${JSON.stringify(row)}`).toBe(true);
        }
      }
      const settings = await db.meta.get('settings');
      expect(settingsSchema.parse(settings?.value)).toEqual({ locale: 'zh-CN', persistenceRequestedAt: 1761998400000 });
    },
  );

  it('has a fixture for every version up to the current one', () => {
    expect(Object.keys(FIXTURES).map(Number)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1));
  });

  it.each(Object.keys(FIXTURES).map(Number))(
    'a version %i database upgraded to the current one keeps drafts (and restores the ones it holds)',
    async (version) => {
      const name = `drafts-v${version}-${crypto.randomUUID()}`;
      await createLegacyDatabase(name, version);
      const db = new DiaryDatabase(name);
      openDatabases.push(db);
      const fixture = FIXTURES[version] as Fixture;
      const stored = (fixture.tables.drafts ?? []) as StoredDraft[];
      for (const draft of stored) {
        const restored = await loadDraft(db, draft.form, draft.key, NOW);
        expect(restored?.values, draft.key).toEqual(restorableDraft(draft, draft.form, draft.key, NOW)?.values);
        expect(restored, draft.key).not.toBeNull();
      }
      const typed = makeDraft(
        'day',
        'day:2026-11-03',
        { ...emptyDraft(), pain: 7 },
        { baseUpdatedAt: null, nowMs: NOW },
      );
      await saveDraft(db, typed);
      expect(await loadDraft(db, 'day', 'day:2026-11-03', NOW)).toMatchObject({ values: typed.values });
      expect(await db.days.count()).toBe(fixture.tables.days?.length);
    },
  );
});
