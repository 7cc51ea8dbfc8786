/**
 * The medication layer of both charts (Trends and the Summary, on screen and in the PDF): a line where a
 * phase begins inside the range, and a band over each interruption, clipped to the range.
 */
import { dayIndex, type DateRange } from './date-range';
import type { IsoDate } from './dates';
import type { RegimenEvent } from './medication';
import type { Dose, Phase } from './phases';

/** What the marks need to know of each medication. */
export interface MedicationPhases {
  id: string;
  color: string;
  phases: readonly Phase[];
}

/** A medication event inside the range: the start of one of its phases. */
export interface EventMarker {
  x: number;
  date: IsoDate;
  medicationId: string;
  color: string;
  kind: RegimenEvent['kind'];
  /** The dose taken from this event on (for a start, dose change and resume). */
  dose?: Dose;
  frequency?: Phase['frequency'];
  reason?: Phase['reason'];
  /** The dose in force before the event (a dose change reads "from 15 to 30 mg"). */
  previousDose?: Dose;
  previousFrequency?: Phase['frequency'];
}

/** An interruption clipped to the range, in day numbers: the band covers whole days. */
export interface InterruptionBand {
  medicationId: string;
  color: string;
  from: IsoDate;
  to: IsoDate;
  xFrom: number;
  xTo: number;
  reason?: Phase['reason'];
}

export interface ChartMarks {
  /** In order of day, then of medication id. */
  markers: EventMarker[];
  /** In order of first day. */
  bands: InterruptionBand[];
}

function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

function later(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Event lines for the phases that begin inside the range, and interruption bands clipped to it. */
export function chartMarks(range: DateRange, medications: readonly MedicationPhases[]): ChartMarks {
  const markers: EventMarker[] = [];
  const bands: InterruptionBand[] = [];
  for (const medication of medications) {
    medication.phases.forEach((phase, index) => {
      const previous = medication.phases[index - 1];
      if (range.from <= phase.start && phase.start <= range.to) {
        markers.push({
          x: dayIndex(range, phase.start),
          date: phase.start,
          medicationId: medication.id,
          color: medication.color,
          kind: phase.startedBy,
          ...(phase.kind === 'on' && phase.dose && { dose: phase.dose }),
          ...(phase.kind === 'on' && phase.frequency && { frequency: phase.frequency }),
          ...(phase.reason && { reason: phase.reason }),
          ...(previous?.dose && previous.kind !== 'stopped' && { previousDose: previous.dose }),
          ...(previous?.frequency && previous.kind !== 'stopped' && { previousFrequency: previous.frequency }),
        });
      }
      if (phase.kind === 'interrupted' && phase.start <= range.to && phase.end >= range.from) {
        const from = later(phase.start, range.from);
        const to = earlier(phase.end, range.to);
        bands.push({
          medicationId: medication.id,
          color: medication.color,
          from,
          to,
          xFrom: dayIndex(range, from) - 0.5,
          xTo: dayIndex(range, to) + 0.5,
          ...(phase.reason && { reason: phase.reason }),
        });
      }
    });
  }
  markers.sort((a, b) => a.x - b.x || a.medicationId.localeCompare(b.medicationId));
  bands.sort((a, b) => a.xFrom - b.xFrom);
  return { markers, bands };
}
