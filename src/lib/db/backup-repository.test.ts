/** Backups against a real (fake-indexeddb) database: export then import gives the diary back, all or nothing. */
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupFactory, emptyBackupTables } from '../../../tests/factories/backup-factory';
import { dayFactory } from '../../../tests/factories/day-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { diaryArbitrary } from '../../../tests/fixtures/diary-arbitrary';
import { createLegacyDatabase, VERSION_FIXTURES, type DatabaseFixture } from '../../../tests/fixtures/legacy-database';
import { LEGACY_SCHEMAS } from '../../../tests/fixtures/legacy-schemas';
import unreadableJson from '../../../tests/fixtures/unreadable-v1.json';
import {
  BACKUP_TABLES,
  checkBackupRow,
  DATA_TABLES,
  primaryKeyOf,
  type BackupFile,
  type BackupTable,
  type BackupTables,
} from '../domain/backup-format';
import { dayEntrySchema } from '../domain/day';
import { emptyDraft } from '../domain/day-draft';
import { makeDraft } from '../domain/drafts';
import { medicationSchema } from '../domain/medication';
import { visitSchema } from '../domain/visit';
import { makeBackupFile, readBackup } from '../export/backup';
import {
  applyImport,
  ImportCancelledError,
  ImportRefusedError,
  previewImport,
  quarantineUnreadable,
  readBackupTables,
  watchBackupStatus,
  type BackupStatus,
} from './backup-repository';
import { DiaryDatabase, SCHEMA_VERSION } from './database';
import { saveDraft } from './drafts-repository';
import { StorageFailure } from './errors';

const NOW = Date.UTC(2026, 10, 26, 12);
const unreadableFixture = unreadableJson as unknown as DatabaseFixture;
const TODAY = '2026-11-26';
const about = { appVersion: '0.1.0', schemaVersion: SCHEMA_VERSION, exportedAt: NOW, date: TODAY };
const opened: Dexie[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function freshDatabase(): Promise<DiaryDatabase> {
  const db = new DiaryDatabase(`backup-${crypto.randomUUID()}`);
  opened.push(db);
  await db.open();
  return db;
}

async function seed(db: DiaryDatabase, tables: Partial<Record<BackupTable, unknown[]>>): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const [table, rows] of Object.entries(tables)) await db.table(table).bulkPut(rows);
  });
}

/** Every table's rows, sorted by primary key, as stored. */
async function contents(db: DiaryDatabase): Promise<Record<BackupTable, unknown[]>> {
  const entries = await Promise.all(
    BACKUP_TABLES.map(async (table) => {
      const rows = await db.table(table).toArray();
      return [table, rows.sort((a, b) => primaryKeyOf(table, a).localeCompare(primaryKeyOf(table, b)))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<BackupTable, unknown[]>;
}

function sortedTables(tables: BackupTables): Record<BackupTable, unknown[]> {
  return Object.fromEntries(
    BACKUP_TABLES.map((table) => [
      table,
      [...(tables[table] as unknown[])].sort((a, b) => primaryKeyOf(table, a).localeCompare(primaryKeyOf(table, b))),
    ]),
  ) as Record<BackupTable, unknown[]>;
}

/** Count every write to `db` from now on (Dexie's hooks see each put, add and delete). */
function countWrites(db: DiaryDatabase): () => number {
  let writes = 0;
  const count = () => void (writes += 1);
  for (const table of db.tables) {
    table.hook('creating', count);
    table.hook('updating', count);
    table.hook('deleting', count);
  }
  return () => writes;
}

/** Export `db` through the real file path, optionally encrypted with a low iteration count (tests only). */
async function exportText(db: DiaryDatabase, passphrase?: string): Promise<string> {
  const tables = await readBackupTables(db, { now: NOW });
  const file = await makeBackupFile(tables, about, passphrase ? { passphrase, iterations: 1_000 } : {});
  return file.text();
}

async function readPlain(text: string, passphrase?: string): Promise<BackupFile> {
  const result = await readBackup(text, {
    schemaVersion: SCHEMA_VERSION,
    nowMs: Date.now(),
    ...(passphrase ? { passphrase, minIterations: 1_000 } : {}),
  });
  if (result.kind !== 'plain') throw new Error(`not a plain backup: ${JSON.stringify(result)}`);
  return result.backup;
}

describe('export then import', () => {
  it.each([
    ['plain', undefined],
    ['encrypted', 'a long passphrase'],
  ])(
    'gives back any valid diary exactly, and a second import changes nothing (%s, property)',
    async (_kind, passphrase) => {
      await fc.assert(
        fc.asyncProperty(diaryArbitrary, async (diary) => {
          const source = await freshDatabase();
          await seed(source, diary);
          const backup = await readPlain(await exportText(source, passphrase), passphrase);

          const target = await freshDatabase();
          const firstWrites = countWrites(target);
          const first = await applyImport(target, backup, 'merge', { now: NOW });
          const imported = await contents(target);
          const expected = sortedTables(diary);
          for (const table of DATA_TABLES) expect(imported[table], table).toEqual(expected[table]);
          expect(imported.meta.filter((row) => (row as { key: string }).key !== 'settings')).toEqual(
            expected.meta.filter((row) => (row as { key: string }).key !== 'settings'),
          );
          const locale = (diary.meta.find((row) => row.key === 'settings')?.value as { locale?: string } | undefined)
            ?.locale;
          expect(await target.meta.get('settings')).toEqual({
            key: 'settings',
            value: { ...(locale ? { locale } : {}), lastBackupAt: NOW },
          });
          // Into an empty diary: every data row, every meta row but the settings, then the settings once.
          const dataRows = DATA_TABLES.reduce((sum, table) => sum + backup.tables[table].length, 0);
          const metaRows = backup.tables.meta.filter((row) => row.key !== 'settings').length;
          expect(first.rowsWritten).toBe(dataRows + metaRows + 1);
          expect(firstWrites()).toBe(first.rowsWritten);

          const writes = countWrites(target);
          const second = await applyImport(target, backup, 'merge', { now: NOW + 1 });
          expect(second.rowsWritten).toBe(0);
          expect(writes()).toBe(0);
          expect(await contents(target)).toEqual(imported);
          source.close();
          target.close();
        }),
        { numRuns: passphrase ? 10 : 25 },
      );
    },
    120_000,
  );

  it('keeps rows it cannot read: the export carries them aside, and the import keeps them aside', async () => {
    const source = await freshDatabase();
    const bad = { date: '2026-01-03', pain: 'bad' };
    await seed(source, { days: [dayFactory.build(), bad] });
    const tables = await readBackupTables(source, { now: NOW });
    expect(tables.days).toEqual([dayFactory.build()]);
    expect(tables.meta).toEqual([
      {
        key: 'quarantine:days:2026-01-03',
        value: { table: 'days', schemaVersion: SCHEMA_VERSION, movedAt: NOW, row: bad },
      },
    ]);
    const target = await freshDatabase();
    await applyImport(target, await readPlain(await exportText(source)), 'merge', { now: NOW });
    expect(await target.meta.get('quarantine:days:2026-01-03')).toMatchObject({ value: { row: bad } });
    expect(await target.days.count()).toBe(1);
  });

  it('leaves drafts out of a backup, and an import in any mode neither refuses nor touches them', async () => {
    const source = await freshDatabase();
    await seed(source, { days: [dayFactory.build()] });
    const typed = makeDraft(
      'day',
      'day:2026-11-21',
      { ...emptyDraft(), pain: 7, note: 'not saved' },
      {
        baseUpdatedAt: null,
        nowMs: NOW,
      },
    );
    await saveDraft(source, typed);
    const text = await exportText(source);
    expect(Object.keys((JSON.parse(text) as { tables: object }).tables).sort()).toEqual([...BACKUP_TABLES].sort());
    expect(text).not.toContain('not saved');

    for (const mode of ['merge', 'backup-wins', 'replace'] as const) {
      const target = await freshDatabase();
      const drafted = { ...typed, key: 'day:2026-11-22' };
      await saveDraft(target, drafted);
      await applyImport(target, await readPlain(text), mode, { now: NOW });
      expect(await target.days.count(), mode).toBe(1);
      expect(await target.drafts.toArray(), mode).toEqual([drafted]);
    }
  });

  it('previews what is new, different and already here without writing, and a newer backup row wins on merge', async () => {
    const db = await freshDatabase();
    await seed(db, {
      days: [
        dayFactory.build({ date: '2026-11-01', pain: 2 }),
        dayFactory.build({ date: '2026-11-02' }),
        dayFactory.build({ date: '2026-10-01' }),
      ],
    });
    const writes = countWrites(db);
    const backup = await readPlain(
      backupFactory.text({
        days: [
          dayFactory.build({ date: '2026-11-01', pain: 8, updatedAt: dayFactory.build().updatedAt + 60_000 }),
          dayFactory.build({ date: '2026-11-02' }),
          dayFactory.build({ date: '2026-11-03' }),
        ],
      }),
    );
    const plan = await previewImport(db, backup);
    expect([
      plan.tables.days.added.length,
      plan.tables.days.newerInBackup.length,
      plan.tables.days.unchanged.length,
      plan.tables.days.onlyHere,
    ]).toEqual([1, 1, 1, 1]);
    expect(writes()).toBe(0);

    await applyImport(db, backup, 'merge', { now: NOW });
    expect(writes(), 'the write counter sees the import').toBe(2);
    expect((await db.days.get('2026-11-01'))?.pain).toBe(8);
    expect(await db.days.count()).toBe(4);
    // Not everything here is in the backup, so it does not count as a backup of this device.
    expect(await db.meta.get('settings')).toBeUndefined();
  });

  it('keeps a day saved later on this device in a merge, and takes the backup’s only when the backup wins', async () => {
    const savedAt = dayFactory.build().updatedAt;
    const newerHere = dayFactory.build({
      date: '2026-11-01',
      pain: 6,
      note: 'worse tonight',
      updatedAt: savedAt + 3_600_000,
    });
    const olderInBackup = dayFactory.build({ date: '2026-11-01', pain: 2, updatedAt: savedAt });
    const backup = await readPlain(backupFactory.text({ days: [olderInBackup] }));

    const db = await freshDatabase();
    await seed(db, { days: [newerHere] });
    const merged = await applyImport(db, backup, 'merge', { now: NOW });
    expect(merged.plan.tables.days.newerHere).toEqual([olderInBackup]);
    expect(merged.rowsWritten).toBe(0);
    expect(await db.days.get('2026-11-01')).toEqual(newerHere);

    await applyImport(db, backup, 'backup-wins', { now: NOW });
    expect(await db.days.get('2026-11-01')).toEqual(olderInBackup);
  });

  it('replaces the diary, moving unreadable rows aside instead of deleting them', async () => {
    const db = await freshDatabase();
    const unreadable = { date: '2026-01-09', pain: 99 };
    await seed(db, {
      days: [dayFactory.build({ date: '2026-10-01' }), unreadable],
      meta: [{ key: 'settings', value: { locale: 'en' } }],
    });
    const backup = await readPlain(
      await exportText(
        await (async () => {
          const other = await freshDatabase();
          await seed(other, { days: [dayFactory.build({ date: '2026-11-05' })] });
          return other;
        })(),
      ),
    );
    const result = await applyImport(db, backup, 'replace', { now: NOW });
    expect(result.plan.tables.days.onlyHere).toBe(2);
    expect((await db.days.toArray()).map((day) => day.date)).toEqual(['2026-11-05']);
    expect(await db.meta.get('quarantine:days:2026-01-09')).toMatchObject({
      value: { table: 'days', row: unreadable },
    });
    expect(await db.meta.get('settings')).toEqual({ key: 'settings', value: { locale: 'en', lastBackupAt: NOW } });
  });

  it('refuses a merge that would make a medication’s history impossible, and writes nothing', async () => {
    const medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };
    const db = await freshDatabase();
    await seed(db, { medications: [medication], regimenEvents: [eventFactory.start('2026-03-01', 15)] });
    const other = await freshDatabase();
    await seed(other, {
      medications: [medication],
      regimenEvents: [eventFactory.start('2026-04-01', 30)],
      days: [dayFactory.build()],
    });
    const backup = await readPlain(await exportText(other));
    const before = await contents(db);
    const refused = applyImport(db, backup, 'merge', { now: NOW });
    await expect(refused).rejects.toBeInstanceOf(ImportRefusedError);
    await expect(refused).rejects.toMatchObject({
      problem: { kind: 'impossible-history', where: 'merged', problem: 'already-on' },
    });
    expect(await contents(db)).toEqual(before);
  });

  it('rolls the import back when it is cancelled while it writes, or before it starts', async () => {
    const db = await freshDatabase();
    await seed(db, { days: [dayFactory.build({ date: '2026-10-01' })] });
    const backup = await readPlain(
      backupFactory.text({
        days: [dayFactory.build({ date: '2026-11-01' }), dayFactory.build({ date: '2026-11-02' })],
        visits: [{ id: 'v1', date: '2026-06-01', notes: '', questions: '' }],
      }),
    );
    const before = await contents(db);
    const controller = new AbortController();
    // The patient taps Cancel while the first day is being written.
    db.days.hook('creating', () => controller.abort());
    await expect(applyImport(db, backup, 'merge', { now: NOW, signal: controller.signal })).rejects.toBeInstanceOf(
      ImportCancelledError,
    );
    expect(await contents(db)).toEqual(before);
    await expect(applyImport(db, backup, 'merge', { now: NOW, signal: controller.signal })).rejects.toBeInstanceOf(
      ImportCancelledError,
    );
    expect(await contents(db)).toEqual(before);
  });

  it('rolls everything back when a write fails inside the import (a full disk), and says so', async () => {
    const db = await freshDatabase();
    const other = await freshDatabase();
    await seed(other, {
      days: [dayFactory.build()],
      visits: [{ id: 'v1', date: '2026-06-01', notes: '', questions: '' }],
    });
    const backup = await readPlain(await exportText(other));
    const visits = db.table('visits');
    vi.spyOn(visits, 'bulkPut').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(applyImport(db, backup, 'merge', { now: NOW })).rejects.toMatchObject({ kind: 'quota' });
    await expect(applyImport(db, backup, 'merge', { now: NOW })).rejects.toBeInstanceOf(StorageFailure);
    vi.restoreAllMocks();
    expect(await contents(db)).toEqual(sortedTables(emptyBackupTables()));
  });
});

describe('fixtures of every earlier schema version', () => {
  it('exist for every version that shipped', () => {
    expect(VERSION_FIXTURES.map((fixture) => fixture.schemaVersion)).toEqual(
      Object.keys(LEGACY_SCHEMAS)
        .map(Number)
        .filter((version) => version < SCHEMA_VERSION + 1),
    );
  });

  it.each(VERSION_FIXTURES.map((fixture) => [fixture.schemaVersion, fixture] as const))(
    'version %i opens with the current code, every row passes the current schema, and it survives export and import',
    async (version, fixture) => {
      const name = `fixture-${version}-${crypto.randomUUID()}`;
      await createLegacyDatabase(name, version, fixture.tables);
      const db = new DiaryDatabase(name);
      opened.push(db);
      await db.open();
      for (const table of BACKUP_TABLES) {
        const rows = await db.table(table).toArray();
        expect(rows, table).toHaveLength(fixture.tables[table]?.length ?? 0);
        for (const row of rows) expect(checkBackupRow(table, row).ok, `${table} ${JSON.stringify(row)}`).toBe(true);
      }
      const tables = await readBackupTables(db, { now: NOW });
      expect(tables.meta.filter((row) => row.key.startsWith('quarantine:'))).toEqual([]);
      const target = await freshDatabase();
      await applyImport(target, await readPlain(await exportText(db)), 'replace', { now: NOW });
      const [source, copy] = await Promise.all([contents(db), contents(target)]);
      for (const table of DATA_TABLES) expect(copy[table], table).toEqual(source[table]);
    },
  );
});

describe('quarantineUnreadable', () => {
  /** The database as the next schema version would declare it: the same stores, unreadable rows moved aside. */
  function nextVersionDatabase(name: string): Dexie {
    const db = new Dexie(name);
    const schema = LEGACY_SCHEMAS[1] as Record<string, string>;
    db.version(1).stores(schema);
    db.version(2)
      .stores(schema)
      .upgrade(async (tx) => {
        const about = { schemaVersion: 1, movedAt: NOW };
        await quarantineUnreadable(tx, 'days', dayEntrySchema, about);
        await quarantineUnreadable(tx, 'medications', medicationSchema, about);
        await quarantineUnreadable(tx, 'visits', visitSchema, about);
      });
    return db;
  }

  it('lets an upgrade that meets rows it cannot read move them aside, and the database still opens', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    await createLegacyDatabase(name, 1, unreadableFixture.tables);
    const db = nextVersionDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(2);
    expect((await db.table('days').toArray()).map((day: { date: string }) => day.date)).toEqual(['2026-01-01']);
    expect(await db.table('medications').count()).toBe(1);
    expect(await db.table('visits').count()).toBe(0);
    const keptAside = await db.table('meta').where('key').startsWith('quarantine:').toArray();
    expect(keptAside.map((row: { key: string }) => row.key).sort()).toEqual([
      'quarantine:days:2026-01-02',
      'quarantine:days:2026-01-03',
      'quarantine:medications:m2',
      'quarantine:visits:v1',
    ]);
    expect(keptAside.find((row: { key: string }) => row.key === 'quarantine:days:2026-01-03')).toEqual({
      key: 'quarantine:days:2026-01-03',
      value: {
        table: 'days',
        schemaVersion: 1,
        movedAt: NOW,
        row: { date: '2026-01-03', pain: 'bad', drainage: 0, flare: false },
      },
    });
    // Every row kept aside is a valid backup row, so the next backup carries it.
    for (const row of keptAside) expect(checkBackupRow('meta', row).ok).toBe(true);
    expect(await db.table('meta').get('settings')).toEqual({ key: 'settings', value: { locale: 'en' } });
  });
});

describe('watchBackupStatus', () => {
  it('follows emptiness, changes since the last backup and rows kept aside', async () => {
    const db = await freshDatabase();
    const seen: BackupStatus[] = [];
    const stop = watchBackupStatus(
      db,
      (status) => seen.push(status),
      () => undefined,
    );
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({ isEmpty: true, hasChangesSinceBackup: false, rowsKeptAside: 0 }),
    );
    await db.days.put(dayFactory.build({ date: '2026-11-20', updatedAt: NOW - 1000 }));
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ isEmpty: false, hasChangesSinceBackup: true }));
    await db.meta.put({ key: 'settings', value: { lastBackupAt: NOW } });
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({ hasChangesSinceBackup: false, settings: { lastBackupAt: NOW } }),
    );
    await db.days.put(dayFactory.build({ date: '2026-11-26', updatedAt: NOW + 1000 }));
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ hasChangesSinceBackup: true }));
    await db.meta.put({ key: 'quarantine:days:x', value: { table: 'days', schemaVersion: 1, movedAt: 1, row: null } });
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ rowsKeptAside: 1 }));
    stop();
  });
});

describe('the relay state', () => {
  const relayState = {
    isOn: true,
    relayUrl: 'https://relay.example/relay/',
    endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
    reminders: {
      'dose:med-1': {
        id: 'a'.repeat(22),
        secret: 'b'.repeat(43),
        schedule: { times: ['08:00'], days: { everyDays: 1, anchor: TODAY }, timeZone: 'Europe/London' },
      },
    },
    retired: [],
  };

  it('stays on the device: a backup leaves its secrets out, and an import that replaces everything keeps it', async () => {
    const db = await freshDatabase();
    await db.meta.put({ key: 'relay', value: relayState });
    const text = await exportText(db);
    expect(text).not.toContain('b'.repeat(43));
    const backup = await readPlain(text);
    expect(backup.tables.meta.map((row) => row.key)).not.toContain('relay');
    expect(backup.tables.meta.filter((row) => row.key.startsWith('quarantine:'))).toEqual([]);
    await applyImport(db, backup, 'replace', { now: NOW });
    expect((await db.meta.get('relay'))?.value).toEqual(relayState);
  });
});
