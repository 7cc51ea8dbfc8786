/**
 * A medication's events cut its time into phases: on a dose, interrupted (with a reason), stopped. Every
 * chart and summary is built on them. Phases of one medication never overlap and, from the first start
 * to `today`, leave no day uncovered.
 */
import { addDays, daysBetween, type IsoDate } from './dates';
import type { DOSE_UNITS, FREQUENCIES, RegimenEvent, STOP_REASONS } from './medication';
import { checkRegimenHistory, sortEvents } from './regimen';

export interface Dose {
  amount: number;
  unit: (typeof DOSE_UNITS)[number];
}

export interface Phase {
  medicationId: string;
  kind: 'on' | 'interrupted' | 'stopped';
  /** The event that began the phase. */
  startedBy: RegimenEvent['kind'];
  startEventId: string;
  start: IsoDate;
  /** Last day of the phase, inclusive; `today` for the phase still running. */
  end: IsoDate;
  isOngoing: boolean;
  /** For `on`: the dose taken; for `interrupted`: the dose that was paused. */
  dose?: Dose;
  frequency?: (typeof FREQUENCIES)[number];
  reason?: (typeof STOP_REASONS)[number];
}

export function phaseLengthDays(phase: Pick<Phase, 'start' | 'end'>): number {
  return daysBetween(phase.start, phase.end) + 1;
}

/**
 * The phases of one medication up to `today`. Events that would make the history impossible (see
 * `checkRegimenHistory`) are left out rather than guessed at; the screen refuses them on entry anyway.
 */
export function buildPhases(events: readonly RegimenEvent[], today: IsoDate): Phase[] {
  const rejected = new Set(checkRegimenHistory(events, today).map((problem) => problem.eventId));
  const valid = sortEvents(events).filter((event) => !rejected.has(event.id));
  const phases: Phase[] = [];
  let dose: Dose | undefined;
  let frequency: Phase['frequency'];
  valid.forEach((event, index) => {
    if (event.dose) dose = { amount: event.dose.amount, unit: event.dose.unit };
    if (event.frequency) frequency = event.frequency;
    const next = valid[index + 1];
    const end = next ? addDays(next.date, -1) : today;
    const kind: Phase['kind'] =
      event.kind === 'interruption' ? 'interrupted' : event.kind === 'stop' ? 'stopped' : 'on';
    phases.push({
      medicationId: event.medicationId,
      kind,
      startedBy: event.kind,
      startEventId: event.id,
      start: event.date,
      end,
      isOngoing: !next,
      ...(kind !== 'stopped' && dose && { dose }),
      ...(kind !== 'stopped' && frequency && { frequency }),
      ...(event.reason && kind !== 'on' && { reason: event.reason }),
    });
  });
  return phases;
}

/** The phase a date falls in, if any. */
export function phaseOn(phases: readonly Phase[], date: IsoDate): Phase | undefined {
  return phases.find((phase) => phase.start <= date && date <= phase.end);
}
