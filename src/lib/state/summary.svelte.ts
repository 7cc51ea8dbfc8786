/**
 * The visit summary as the patient's device builds it: the whole diary (the baseline may lie years back),
 * the chosen range, the summary source and its one model. The QR link is only worked out when asked for.
 */
import { EARLIEST_DATE, type IsoDate } from '../domain/dates';
import type { DateRange, SummaryRangePreset } from '../domain/date-range';
import type { DayEntry } from '../domain/day';
import { fitSummaryUrl, type QrFit } from '../domain/qr-fit';
import { buildSummaryModel, summaryNotes, type SummaryModel } from '../domain/summary-model';
import { buildSummarySource, type SummaryRecords } from '../domain/summary-pick';
import { clampRange, defaultSummaryPreset, summaryPresetRange } from '../domain/summary-range';
import type { SummarySource } from '../domain/summary-source';
import { diaryDb, watchDays, watchMedicationRecords, type MedicationRecords } from '../db';
import { RangeChoice } from './range-choice.svelte';
import { VisitsData } from './visits.svelte';

export class SummaryData {
  readonly visits = new VisitsData();
  #days = $state.raw<DayEntry[] | null>(null);
  #medications = $state.raw<MedicationRecords | null>(null);
  error = $state.raw<unknown>(null);
  /** Since the last visit by default, else 90 days; a custom range no longer than a summary can hold. */
  readonly rangeChoice = new RangeChoice<Exclude<SummaryRangePreset, 'custom'>>(
    () => defaultSummaryPreset(this.visits.items, this.#today()),
    clampRange,
  );
  readonly #today: () => IsoDate;

  constructor(today: () => IsoDate) {
    this.#today = today;
  }

  /** Call inside `$effect`: follows the whole diary, its medications and its visits. */
  follow(): () => void {
    const onError = (error: unknown) => (this.error = error);
    const stops = [
      this.visits.follow(),
      watchDays(diaryDb, EARLIEST_DATE, this.#today(), (days) => (this.#days = days), onError),
      watchMedicationRecords(diaryDb, (records) => (this.#medications = records), onError),
    ];
    return () => stops.forEach((stop) => stop());
  }

  get isLoaded(): boolean {
    return this.#days !== null && this.#medications !== null && this.visits.isLoaded;
  }

  get range(): DateRange {
    const today = this.#today();
    const preset = this.rangeChoice.preset;
    if (preset === 'custom') return this.rangeChoice.custom ?? summaryPresetRange('90d', this.visits.items, today);
    return summaryPresetRange(preset, this.visits.items, today);
  }

  get records(): SummaryRecords {
    return {
      days: this.#days ?? [],
      medications: this.#medications?.medications ?? [],
      events: this.#medications?.events ?? [],
      doseLogs: this.#medications?.doseLogs ?? [],
      visits: this.visits.items,
    };
  }

  sourceAt(resolution: SummarySource['resolution'], patientName?: string): SummarySource {
    return buildSummarySource(this.records, this.range, this.#today(), resolution, {
      ...(patientName !== undefined && { patientName }),
    });
  }

  get model(): SummaryModel {
    return buildSummaryModel(this.sourceAt('daily'), summaryNotes(this.records.days, this.range));
  }

  /** The viewer link for the QR code, on this app's own address (origin and path, for a sub-path deployment). */
  qrFit(appUrl: string, patientName?: string): QrFit {
    return fitSummaryUrl(appUrl, (resolution) => this.sourceAt(resolution, patientName));
  }
}
