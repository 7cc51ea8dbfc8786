/**
 * The range a screen shows, as the patient chose it: a preset, or two dates of their own. Trends and the
 * Summary each hold one, with their own presets and their own default; the check of typed dates is one.
 */
import type { IsoDate } from '../domain/dates';
import { customRange, type DateRange } from '../domain/date-range';

/** A preset, or the patient's own two dates. */
export type RangeOption<Preset extends string> = Preset | 'custom';

export class RangeChoice<Preset extends string> {
  /** `null` until the patient picks one: then `defaultPreset()` applies. */
  chosen = $state<RangeOption<Preset> | null>(null);
  /** The last valid custom range; `null` until one is chosen. */
  custom = $state.raw<DateRange | null>(null);
  readonly #defaultPreset: () => Preset;
  readonly #limit: (range: DateRange, today: IsoDate) => DateRange;

  /** `limit` narrows a valid custom range to what the screen can show (the Summary's longest range). */
  constructor(defaultPreset: () => Preset, limit: (range: DateRange, today: IsoDate) => DateRange = (range) => range) {
    this.#defaultPreset = defaultPreset;
    this.#limit = limit;
  }

  get preset(): RangeOption<Preset> {
    return this.chosen ?? this.#defaultPreset();
  }

  /** True while the default applies (no preset was picked, or the default was picked again). */
  get isDefault(): boolean {
    return this.preset === this.#defaultPreset();
  }

  choose(preset: RangeOption<Preset>): void {
    this.chosen = preset;
  }

  /** Apply a custom range if it is one: real dates, in order, not after today; false (and nothing changes) else. */
  setCustom(from: string, to: string, today: IsoDate): boolean {
    const range = customRange(from, to, today);
    if (!range) return false;
    this.custom = this.#limit(range, today);
    this.chosen = 'custom';
    return true;
  }
}
