/** The rules for one row of a backup, in the terms a patient is told (table, field, what is wrong). */
import { describe, expect, it } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { BACKUP_TABLES, checkBackupRow } from './backup-format';

describe('checkBackupRow', () => {
  it.each([
    ['a missing field', { ...dayFactory.build(), pain: undefined }, 'pain', { kind: 'missing' }],
    ['a fraction', { ...dayFactory.build(), pain: 4.5 }, 'pain', { kind: 'not-whole-number' }],
    ['a text for a number', { ...dayFactory.build(), drainage: 'lots' }, 'drainage', { kind: 'wrong-type' }],
    // One case for each of the day's own checks, so their codes and these words cannot drift apart.
    ['30 February', dayFactory.build({ date: '2026-02-30' }), 'date', { kind: 'not-a-date' }],
    ['a region without a flare', dayFactory.build({ regions: ['back'] }), 'regions', { kind: 'regions-without-flare' }],
    [
      'a region listed twice',
      dayFactory.build({ flare: true, regions: ['back', 'back'] }),
      'regions',
      { kind: 'duplicate-entries' },
    ],
    [
      'an unknown region',
      dayFactory.build({ flare: true, regions: ['elbow' as never] }),
      'regions.0',
      { kind: 'not-allowed' },
    ],
    [
      'a long note',
      dayFactory.build({ note: 'x'.repeat(2001) }),
      'note',
      { kind: 'too-big', limit: 2000, unit: 'characters' },
    ],
    [
      'a nested count',
      dayFactory.build({ lesions: { nodules: 100, abscesses: 0, drainingTunnels: 0 } }),
      'lesions.nodules',
      { kind: 'too-big', limit: 99, unit: 'number' },
    ],
    ['not a row at all', 42, '', { kind: 'wrong-type' }],
  ])('describes %s', (_name, row, field, issue) => {
    expect(checkBackupRow('days', row)).toEqual({ ok: false, field, issue });
  });

  it('checks the settings, and keeps other app state as bounded JSON', () => {
    expect(checkBackupRow('meta', { key: 'settings', value: { locale: 'fr' } })).toEqual({
      ok: false,
      field: 'value.locale',
      issue: { kind: 'not-allowed' },
    });
    const reminderState = { key: 'reminderState', value: { notifiedAt: { a: 1 } } };
    expect(checkBackupRow('meta', reminderState)).toEqual({ ok: true, row: reminderState });
    expect(checkBackupRow('meta', { key: 'x', value: 'y'.repeat(1_000_001) })).toEqual({
      ok: false,
      field: 'value',
      issue: { kind: 'invalid' },
    });
    expect(checkBackupRow('meta', { key: '', value: 1 })).toMatchObject({ ok: false, field: 'key' });
  });
});

it('lists every table of the database', () => {
  expect([...BACKUP_TABLES].sort()).toEqual([
    'days',
    'doseLogs',
    'medications',
    'meta',
    'regimenEvents',
    'reminders',
    'visits',
  ]);
});
