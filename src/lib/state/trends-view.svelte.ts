/**
 * The range the Trends screen shows. It lives outside the screen so that tapping a day and coming back
 * keeps the range the patient chose (for as long as the app stays open).
 */
import type { TrendsRangePreset } from '../domain/date-range';
import { RangeChoice } from './range-choice.svelte';

/** What Trends opens on. */
export const DEFAULT_TRENDS_PRESET = '90d' satisfies TrendsRangePreset;

export const trendsView = new RangeChoice<Exclude<TrendsRangePreset, 'custom'>>(() => DEFAULT_TRENDS_PRESET);
