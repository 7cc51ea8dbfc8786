/** The doors of the medication tables: ids and preset ids from outside are strictly shaped. */
import { describe, expect, it } from 'vitest';
import { doseLogSchema, medicationSchema, regimenEventSchema, reminderSchema } from './medication';

const medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' };

describe('medication ids', () => {
  it('accepts UUIDs and the ids the app builds from them', () => {
    expect(medicationSchema.safeParse({ ...medication, id: crypto.randomUUID() }).success).toBe(true);
    const dose = {
      id: 'med-1@2026-07-03T08:00',
      medicationId: 'med-1',
      scheduledFor: '2026-07-03T08:00',
      status: 'taken',
      at: 1,
    };
    expect(doseLogSchema.safeParse(dose).success).toBe(true);
    const reminder = {
      id: 'dose:med-1',
      kind: 'dose',
      medicationId: 'med-1',
      times: ['08:00'],
      days: [],
      enabled: true,
    };
    expect(reminderSchema.safeParse(reminder).success).toBe(true);
  });

  it('refuses an id with a line break, a space or a calendar separator (the .ics injection)', () => {
    for (const id of [
      'x\r\nATTACH:https://evil.example/a\r\nX',
      'x\rY',
      'two words',
      'a;b',
      'a,b',
      '',
      'x'.repeat(65),
    ]) {
      expect(medicationSchema.safeParse({ ...medication, id }).success).toBe(false);
      const event = { id, medicationId: 'med-1', date: '2026-01-01', kind: 'start' };
      expect(regimenEventSchema.safeParse(event).success).toBe(false);
    }
  });

  it('refuses a preset id that is not lowercase words joined by "-"', () => {
    for (const presetId of ['__proto__', 'constructor ', 'To String', 'a\nb', ''])
      expect(medicationSchema.safeParse({ ...medication, presetId }).success).toBe(false);
    expect(medicationSchema.safeParse({ ...medication, presetId: 'clindamycin-rifampicin' }).success).toBe(true);
  });
});
