import { describe, expect, it } from 'vitest';
import { hasPatientDetails, parsePatientForm, patientDetailsSchema, patientFormOf } from './patient';
import { settingsOrDefaults, settingsSchema } from './settings-schema';

const TODAY = '2026-12-02';
const form = (change: Partial<Parameters<typeof parsePatientForm>[0]> = {}) => ({
  name: '',
  dateOfBirth: '',
  clinicNumber: '',
  nameInQr: false,
  ...change,
});

describe('parsePatientForm', () => {
  it('keeps what was typed, tidied, and leaves empty fields out', () => {
    expect(
      parsePatientForm(form({ name: '  Wang   Fang ', dateOfBirth: '1990-04-12', clinicNumber: ' MRN 0042 ' }), TODAY),
    ).toEqual({ ok: true, details: { name: 'Wang Fang', dateOfBirth: '1990-04-12', clinicNumber: 'MRN 0042' } });
    expect(parsePatientForm(form(), TODAY)).toEqual({ ok: true, details: {} });
  });

  it('keeps the QR choice only when the patient turned it on', () => {
    expect(parsePatientForm(form({ name: '王芳', nameInQr: true }), TODAY)).toEqual({
      ok: true,
      details: { name: '王芳', nameInQr: true },
    });
  });

  it('names each field that is wrong, and why', () => {
    expect(
      parsePatientForm(form({ name: 'x'.repeat(101), dateOfBirth: '1990-02-30', clinicNumber: 'A\u202EB' }), TODAY),
    ).toEqual({
      ok: false,
      problems: { name: 'too-long', dateOfBirth: 'not-a-date', clinicNumber: 'control-characters' },
    });
    expect(parsePatientForm(form({ dateOfBirth: '2026-12-03' }), TODAY)).toEqual({
      ok: false,
      problems: { dateOfBirth: 'in-the-future' },
    });
  });

  it('counts characters, not UTF-16 units: a 100-character Chinese name fits', () => {
    expect(parsePatientForm(form({ name: '𠮷'.repeat(100) }), TODAY).ok).toBe(true);
  });
});

describe('patientDetailsSchema', () => {
  it('refuses what the form would never save, from a database or a backup', () => {
    expect(patientDetailsSchema.safeParse({ name: 'Ann' }).success).toBe(true);
    expect(patientDetailsSchema.safeParse({ name: '' }).success).toBe(false);
    expect(patientDetailsSchema.safeParse({ name: 'Ann\nBob' }).success).toBe(false);
    expect(patientDetailsSchema.safeParse({ name: ' Ann' }).success).toBe(false);
    expect(patientDetailsSchema.safeParse({ dateOfBirth: '12/04/1990' }).success).toBe(false);
    expect(patientDetailsSchema.safeParse({ clinicNumber: 'x'.repeat(41) }).success).toBe(false);
  });

  it('is part of the settings, and old settings without it still read', () => {
    expect(settingsSchema.safeParse({ locale: 'en', patient: { name: 'Ann', nameInQr: false } }).success).toBe(true);
    expect(settingsOrDefaults({ locale: 'zh-CN' })).toEqual({ locale: 'zh-CN' });
  });
});

describe('patientFormOf and hasPatientDetails', () => {
  it('starts the form from what is saved, and knows an empty record identifies no one', () => {
    expect(patientFormOf({ name: 'Ann', nameInQr: true })).toEqual(form({ name: 'Ann', nameInQr: true }));
    expect(hasPatientDetails({ nameInQr: true })).toBe(false);
    expect(hasPatientDetails({ clinicNumber: '7' })).toBe(true);
    expect(hasPatientDetails(undefined)).toBe(false);
  });
});
