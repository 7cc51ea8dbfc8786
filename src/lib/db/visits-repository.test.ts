import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Visit } from '../domain/visit';
import { DiaryDatabase } from './database';
import { unreadableRowCounts } from './unreadable-rows';
import { deleteVisit, InvalidVisitError, listVisits, saveVisit } from './visits-repository';

let db: DiaryDatabase;
const visit: Visit = {
  id: 'visit-1',
  date: '2026-05-01',
  ihs4: 12,
  hurley: 'II',
  notes: 'Started adalimumab.',
  questions: 'Can I swim?',
  nextVisit: '2026-08-01',
};

beforeEach(async () => {
  db = new DiaryDatabase(`visits-${crypto.randomUUID()}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('visits repository', () => {
  it('saves, lists newest first, replaces and deletes visits', async () => {
    await saveVisit(db, visit);
    await saveVisit(db, { ...visit, id: 'visit-2', date: '2026-08-01', nextVisit: undefined });
    expect((await listVisits(db)).map((row) => row.id)).toEqual(['visit-2', 'visit-1']);
    await saveVisit(db, { ...visit, ihs4: 3 });
    expect((await listVisits(db)).find((row) => row.id === 'visit-1')?.ihs4).toBe(3);
    expect(await deleteVisit(db, 'visit-1')).toMatchObject({ id: 'visit-1' });
    expect((await listVisits(db)).map((row) => row.id)).toEqual(['visit-2']);
  });

  it('refuses an invalid visit and writes nothing', async () => {
    await expect(saveVisit(db, { ...visit, hurley: 'IV', date: '2026-02-30' })).rejects.toEqual(
      new InvalidVisitError(['date', 'hurley']),
    );
    await expect(saveVisit(db, { ...visit, ihs4: -1 })).rejects.toBeInstanceOf(InvalidVisitError);
    expect(await listVisits(db)).toEqual([]);
  });

  it('skips unreadable rows on read and reports them', async () => {
    const before = unreadableRowCounts().get('visits') ?? 0;
    await db.visits.put({ ...visit, id: 'bad', date: 'yesterday' });
    await db.visits.put(visit);
    expect((await listVisits(db)).map((row) => row.id)).toEqual(['visit-1']);
    expect(unreadableRowCounts().get('visits')).toBe(before + 1);
  });
});
