/**
 * A day's limits and its interventions: what the day's schema (day.ts) allows, and what the check-in form
 * offers. Apart from the schema, with no zod, so that Today's first screen can draw its form without it.
 */
export const PAIN_MAX = 10;
export const DRAINAGE_MAX = 3;
export const DRESSING_CHANGES_MAX = 30;
export const ITCH_MAX = 10;
export const ODOR_MAX = 3;
export const LESION_COUNT_MAX = 99;
export const NOTE_MAX_CHARS = 2000;

export const INTERVENTIONS = [
  'antibiotic-course',
  'lesion-drained',
  'steroid-injection',
  'emergency-visit',
  'surgery',
] as const;
export type Intervention = (typeof INTERVENTIONS)[number];
