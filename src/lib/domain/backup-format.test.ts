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

  it('checks the settings, and the app’s own state against its schema', () => {
    expect(checkBackupRow('meta', { key: 'settings', value: { locale: 'fr' } })).toEqual({
      ok: false,
      field: 'value.locale',
      issue: { kind: 'not-allowed' },
    });
    const reminderState = {
      key: 'reminderState',
      value: { notifiedAt: { 'med-1@2026-11-01T08:00': 1 }, snoozedUntil: {} },
    };
    expect(checkBackupRow('meta', reminderState)).toEqual({ ok: true, row: reminderState });
    expect(
      checkBackupRow('meta', { key: 'reminderState', value: { notifiedAt: { 'a\r\nb': 1 }, snoozedUntil: {} } }),
    ).toEqual({ ok: false, field: 'reminderState.notifiedAt', issue: { kind: 'bad-format' } });
    expect(checkBackupRow('meta', { key: 'reminderState', value: { notifiedAt: {} } })).toEqual({
      ok: false,
      field: 'reminderState.snoozedUntil',
      issue: { kind: 'invalid' },
    });
    expect(checkBackupRow('meta', { key: '', value: 1 })).toMatchObject({ ok: false, field: 'key' });
  });

  it('refuses a meta row under a key the app does not know', () => {
    expect(checkBackupRow('meta', { key: 'x', value: 'y' })).toEqual({
      ok: false,
      field: 'key',
      issue: { kind: 'not-allowed' },
    });
  });

  it('checks what the last calendar file held entry by entry: uid, start, end and numbers of their shape', () => {
    const entry = { sequence: 0, start: '2026-03-02T08:00', intervalDays: 7, summary: 'Inject' };
    const row = (value: unknown) => checkBackupRow('meta', { key: 'calendarExport', value });
    expect(
      row({ 'med-1-0800@hs-diary': entry, 'diary@hs-diary': { ...entry, until: '20260301T000000Z' } }),
    ).toMatchObject({
      ok: true,
    });
    const alarm = '\r\nBEGIN:VALARM\r\nDESCRIPTION:Take 10 tablets now\r\nTRIGGER:PT0M\r\nEND:VALARM';
    expect(row({ 'med-1-0800@hs-diary': { ...entry, until: `20260301T000000Z${alarm}` } })).toEqual({
      ok: false,
      field: 'calendarExport.med-1-0800@hs-diary.until',
      issue: { kind: 'bad-format' },
    });
    expect(row({ 'med-1-0800@hs-diary': { ...entry, start: `2026-03-02T08:00${alarm}` } })).toEqual({
      ok: false,
      field: 'calendarExport.med-1-0800@hs-diary.start',
      issue: { kind: 'bad-format' },
    });
    expect(row({ [`x${alarm}@hs-diary`]: entry })).toEqual({
      ok: false,
      field: 'calendarExport',
      issue: { kind: 'bad-format' },
    });
    expect(row({ 'med-1-0800@hs-diary': { ...entry, summary: 'x'.repeat(501) } })).toMatchObject({
      ok: false,
      field: 'calendarExport.med-1-0800@hs-diary.summary',
    });
    expect(row({ 'med-1-0800@hs-diary': { ...entry, intervalDays: 3 } })).toMatchObject({ ok: false });
    expect(row('not an object')).toEqual({ ok: false, field: 'calendarExport', issue: { kind: 'wrong-type' } });
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
