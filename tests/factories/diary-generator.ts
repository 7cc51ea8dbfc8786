/**
 * Test data for the diary: `dayFactory.build()` for one valid day in a unit test, and `generateDiary()` for
 * a deterministic, realistic multi-year diary (the bench's five-year data set). Same seed, same diary.
 *
 * The diary is shaped like a real patient's: a background pain level that drifts slowly, flares every few
 * weeks that raise pain, drainage and dressing changes in the patient's usual regions, interventions mostly
 * during flares, the odd note, and gaps (~10% of days, often a few days in a row) when nothing was logged.
 * Every day passes `dayEntrySchema`.
 */
import { addDays, daysBetween, type IsoDate } from '../../src/lib/domain/dates';
import {
  DRAINAGE_MAX,
  DRESSING_CHANGES_MAX,
  INTERVENTIONS,
  ITCH_MAX,
  LESION_COUNT_MAX,
  NOTE_MAX_CHARS,
  ODOR_MAX,
  PAIN_MAX,
  type Intervention,
} from '../../src/lib/domain/day-limits';
import type { DayEntry } from '../../src/lib/domain/day';
import { REGION_IDS, type RegionId } from '../../src/lib/domain/regions';
import { dayFactory as baseDayFactory } from './day-factory';

/** A small seeded PRNG (mulberry32): 32-bit state, floats in [0, 1). Deterministic across engines. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DiaryOptions {
  /** How many calendar years back from `endDate` (5 → 2021-11-27 … 2026-11-26). */
  years: number;
  /** The last calendar day of the diary (included); no day is generated after it. */
  endDate: IsoDate;
  seed: number;
  /** Chance that a logged day is followed by the start of a gap; about 0.035 gives ~10% of days missing. */
  gapStartChance?: number;
}

function utcMs(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/** `date` moved back whole calendar years (29 February falls back to 28 February). */
function yearsBefore(date: IsoDate, years: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year - years, month - 1, day));
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

const SHORT_NOTES = [
  'Bad night, woke up twice to change the dressing.',
  'Better today.',
  'New lump under the left arm, tender.',
  'Started the antibiotics again.',
  'Worked from home, too sore to sit on the train.',
  'Warm compress helped a bit.',
  'Drained on its own this morning.',
  'Skipped the gym, chafing.',
  'Dermatology appointment booked.',
  'Tired all day.',
  'Hot weather makes it worse.',
  'Quiet day, barely noticed it.',
  'Pain spiked in the evening.',
  'Ran out of gauze, need to order more.',
  '今天好多了。',
  '晚上疼得睡不着。',
];

const LONG_NOTE_SENTENCES = [
  'The flare started in the groin again and spread to the inner thigh over two days.',
  'I tried the new dressings the nurse recommended; they stay on better but still leak by the afternoon.',
  'Walking to the shop was hard and I had to stop twice.',
  'The GP wants me to keep a closer record before the next dermatology appointment.',
  'I am not sure whether the diet change is making any difference yet.',
  'Sleep was broken; I woke around three and could not get comfortable.',
  'The smell worries me at work even though nobody has said anything.',
  'By the evening the pain eased after the lesion drained.',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function pickSome<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  }
  return chosen;
}

function makeNote(random: () => number, inFlare: boolean): string {
  const roll = random();
  if (roll < 0.02) {
    // A long entry now and then, to exercise the note limit; always within NOTE_MAX_CHARS.
    const sentences: string[] = [];
    const target = 300 + Math.floor(random() * 1400);
    while (sentences.join(' ').length < target) sentences.push(pick(random, LONG_NOTE_SENTENCES));
    return sentences.join(' ').slice(0, NOTE_MAX_CHARS).trim();
  }
  const chance = inFlare ? 0.3 : 0.1;
  if (roll > chance) return '';
  return pick(random, SHORT_NOTES);
}

/**
 * A deterministic diary of `years` years ending on `endDate`, oldest first, one entry per logged day with
 * about 10% of days missing. Uses only its own seeded PRNG, never `Math.random` or the clock.
 */
export function generateDiary({ years, endDate, seed, gapStartChance = 0.035 }: DiaryOptions): DayEntry[] {
  const random = mulberry32(seed);
  const startDate = addDays(yearsBefore(endDate, years), 1);
  const dayCount = daysBetween(startDate, endDate) + 1;

  // The patient's usual regions: flares mostly come back to the same places.
  const usualRegions = pickSome(random, REGION_IDS, 3 + Math.floor(random() * 3));
  const wearsLesionCounts = random() < 0.6;

  const days: DayEntry[] = [];
  let baseline = 2 + random() * 2; // background pain, drifts slowly
  let flareDaysLeft = 0;
  let flareRegions: RegionId[] = [];
  let flareDay = 0;
  let gapDaysLeft = 0;

  for (let index = 0; index < dayCount; index += 1) {
    const date = addDays(startDate, index);

    // The symptoms run whether or not the patient logs the day.
    baseline = clamp(baseline + (random() - 0.5) * 0.4 + (2.5 - baseline) * 0.01, 0.5, 6);
    if (flareDaysLeft === 0 && random() < 0.035) {
      flareDaysLeft = 3 + Math.floor(random() * 12);
      flareDay = 0;
      const regionCount = 1 + Math.floor(random() * 3);
      flareRegions = pickSome(random, random() < 0.85 ? usualRegions : REGION_IDS, regionCount);
    }
    const inFlare = flareDaysLeft > 0;
    if (inFlare) {
      flareDay += 1;
      flareDaysLeft -= 1;
    }

    if (gapDaysLeft > 0) {
      gapDaysLeft -= 1;
      continue;
    }
    if (random() < gapStartChance) {
      gapDaysLeft = Math.floor(random() * 5); // this day and up to 4 more
      continue;
    }

    // Pain rises over the first days of a flare, then eases.
    const flareBoost = inFlare ? Math.max(1, 5 - Math.abs(flareDay - 3)) : 0;
    const pain = clamp(Math.round(baseline + flareBoost + (random() - 0.5) * 2), 0, PAIN_MAX);
    const drainage = clamp(inFlare ? 1 + Math.floor(random() * 3) : random() < 0.15 ? 1 : 0, 0, DRAINAGE_MAX);
    const dressingChanges = clamp(
      drainage === 0 ? (random() < 0.1 ? 1 : 0) : drainage + Math.floor(random() * 3),
      0,
      DRESSING_CHANGES_MAX,
    );

    const interventions: Intervention[] = [];
    if (inFlare && flareDay === 2 && random() < 0.3) interventions.push('antibiotic-course');
    if (inFlare && random() < 0.04) interventions.push('lesion-drained');
    if (inFlare && random() < 0.02) interventions.push('steroid-injection');
    if (inFlare && pain >= 8 && random() < 0.05) interventions.push('emergency-visit');
    if (random() < 0.0008) interventions.push('surgery');

    const day: DayEntry = {
      date,
      pain,
      drainage,
      dressingChanges,
      flare: inFlare,
      regions: inFlare ? [...flareRegions] : [],
      interventions: INTERVENTIONS.filter((item) => interventions.includes(item)),
      note: makeNote(random, inFlare),
      // Logged in the evening of the day, to the millisecond.
      updatedAt: utcMs(date) + 18 * 3_600_000 + Math.floor(random() * 5 * 3_600_000),
    };
    if (random() < 0.7) day.itch = clamp(Math.round(pain * 0.6 + random() * 3), 0, ITCH_MAX);
    if (random() < 0.5) day.odor = clamp(inFlare ? drainage : 0, 0, ODOR_MAX);
    if (random() < 0.4) day.sleepDisturbed = pain >= 6;
    if (wearsLesionCounts && random() < 0.8) {
      day.lesions = {
        nodules: clamp(Math.round(baseline / 2 + (inFlare ? 2 : 0) + random() * 2), 0, LESION_COUNT_MAX),
        abscesses: inFlare ? clamp(Math.floor(random() * 3), 0, LESION_COUNT_MAX) : 0,
        drainingTunnels: clamp(drainage >= 2 ? 1 : 0, 0, LESION_COUNT_MAX),
      };
    }
    days.push(day);
  }
  return days;
}

/**
 * The typed day builder for tests: `build(overrides)` from ./day-factory (one default day for every test,
 * valid unless the overrides make it invalid), plus `buildRun` for consecutive days.
 */
export const dayFactory = {
  build: (overrides: Partial<DayEntry> = {}): DayEntry => baseDayFactory.build(overrides),

  /** `count` consecutive days ending on `endDate` (oldest first), each with the same overrides. */
  buildRun(count: number, endDate: IsoDate, overrides: Partial<DayEntry> = {}): DayEntry[] {
    return Array.from({ length: count }, (_, index) => {
      const date = addDays(endDate, index - count + 1);
      return baseDayFactory.build({ updatedAt: utcMs(date) + 20 * 3_600_000, ...overrides, date });
    });
  },
};
