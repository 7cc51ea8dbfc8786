import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/lib/domain/dates';
import { dayEntrySchema, validateDayEntry } from '../../src/lib/domain/day';
import { draftFromDay, dayFromDraft } from '../../src/lib/domain/day-draft';
import { dayFactory, generateDiary, mulberry32 } from './diary-generator';

const END = '2026-11-26';
const FIVE_YEARS = { years: 5, endDate: END, seed: 42 };

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const first = mulberry32(7);
    const second = mulberry32(7);
    const values = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(values[0]);
  });
});

describe('generateDiary', () => {
  const diary = generateDiary(FIVE_YEARS);

  it('is deterministic: the same seed gives the same diary, another seed another one', () => {
    expect(generateDiary(FIVE_YEARS)).toEqual(diary);
    expect(generateDiary({ ...FIVE_YEARS, seed: 43 })).not.toEqual(diary);
  });

  it('only makes days that pass the schema', () => {
    for (const day of diary) {
      const result = dayEntrySchema.safeParse(day);
      if (!result.success) throw new Error(`${day.date}: ${JSON.stringify(result.error.issues)}`);
      expect(validateDayEntry(day, END).ok).toBe(true);
    }
  });

  it('covers five calendar years, about 5 × 365 dates, with ~10% of days missing', () => {
    const first = diary[0]!.date;
    const span = daysBetween(addDays(END, -5 * 365), END);
    expect(daysBetween(first, END)).toBeGreaterThan(span - 10);
    expect(daysBetween(first, END)).toBeLessThanOrEqual(span + 2);
    expect(diary.length).toBeGreaterThan(5 * 365 * 0.82);
    expect(diary.length).toBeLessThan(5 * 365 * 0.97);
  });

  it('has gaps, oldest first, no duplicate dates and nothing after the end date', () => {
    const dates = diary.map((day) => day.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((date) => date <= END)).toBe(true);
    const gaps = dates.slice(1).filter((date, index) => daysBetween(dates[index]!, date) > 1);
    expect(gaps.length).toBeGreaterThan(20);
  });

  it('looks like a diary: flares with regions, interventions, notes, pain across the scale', () => {
    const flareDays = diary.filter((day) => day.flare);
    expect(flareDays.length).toBeGreaterThan(diary.length * 0.1);
    expect(flareDays.length).toBeLessThan(diary.length * 0.6);
    expect(flareDays.every((day) => day.regions.length > 0)).toBe(true);
    expect(diary.filter((day) => !day.flare).every((day) => day.regions.length === 0)).toBe(true);
    expect(diary.some((day) => day.interventions.length > 0)).toBe(true);
    expect(diary.filter((day) => day.note !== '').length).toBeGreaterThan(50);
    const averagePain = (days: typeof diary) => days.reduce((sum, day) => sum + day.pain, 0) / days.length;
    expect(averagePain(flareDays)).toBeGreaterThan(averagePain(diary.filter((day) => !day.flare)) + 1);
    expect(new Set(diary.map((day) => day.pain)).size).toBeGreaterThan(6);
  });

  it('ends on the end date asked for, for other lengths too', () => {
    const oneYear = generateDiary({ years: 1, endDate: '2024-03-01', seed: 1, gapStartChance: 0 });
    expect(oneYear.at(-1)?.date).toBe('2024-03-01');
    expect(oneYear[0]?.date).toBe('2023-03-02');
    expect(oneYear).toHaveLength(366);
  });
});

describe('dayFactory', () => {
  it('builds a valid day that round-trips through the check-in form', () => {
    const day = dayFactory.build();
    expect(dayEntrySchema.safeParse(day).success).toBe(true);
    expect(dayFromDraft(draftFromDay(day), day.date, day.updatedAt)).toEqual(day);
  });

  it('applies overrides and never shares arrays between days', () => {
    const flare = dayFactory.build({ pain: 8, flare: true, regions: ['axilla-left'] });
    expect(flare).toMatchObject({ pain: 8, flare: true, regions: ['axilla-left'] });
    const first = dayFactory.build();
    first.regions.push('back');
    expect(dayFactory.build().regions).toEqual([]);
  });

  it('builds runs of consecutive valid days', () => {
    const run = dayFactory.buildRun(3, END, { pain: 5 });
    expect(run.map((day) => day.date)).toEqual(['2026-11-24', '2026-11-25', END]);
    expect(run.every((day) => dayEntrySchema.safeParse(day).success && day.pain === 5)).toBe(true);
  });
});
