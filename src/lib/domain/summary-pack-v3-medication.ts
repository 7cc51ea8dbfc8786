/**
 * A medication in the summary pack's layout 3: its preset, name and class (one bit each when they are the
 * preset's), its palette colour, its events as date deltas with doses and frequencies as "the same as
 * before" where they are, and adherence per phase keyed by the event that starts the phase.
 */
import { addDays, daysBetween, type IsoDate } from './dates';
import { DOSE_UNITS, DRUG_CLASSES, FREQUENCIES, REGIMEN_EVENT_KINDS, STOP_REASONS } from './medication';
import { MEDICATION_COLORS, MEDICATION_PRESETS } from './medication-presets';
import {
  BitModel,
  codeUniform,
  flag,
  indexIn,
  IntModel,
  itemAt,
  MAX_DATE_DELTA,
  SymbolModel,
  UintModel,
  type BitCoder,
} from './range-coder';
import { SUMMARY_LIMITS, type SummaryEvent, type SummaryMedication } from './summary-source';
import type { TextModel } from './text-coder';

const MAX_DOSE_THOUSANDTHS = 100_000_000;
const MAX_COUNT = 100_000;

/** The learned probabilities of the medications in one pack. */
export class MedicationModels {
  readonly hasPreset = new BitModel();
  readonly isKnownPreset = new BitModel();
  readonly isPresetName = new BitModel();
  readonly isPresetClass = new BitModel();
  readonly isPaletteColor = new BitModel();
  readonly hasBaseline = new BitModel();
  readonly baseline = new UintModel();
  readonly eventDateChange = new IntModel();
  /** By the previous event's kind (or none). */
  readonly eventKind = Array.from({ length: REGIMEN_EVENT_KINDS.length + 1 }, () => new SymbolModel(3));
  /** By kind: has a dose, a frequency, a reason. */
  readonly eventParts = REGIMEN_EVENT_KINDS.map(() => [new BitModel(), new BitModel(), new BitModel()]);
  readonly isSameDose = new BitModel();
  readonly doseDecimals = new SymbolModel(2);
  readonly doseMantissa = new UintModel();
  readonly doseUnit = new SymbolModel(2);
  readonly isSameFrequency = new BitModel();
  readonly frequency = new SymbolModel(3);
  readonly reason = new SymbolModel(4);
  readonly isEventStart = new BitModel();
  readonly eventIndexChange = new UintModel();
  readonly phaseStartChange = new IntModel();
  readonly scheduled = new UintModel();
  readonly isTakenAtMost = new BitModel();
  readonly missed = new UintModel();

  /** `text` and `count` are the pack's, shared with its other fields. */
  constructor(
    readonly text: TextModel,
    readonly count: UintModel,
  ) {}
}

export function codeMedication(
  coder: BitCoder,
  models: MedicationModels,
  to: IsoDate,
  medication: SummaryMedication | undefined,
): SummaryMedication {
  const presetIndex = MEDICATION_PRESETS.findIndex((preset) => preset.id === medication?.presetId);
  let preset: (typeof MEDICATION_PRESETS)[number] | undefined;
  let presetId: string | undefined;
  if (coder.bit(models.hasPreset, flag(medication?.presetId !== undefined)) === 1) {
    if (coder.bit(models.isKnownPreset, flag(presetIndex !== -1)) === 1) {
      preset = itemAt(MEDICATION_PRESETS, codeUniform(coder, MEDICATION_PRESETS.length, Math.max(0, presetIndex)));
      presetId = preset.id;
    } else presetId = models.text.code(coder, 64, medication?.presetId);
  }
  const name =
    preset && coder.bit(models.isPresetName, flag(medication?.name === preset.name)) === 1
      ? preset.name
      : models.text.code(coder, SUMMARY_LIMITS.maxNameChars, medication?.name);
  const drugClass =
    preset && coder.bit(models.isPresetClass, flag(medication?.drugClass === preset.drugClass)) === 1
      ? preset.drugClass
      : itemAt(DRUG_CLASSES, codeUniform(coder, DRUG_CLASSES.length, indexIn(DRUG_CLASSES, medication?.drugClass)));
  const paletteIndex = MEDICATION_COLORS.findIndex((color) => color === medication?.color);
  const color =
    coder.bit(models.isPaletteColor, flag(paletteIndex !== -1)) === 1
      ? itemAt(MEDICATION_COLORS, codeUniform(coder, MEDICATION_COLORS.length, Math.max(0, paletteIndex)))
      : `#${codeUniform(coder, 0x1000000, medication ? parseInt(medication.color.slice(1), 16) : 0)
          .toString(16)
          .padStart(6, '0')}`;
  const baselineX100 =
    coder.bit(models.hasBaseline, flag(medication && medication.baselineX100 !== null)) === 1
      ? models.baseline.code(coder, 1000, medication?.baselineX100 ?? 0)
      : null;

  const eventCount = models.count.code(coder, SUMMARY_LIMITS.maxEventsPerMedication, medication?.events.length);
  const events: SummaryEvent[] = [];
  let previous: SummaryEvent | undefined;
  let previousDose: SummaryEvent['dose'];
  let previousFrequency: SummaryEvent['frequency'];
  for (let index = 0; index < eventCount; index += 1) {
    const event = medication?.events[index];
    const base = previous?.date ?? to;
    const date = addDays(
      base,
      models.eventDateChange.code(coder, MAX_DATE_DELTA, event ? daysBetween(base, event.date) : 0),
    );
    const kindModel = itemAt(models.eventKind, previous ? REGIMEN_EVENT_KINDS.indexOf(previous.kind) + 1 : 0);
    const kind = itemAt(REGIMEN_EVENT_KINDS, kindModel.code(coder, indexIn(REGIMEN_EVENT_KINDS, event?.kind)));
    const parts = itemAt(models.eventParts, REGIMEN_EVENT_KINDS.indexOf(kind));
    const decodedEvent: SummaryEvent = { date, kind };
    if (coder.bit(itemAt(parts, 0), flag(event?.dose !== undefined)) === 1) {
      decodedEvent.dose = codeDose(coder, models, previousDose, event?.dose);
      previousDose = decodedEvent.dose;
    }
    if (coder.bit(itemAt(parts, 1), flag(event?.frequency !== undefined)) === 1) {
      const isSame =
        previousFrequency !== undefined &&
        coder.bit(models.isSameFrequency, flag(event?.frequency === previousFrequency)) === 1;
      decodedEvent.frequency =
        isSame && previousFrequency
          ? previousFrequency
          : itemAt(FREQUENCIES, models.frequency.code(coder, indexIn(FREQUENCIES, event?.frequency)));
      previousFrequency = decodedEvent.frequency;
    }
    if (coder.bit(itemAt(parts, 2), flag(event?.reason !== undefined)) === 1)
      decodedEvent.reason = itemAt(STOP_REASONS, models.reason.code(coder, indexIn(STOP_REASONS, event?.reason)));
    events.push(decodedEvent);
    previous = decodedEvent;
  }

  const adherenceCount = models.count.code(coder, SUMMARY_LIMITS.maxEventsPerMedication, medication?.adherence.length);
  const adherence: SummaryMedication['adherence'] = [];
  // A phase starts on an event's day: coded as the event's place after the last one used, else as a date.
  let nextEvent = 0;
  for (let index = 0; index < adherenceCount; index += 1) {
    const entry = medication?.adherence[index];
    const eventIndex = entry ? events.findIndex((each, at) => at >= nextEvent && each.date === entry.phaseStart) : -1;
    let phaseStart: IsoDate;
    if (coder.bit(models.isEventStart, flag(eventIndex !== -1)) === 1) {
      const at =
        nextEvent +
        models.eventIndexChange.code(coder, Math.max(0, events.length - 1 - nextEvent), eventIndex - nextEvent);
      phaseStart = itemAt(events, at).date;
      nextEvent = at + 1;
    } else
      phaseStart = addDays(
        to,
        models.phaseStartChange.code(coder, MAX_DATE_DELTA, entry ? daysBetween(to, entry.phaseStart) : 0),
      );
    const scheduled = models.scheduled.code(coder, MAX_COUNT, entry?.scheduled);
    const wanted = entry ?? { taken: 0, scheduled: 0 };
    const taken =
      coder.bit(models.isTakenAtMost, flag(wanted.taken <= wanted.scheduled)) === 1
        ? scheduled - models.missed.code(coder, scheduled, wanted.scheduled - wanted.taken)
        : models.missed.code(coder, MAX_COUNT, wanted.taken);
    adherence.push({ phaseStart, taken, scheduled });
  }
  return {
    name,
    ...(presetId !== undefined && { presetId }),
    drugClass,
    color,
    events,
    baselineX100,
    adherence,
  };
}

/** A dose as "the same as the last one", else its amount (a mantissa and 0-3 decimals) and unit. */
function codeDose(
  coder: BitCoder,
  models: MedicationModels,
  previous: SummaryEvent['dose'],
  dose: SummaryEvent['dose'],
): NonNullable<SummaryEvent['dose']> {
  const isSame = dose !== undefined && previous?.amount === dose.amount && previous.unit === dose.unit;
  if (previous && coder.bit(models.isSameDose, flag(isSame)) === 1) return previous;
  let thousandths = Math.round((dose?.amount ?? 0) * 1000);
  let decimals = 3;
  while (decimals > 0 && thousandths % 10 === 0 && thousandths > 0) {
    thousandths /= 10;
    decimals -= 1;
  }
  const codedDecimals = models.doseDecimals.code(coder, decimals);
  const mantissa = models.doseMantissa.code(coder, MAX_DOSE_THOUSANDTHS, thousandths);
  const amount = mantissa / 10 ** codedDecimals;
  const unit = itemAt(DOSE_UNITS, models.doseUnit.code(coder, indexIn(DOSE_UNITS, dose?.unit)));
  return { amount, unit };
}
